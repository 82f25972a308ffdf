import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse } from 'graphql';

// The trusted documents' manifest that codegen writes beside the typed documents: one entry per
// operation of the dashboard, each under the sha256 (hex) of its text, which is what the production
// dashboard sends as extensions.persistedQuery.sha256Hash.

const dashboard = path.join(__dirname, '../examples/dashboard/src');
const manifest = JSON.parse(readFileSync(path.join(dashboard, '__generated__/persisted-documents.json'), 'utf8')) as Record<string, string>;
const operationName = (text: string) => parse(text).definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value] : []));

it('has exactly one entry per operation of the documents', () => {
  const operations = readdirSync(path.join(dashboard, 'graphql'))
    .filter((file) => file.endsWith('.graphql'))
    .flatMap((file) => operationName(readFileSync(path.join(dashboard, 'graphql', file), 'utf8')));
  expect(operations.length).toBeGreaterThan(0);
  expect(Object.values(manifest).flatMap(operationName).sort()).toEqual(operations.sort());
});

it('keys each document by the sha256 hex of its text', () => {
  for (const [hash, text] of Object.entries(manifest)) {
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(createHash('sha256').update(text).digest('hex')).toBe(hash);
  }
});

it('gives each generated document the hash of its manifest entry', () => {
  // What client.ts sends: the hash codegen embedded in the typed document (__meta__.hash).
  const generated = readFileSync(path.join(dashboard, '__generated__/graphql.ts'), 'utf8');
  const embedded = [...generated.matchAll(/"__meta__":\{"hash":"([0-9a-f]+)"\}/g)].map((m) => m[1]);
  expect(embedded.sort()).toEqual(Object.keys(manifest).sort());
});
