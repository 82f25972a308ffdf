import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { generateGatewayKey, parseGatewayKeys } from '../src/auth';
import { DEFAULT_CACHE, DEFAULT_LIMITS, DEFAULT_RESILIENCE } from '../src/config';
import { ConfigError } from '../src/errors';
import { createLogger } from '../src/logger';
import { startServer } from '../src/server';
import { readManifest } from '../src/trusteddocuments';
import { CREATE_API_USERS, codes, startStack, vendorCalls, type GraphQLBody, type Stack } from './stack';

// Trusted documents over HTTP: documents named by id in either form (Apollo's persisted-query
// extension, GraphQL-over-HTTP's documentId), refusals before anything is sent, and everything a
// document sent as text meets still met (key scopes, variables).

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const PEOPLE = 'query People($role: RoleName) { users(role: $role) { email name role { name } } }';
const PERSON = 'query Person($email: EmailAddress!) { user(email: $email) { email sources } }';
const manifest = Object.fromEntries([PEOPLE, PERSON, CREATE_API_USERS].map((doc) => [sha256(doc), doc]));

const read = generateGatewayKey('read');
const write = generateGatewayKey('write');
const gatewayKeys = parseGatewayKeys(`${read.entry}, ${write.entry}`);
const asRead = { authorization: `Bearer ${read.key}` };
const asWrite = { authorization: `Bearer ${write.key}` };

let only: Stack;
let open: Stack;
beforeAll(async () => {
  [only, open] = await Promise.all([
    startStack({ gatewayKeys, trustedDocuments: { documents: manifest, only: true } }),
    startStack({ gatewayKeys, trustedDocuments: { documents: manifest, only: false } }),
  ]);
});
beforeEach(() => Promise.all([only.reset(), open.reset()]));
afterAll(() => Promise.all([only?.close(), open?.close()]));


async function post(stack: Stack, body: unknown, headers: Record<string, string> = asRead) {
  const res = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as GraphQLBody };
}
async function get(stack: Stack, params: Record<string, string>, headers: Record<string, string> = asRead) {
  // apollo-require-preflight: Apollo's CSRF prevention lets a GET through with a non-simple header.
  const res = await fetch(`${stack.url}?${new URLSearchParams(params)}`, { headers: { 'apollo-require-preflight': 'true', ...headers } });
  return { status: res.status, body: (await res.json()) as GraphQLBody };
}

describe('documents named by id', () => {
  it.each([
    ['extensions.persistedQuery.sha256Hash', (hash: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } })],
    ['documentId "sha256:<hex>"', (hash: string) => ({ documentId: `sha256:${hash}` })],
    ['documentId as the bare hash', (hash: string) => ({ documentId: hash })],
  ])('runs the trusted document named by %s, answering what its text answers', async (_form, named) => {
    const { body: expected } = await post(open, { query: PEOPLE, variables: { role: 'ADMIN' } });
    expect(expected.data!.users.length).toBeGreaterThan(0);
    const { status, body } = await post(only, { ...named(sha256(PEOPLE)), variables: { role: 'ADMIN' } });
    expect({ status, body }).toEqual({ status: 200, body: expected });
  });

  it('runs one by GET, with its variables', async () => {
    const email = only.seed.qualifi.users[0].email;
    const { status, body } = await get(only, { documentId: `sha256:${sha256(PERSON)}`, variables: JSON.stringify({ email }) });
    expect(status).toBe(200);
    expect(body.data!.user.email).toBe(email.toLowerCase());
    const viaExtension = await get(only, { extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha256(PERSON) } }), variables: JSON.stringify({ email }) });
    expect(viaExtension.body).toEqual(body);
  });

  it('refuses an id that is not in the manifest, with PERSISTED_QUERY_NOT_FOUND and no vendor call', async () => {
    for (const stack of [only, open]) {
      for (const named of [{ documentId: `sha256:${sha256('{ users { email } }')}` }, { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }, { documentId: 'constructor' }]) {
        const { status, body } = await post(stack, named);
        expect({ status, codes: codes(body) }).toEqual({ status: 400, codes: ['PERSISTED_QUERY_NOT_FOUND'] });
      }
      expect(vendorCalls(stack)).toEqual([]);
    }
  });

  it('lets no caller register a document: a text sent with its hash runs as text, and its hash alone stays unknown', async () => {
    const text = '{ roles { name } }';
    const registering = await post(open, { query: text, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(text) } } });
    expect(registering.body.data!.roles.length).toBeGreaterThan(0);
    const { status, body } = await post(open, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(text) } } });
    expect({ status, codes: codes(body) }).toEqual({ status: 400, codes: ['PERSISTED_QUERY_NOT_FOUND'] });
  });
});

