import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateGatewayKey } from '../src/auth';
import { startSandbox } from '../src/sandbox';
import { SANDBOX_CREDENTIALS } from '../src/sandbox/seed';
import { READY, runMain, sourceVariables, startGatewayProcess } from './gateway-process';
import { startOtlpReceiver } from './otlp';

// `npm start` as an operator meets it: the process, its environment, its first log lines.

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
beforeAll(async () => { sandbox = await startSandbox(); });
afterAll(() => sandbox.close());

it('starts over Qualifi and QA Sphere alone, says which sources it has, and reports the third as not configured', async () => {
  const { child, done } = runMain({
    QUALIFI_BASE_URL: sandbox.urls.qualifi, QUALIFI_API_KEY: SANDBOX_CREDENTIALS.qualifiApiKey,
    QASPHERE_BASE_URL: sandbox.urls.qaSphere, QASPHERE_API_KEY: SANDBOX_CREDENTIALS.qaSphereApiKey,
  }, READY);
  try {
    const { output } = await done;
    const started = output.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { msg: string; sources?: unknown });
    const mode = started.find((line) => line.sources);
    expect(mode?.msg).toBe('upstream mode over QUALIFI, QA_SPHERE');
    expect(mode?.sources).toEqual({ QUALIFI: sandbox.urls.qualifi, HUMAN_API: 'not-configured', QA_SPHERE: sandbox.urls.qaSphere });

    const url = READY.exec(output)![1];
    const readyz = await (await fetch(new URL('/readyz', url))).json();
    expect(readyz.sources).toEqual({ QUALIFI: 'closed', HUMAN_API: 'not-configured', QA_SPHERE: 'closed' });
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ users { sources } }' }) });
    const body = await res.json();
    expect(body.errors).toBeUndefined();
    expect(body.data.users.length).toBeGreaterThan(0);
    expect(sandbox.emulators.humanApi.calls).toEqual([]);
  } finally {
    child.kill('SIGTERM');
  }
}, 30_000);

it.each([
  [{ HUMANAPI_APP_KEY: 'ak' }, 'HUMANAPI_APP_KEY is set but HUMANAPI_APP_ID is not'],
  [{ QUALIFI_API_KEY: 'k', QASPHERE_API_KEY: 'acme.1.x' }, 'QASPHERE_API_KEY is set but QASPHERE_BASE_URL is not'],
  [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_SAMPLER: 'sometimes' }, 'OTEL_TRACES_SAMPLER must be one of'],
  [{ TRUSTED_DOCUMENTS: '/nowhere/persisted-documents.json' }, 'TRUSTED_DOCUMENTS names /nowhere/persisted-documents.json, which cannot be read (ENOENT)'],
])('refuses to start on a bad configuration, naming what is wrong (%#)', async (env, message) => {
  const { code, output } = await runMain(env).done;
  expect(code).toBe(1);
  expect(output).toContain(`user-graph: ${message}`);
}, 30_000);

it('runs the dashboard\'s manifest in production, by id only', async () => {
  const manifestPath = path.join(__dirname, '../examples/dashboard/src/__generated__/persisted-documents.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, string>;
  const filters = Object.keys(manifest).find((hash) => /query Filters\b/.test(manifest[hash]))!;
  const key = generateGatewayKey('read');
  const gateway = await startGatewayProcess({ ...sourceVariables(sandbox.upstreams), NODE_ENV: 'production', GATEWAY_API_KEYS: key.entry, TRUSTED_DOCUMENTS: manifestPath });
  try {
    expect(gateway.logLines().find((line) => line.trustedDocuments)?.msg)
      .toBe(`running the ${Object.keys(manifest).length} trusted documents only: a document sent as text is refused`);
    const send = (body: unknown) => fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key.key}` }, body: JSON.stringify(body) });
    const byId = await send({ documentId: `sha256:${filters}` });
    expect(byId.status).toBe(200);
    expect((await byId.json()).data.roles.length).toBeGreaterThan(0);
    const asText = await send({ query: manifest[filters] });
    expect(asText.status).toBe(400);
    expect((await asText.json()).errors[0].extensions.code).toBe('PERSISTED_QUERY_REQUIRED');
  } finally {
    await gateway.stop();
  }
}, 30_000);

it('exports traces over OTLP/HTTP with protobuf, the specification\'s default, when only an endpoint is set', async () => {
  const receiver = await startOtlpReceiver();
  const gateway = await startGatewayProcess({ ...sourceVariables(sandbox.upstreams), OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '5' });
  try {
    const tracing = gateway.logLines().find((line) => line.tracing);
    expect(tracing?.msg).toBe(`exporting traces to ${receiver.url}/v1/traces over http/protobuf`);
    const res = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ users { email } }' }) });
    expect(res.status).toBe(200);
    await gateway.stop(); // shutting down exports what is still queued
    expect(receiver.payloads.length).toBeGreaterThan(0);
    for (const { path, contentType, body } of receiver.payloads) {
      expect(path).toBe('/v1/traces');
      expect(contentType).toBe('application/x-protobuf');
      // Protobuf keeps strings as they are: the default service name and the server span's name.
      expect(body.includes('user-graph')).toBe(true);
    }
    expect(Buffer.concat(receiver.payloads.map((p) => p.body)).includes('POST /graphql')).toBe(true);
  } finally {
    await gateway.stop();
    await receiver.close();
  }
}, 30_000);