describe('trusted documents only', () => {
  it('refuses a document sent as text, by POST or GET, with HTTP 400 PERSISTED_QUERY_REQUIRED and no vendor call', async () => {
    const posted = await post(only, { query: PEOPLE });
    const got = await get(only, { query: '{ users { email } }' });
    for (const { status, body } of [posted, got]) {
      expect({ status, codes: codes(body), data: body.data }).toEqual({ status: 400, codes: ['PERSISTED_QUERY_REQUIRED'], data: undefined });
    }
    expect(vendorCalls(only)).toEqual([]);
  });

  it('still runs text when TRUSTED_DOCUMENTS_ONLY is false', async () => {
    const { status, body } = await post(open, { query: '{ roles { name } }' });
    expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  });

  it('checks the gateway key first: no key is 401 whatever the document', async () => {
    const { status } = await post(only, { documentId: sha256(PEOPLE) }, {});
    expect(status).toBe(401);
  });

  it('keeps key scopes: a read key cannot run a trusted mutation, a write key can', async () => {
    const input = { users: [{ firstName: 'Ada', lastName: 'Byron', email: 'ada.byron@acme.example', teamIds: [only.seed.qualifi.teams[0].id] }] };
    const refused = await post(only, { documentId: sha256(CREATE_API_USERS), variables: { input } }, asRead);
    expect(codes(refused.body)).toEqual(['FORBIDDEN']);
    expect(only.qualifi.calls).toEqual([]);
    const created = await post(only, { documentId: sha256(CREATE_API_USERS), variables: { input } }, asWrite);
    expect(created.body.data!.createApiUsers.results).toEqual([{ email: 'ada.byron@acme.example', status: 'CREATED' }]);
  });

  it('still validates variables: a bad email is BAD_USER_INPUT, with no vendor call', async () => {
    const { body } = await post(only, { documentId: sha256(PERSON), variables: { email: 'not-an-email' } });
    expect(codes(body)).toEqual(['BAD_USER_INPUT']);
    expect(vendorCalls(only)).toEqual([]);
  });
});

describe('the manifest', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(path.join(os.tmpdir(), 'manifest-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => { const where = path.join(dir, name); writeFileSync(where, text); return where; };

  it('is read whole when every entry is a document under the sha256 of its text', () => {
    expect(readManifest(file('good.json', JSON.stringify(manifest)), 'TRUSTED_DOCUMENTS')).toEqual(manifest);
  });

  it.each([
    ['a missing file', () => path.join(dir, 'absent.json'), /TRUSTED_DOCUMENTS names .*absent\.json, which cannot be read \(ENOENT\)/],
    ['not JSON', () => file('bad.json', '{ nope'), /TRUSTED_DOCUMENTS names .*, which is not JSON/],
    ['a list', () => file('list.json', '[]'), /not an object of sha256 hashes to documents/],
    ['a hash that is not its document\'s', () => file('tampered.json', JSON.stringify({ [sha256(PEOPLE)]: PERSON })), /whose entry "[0-9a-f]{64}" is not a document under the sha256 of its text/],
  ])('stops start-up on %s, naming the variable', (_name, where, message) => {
    expect(() => readManifest(where(), 'TRUSTED_DOCUMENTS')).toThrow(ConfigError);
    expect(() => readManifest(where(), 'TRUSTED_DOCUMENTS')).toThrow(message);
  });

  it('stops start-up when a document does not validate against the schema', async () => {
    const stale = '{ users { email nickname } }';
    const start = startServer({
      port: 0, upstreams: only.serverOptions.upstreams, logger: createLogger('silent', new Writable({ write: (_c, _e, done) => done() })),
      resilience: DEFAULT_RESILIENCE, limits: { ...DEFAULT_LIMITS, introspection: false, fieldSuggestions: false }, cache: DEFAULT_CACHE, gatewayKeys: [],
      trustedDocuments: { documents: { [sha256(stale)]: stale }, only: true },
    });
    await expect(start).rejects.toThrow(ConfigError);
    await expect(start).rejects.toThrow(`TRUSTED_DOCUMENTS: the document sha256:${sha256(stale)} does not validate against this schema (Cannot query field "nickname" on type "User".`);
  });
});
