import { randomBytes } from 'node:crypto';
import { generateGatewayKey } from '../src/auth';
import { startSandbox } from '../src/sandbox';
import { SANDBOX_CREDENTIALS, seedOrganisation } from '../src/sandbox/seed';
import { sourceVariables, startGatewayProcess } from './gateway-process';
import { SPAN_KIND, STATUS_ERROR, startOtlpReceiver, type ExportedSpan } from './otlp';
import { codes, gql, startStack } from './stack';

// Traces as an operator's collector receives them: the caller's trace continued through the
// gateway to each vendor, one CLIENT span per attempt, and nothing in them that is anyone's secret.
// The gateway runs as `npm start` runs it, configured by the OTEL_* variables alone (the OTLP
// exporter loads node:http with a dynamic import, which Jest's module sandbox cannot run).

let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let gateway: Awaited<ReturnType<typeof startGatewayProcess>>;
const reader = generateGatewayKey('read');
const writer = generateGatewayKey('write');
const seed = seedOrganisation();

beforeAll(async () => {
  [receiver, sandbox] = await Promise.all([startOtlpReceiver(), startSandbox()]);
  gateway = await startGatewayProcess({
    ...sourceVariables(sandbox.upstreams), ...receiver.env, LOG_LEVEL: 'debug',
    GATEWAY_API_KEYS: `${reader.entry},${writer.entry}`, UPSTREAM_RETRIES: '1', UPSTREAM_RETRY_BASE_MS: '1', UPSTREAM_RETRY_MAX_MS: '5',
  });
}, 30_000);
afterAll(async () => { await gateway.stop(); await Promise.all([receiver.close(), sandbox.close()]); });
beforeEach(() => {
  for (const emulator of Object.values(sandbox.emulators)) emulator.reset();
  receiver.clear();
});

const asReader = { authorization: `Bearer ${reader.key}` };
const asWriter = { authorization: `Bearer ${writer.key}` };

/** A caller's own trace context, as its instrumented HTTP client would send it. */
function callerContext() {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceId, spanId, headers: { traceparent: `00-${traceId}-${spanId}-01`, tracestate: 'caller=1' } };
}

const isServer = (span: ExportedSpan) => span.kind === SPAN_KIND.SERVER;
const childrenOf = (spans: ExportedSpan[], parent: ExportedSpan) => spans.filter((s) => s.parentSpanId === parent.spanId);

/** The spans of one trace once its SERVER span (ended last) has been exported. */
async function traceOf(traceId: string) {
  const spans = await receiver.waitFor((all) => all.some((s) => s.traceId === traceId && isServer(s)), `the server span of ${traceId}`);
  const mine = spans.filter((s) => s.traceId === traceId);
  return { spans: mine, server: mine.find(isServer)! };
}

const PEOPLE = 'query People { users { email teams { name } role { name } humanApi { humanId } } }';

it('continues the caller\'s trace: a SERVER span, its phases, and a CLIENT span per vendor call that the vendor received', async () => {
  const caller = callerContext();
  const { status, body } = await gql(gateway.url, PEOPLE, undefined, { ...asReader, ...caller.headers, 'x-request-id': 'req-trace-1' });
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();

  const { spans, server } = await traceOf(caller.traceId);
  expect(server.parentSpanId).toBe(caller.spanId);
  expect(server.name).toBe('POST /graphql');
  expect(server.resource['service.name']).toBe('user-graph-test');
  expect(server.attributes).toMatchObject({
    'graphql.operation.name': 'People', 'graphql.operation.type': 'query', 'user_graph.request_id': 'req-trace-1',
    'http.request.method': 'POST', 'http.route': '/graphql', 'http.response.status_code': 200,
  });
  expect(server.status.code).not.toBe(STATUS_ERROR);

  const phases = childrenOf(spans, server);
  expect(phases.map((s) => s.name).sort()).toEqual(['graphql.parse', 'graphql.validate', 'query People']);
  const execution = phases.find((s) => s.name === 'query People')!;
  expect(execution.attributes).toMatchObject({ 'graphql.operation.name': 'People', 'graphql.operation.type': 'query' });

  // Every vendor call is a CLIENT span of the execution, and the vendor got that span as its parent.
  const clientSpans = spans.filter((s) => s.kind === SPAN_KIND.CLIENT);
  const { qualifi, humanApi, qaSphere } = sandbox.emulators;
  const emulators = { QUALIFI: qualifi, HUMAN_API: humanApi, QA_SPHERE: qaSphere };
  expect(clientSpans).toHaveLength(Object.values(emulators).reduce((n, e) => n + e.calls.length, 0));
  for (const span of clientSpans) {
    expect(span.parentSpanId).toBe(execution.spanId);
    const emulator = emulators[span.attributes['user_graph.source'] as keyof typeof emulators];
    const target = new URL(emulator.url);
    expect(span.attributes).toMatchObject({
      'http.request.method': 'GET', 'server.address': target.hostname, 'server.port': Number(target.port), 'http.response.status_code': 200,
    });
    expect(String(span.attributes['url.full']).startsWith(emulator.url)).toBe(true);
    // Query values are never shown, whatever they are.
    expect(String(span.attributes['url.full'])).not.toMatch(/=(?!REDACTED)/);
    const received = emulator.headers.map((h) => h.traceparent);
    expect(received).toContain(`00-${caller.traceId}-${span.spanId}-01`);
  }
  expect(clientSpans.map((s) => s.attributes['url.full'])).toContain(`${qualifi.url}/qsi/gather/users?includeTeams=REDACTED`);
  for (const emulator of Object.values(emulators)) {
    for (const headers of emulator.headers) {
      expect(headers['x-request-id']).toBe('req-trace-1');
      expect(headers.tracestate).toBe('caller=1');
    }
  }
});

it('starts a trace of its own when the caller sends none, and puts its id in the request\'s log lines', async () => {
  const { body } = await gql(gateway.url, '{ currentUser { email } }', undefined, { ...asReader, 'x-request-id': 'req-trace-2' });
  expect(body.errors).toBeUndefined();
  const spans = await receiver.waitFor((all) => all.some((s) => isServer(s) && s.attributes['user_graph.request_id'] === 'req-trace-2'), 'the server span');
  const server = spans.find((s) => isServer(s) && s.attributes['user_graph.request_id'] === 'req-trace-2')!;
  expect(server.parentSpanId).toBeUndefined();
  expect(server.attributes['graphql.operation.type']).toBe('query');
  expect(server.attributes['graphql.operation.name']).toBeUndefined();

  const requestLines = gateway.logLines().filter((line) => line.requestId === 'req-trace-2');
  expect(requestLines.length).toBeGreaterThan(0);
  for (const line of requestLines) expect(line).toMatchObject({ trace_id: server.traceId, span_id: server.spanId });
});

it('makes a failed vendor attempt an ERROR span, and each retry a span of its own', async () => {
  sandbox.emulators.qaSphere.failNext(503);
  const caller = callerContext();
  const { body } = await gql(gateway.url, '{ users { email qaSphere { email } } }', undefined, { ...asReader, ...caller.headers });
  expect(body.errors).toBeUndefined(); // the retry answered

  const { spans } = await traceOf(caller.traceId);
  const attempts = spans.filter((s) => s.kind === SPAN_KIND.CLIENT && s.attributes['user_graph.source'] === 'QA_SPHERE');
  expect(attempts.map((s) => s.attributes['http.response.status_code'])).toEqual([503, 200]);
  const [failedAttempt, retry] = attempts;
  expect(failedAttempt.status.code).toBe(STATUS_ERROR);
  expect(failedAttempt.attributes).toMatchObject({ 'error.type': '503', 'user_graph.error_code': 'UPSTREAM_UNAVAILABLE' });
  expect(retry.status.code).not.toBe(STATUS_ERROR);
  expect(retry.attributes['http.request.resend_count']).toBe(1);
});

it('records a failure the caller sees: the vendor\'s ERROR span and the answer\'s error codes on the request', async () => {
  sandbox.emulators.humanApi.failNext(500);
  const caller = callerContext();
  const { body } = await gql(gateway.url, '{ humanUsers { humanId } }', undefined, { ...asReader, ...caller.headers });
  const [code] = codes(body);
  expect(code).toMatch(/^UPSTREAM_/);

  const { spans, server } = await traceOf(caller.traceId);
  const failedCall = spans.find((s) => s.kind === SPAN_KIND.CLIENT && s.attributes['user_graph.source'] === 'HUMAN_API')!;
  expect(failedCall.status.code).toBe(STATUS_ERROR);
  expect(failedCall.attributes).toMatchObject({ 'error.type': '500', 'http.response.status_code': 500, 'user_graph.error_code': code });
  expect(server.attributes['user_graph.error_codes']).toEqual([code]);
  expect(server.status.code).not.toBe(STATUS_ERROR); // a partial answer is a 200, not the gateway failing
});

it('traces a refused request too, with nothing sent to any vendor', async () => {
  const caller = callerContext();
  const { status } = await gql(gateway.url, PEOPLE, undefined, caller.headers);
  expect(status).toBe(401);
  const { spans, server } = await traceOf(caller.traceId);
  expect(server.attributes['http.response.status_code']).toBe(401);
  expect(spans).toEqual([server]);
  expect(Object.values(sandbox.emulators).flatMap((e) => e.calls)).toEqual([]);
});

it('marks an answer shared with an identical query that was executing: no execution and no vendor call of its own', async () => {
  sandbox.emulators.qaSphere.inject({ delayMs: 300 });
  const leading = gql(gateway.url, PEOPLE, undefined, asReader);
  while (sandbox.emulators.qaSphere.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  const caller = callerContext();
  const [led, shared] = await Promise.all([leading, gql(gateway.url, PEOPLE, undefined, { ...asReader, ...caller.headers })]);
  expect(shared.body).toEqual(led.body);
  const { spans, server } = await traceOf(caller.traceId);
  expect(server.events.map((e) => e.name)).toEqual(['user_graph.answer.shared']);
  // Apollo had the document parsed and validated already: the request's span is the whole trace.
  expect(spans).toEqual([server]);
});

describe('a request byte for byte like one answered just before', () => {
  const clientSpans = (spans: ExportedSpan[]) => spans.filter((s) => s.kind === SPAN_KIND.CLIENT);
  const executionOf = (spans: ExportedSpan[], server: ExportedSpan) => childrenOf(spans, server).find((s) => s.name.startsWith('query'))!;

  it('sends that one\'s reads before its own execution starts, and the execution takes them', async () => {
    const query = '{ users { email role { name } } }';
    const first = callerContext();
    const again = callerContext();
    await gql(gateway.url, query, undefined, { ...asReader, ...first.headers });
    const calls = Object.values(sandbox.emulators).map((e) => e.calls.length);
    const { body } = await gql(gateway.url, query, undefined, { ...asReader, ...again.headers });
    expect(body.errors).toBeUndefined();
    // Each read went once more, not twice: the execution took the one sent ahead.
    expect(Object.values(sandbox.emulators).map((e) => e.calls.length)).toEqual(calls.map((n) => n * 2));

    const before = await traceOf(first.traceId);
    const sources = clientSpans(before.spans).map((s) => s.attributes['user_graph.source']).sort();
    for (const span of clientSpans(before.spans)) expect(span.parentSpanId).toBe(executionOf(before.spans, before.server).spanId);
    const { spans, server } = await traceOf(again.traceId);
    expect(clientSpans(spans).map((s) => s.attributes['user_graph.source']).sort()).toEqual(sources);
    for (const span of clientSpans(spans)) expect(span.parentSpanId).toBe(server.spanId);
    // They are the execution's own reads, sent early: not calls of another request that it joined.
    expect(executionOf(spans, server).events.map((e) => e.name)).not.toContain('user_graph.upstream.joined');
  });

  it('sends nothing ahead when that one\'s answer had errors', async () => {
    const query = '{ users { email twoFactorEnabled } }';
    sandbox.emulators.qaSphere.failNext(500);
    const { body: failed } = await gql(gateway.url, query, undefined, asReader);
    expect(codes(failed)).toContain('UPSTREAM_UNAVAILABLE');
    const again = callerContext();
    const { body } = await gql(gateway.url, query, undefined, { ...asReader, ...again.headers });
    expect(body.errors).toBeUndefined();
    const { spans, server } = await traceOf(again.traceId);
    expect(clientSpans(spans).length).toBeGreaterThan(0);
    for (const span of clientSpans(spans)) expect(span.parentSpanId).toBe(executionOf(spans, server).spanId);
  });
});

it('puts no credential, header value, document literal or person\'s data in any span', async () => {
  const victim = seed.humanApi.apps[0].users[0];
  const forwardedKey = seed.qaSphere.apiKeys[1].key;
  const someone = seed.qualifi.users[3];
  await gql(gateway.url, PEOPLE, undefined, asReader);
  await gql(gateway.url, `{ user(email: "${someone.email}") { name } }`, undefined, { ...asReader, 'x-qasphere-authorization': `ApiKey ${forwardedKey}` });
  await gql(gateway.url, 'query One($email: String!) { user(email: $email) { name } }', { email: seed.qaSphere.users[2].email }, asReader);
  await gql(gateway.url, 'mutation ($id: ID!) { deleteHumanUser(humanId: $id) { deleted } }', { id: victim.humanId }, { ...asWriter, 'user-agent': 'secret-agent/1.0' });
  await gql(gateway.url, '{ users { email } }', undefined, { authorization: 'Bearer not-a-key-of-ours' });
  await receiver.waitFor((all) => all.filter(isServer).length === 5, 'five server spans');

  // The vendor's URL names the deleted person's id only as REDACTED.
  const deletion = receiver.spans.find((s) => s.kind === SPAN_KIND.CLIENT && s.attributes['http.request.method'] === 'DELETE')!;
  expect(deletion.attributes['url.full']).toBe(`${sandbox.urls.humanApi}/v1/apps/${SANDBOX_CREDENTIALS.humanApiAppId}/users/REDACTED`);

  const secrets = [
    ...Object.values(SANDBOX_CREDENTIALS).filter((v) => v !== SANDBOX_CREDENTIALS.humanApiAppId), // the app id is not a secret, and is in the URL
    Buffer.from(`${SANDBOX_CREDENTIALS.humanApiAppKey}:`).toString('base64'),
    reader.key, writer.key, forwardedKey, 'not-a-key-of-ours', 'secret-agent',
  ];
  const people = [
    ...seed.qualifi.users.flatMap((u) => [u.email, u.firstName, u.lastName]),
    ...seed.qaSphere.users.flatMap((u) => [u.email, u.name]),
    ...seed.humanApi.apps[0].users.flatMap((u) => [u.humanId, u.externalId]),
  ].filter((value): value is string => typeof value === 'string' && value.length >= 5);
  const exported = receiver.raw();
  expect(exported.length).toBeGreaterThan(0);
  for (const value of [...secrets, ...people]) {
    expect({ value, found: exported.includes(value) || exported.toLowerCase().includes(value.toLowerCase()) }).toEqual({ value, found: false });
  }
});

describe('what happened on the way', () => {
  let cached: Awaited<ReturnType<typeof startGatewayProcess>>;
  beforeAll(async () => {
    cached = await startGatewayProcess({
      ...sourceVariables(sandbox.upstreams), ...receiver.env,
      CACHE_TTL_MS: '60000', QASPHERE_RATE_LIMIT_PER_SECOND: '1', UPSTREAM_RETRIES: '0', CIRCUIT_BREAKER_FAILURES: '1', CIRCUIT_BREAKER_RESET_MS: '60000',
    });
  }, 30_000);
  afterAll(() => cached.stop());

  const eventsOf = (spans: ExportedSpan[], name: string) => spans.flatMap((s) => s.events.filter((e) => e.name === name));

  it('marks answers served by either cache, and waits for a vendor\'s rate limit', async () => {
    await gql(cached.url, '{ users { email } }');
    const again = callerContext();
    await gql(cached.url, '{ users { email } }', undefined, again.headers);
    const { server } = await traceOf(again.traceId);
    expect(server.events.map((e) => e.name)).toEqual(['user_graph.response_cache.hit']);

    // Another document over the same lists: no whole answer to reuse, but every list from the upstream cache.
    const other = callerContext();
    await gql(cached.url, '{ users { name } }', undefined, other.headers);
    const { spans } = await traceOf(other.traceId);
    expect(eventsOf(spans, 'user_graph.cache.hit').map((e) => e.attributes['user_graph.source']).sort()).toEqual(['HUMAN_API', 'QA_SPHERE', 'QUALIFI']);
    expect(spans.filter((s) => s.kind === SPAN_KIND.CLIENT)).toEqual([]);

    // QA Sphere at one call a second: the second call for /users/me waits its turn, and says so.
    const third = callerContext();
    await gql(cached.url, '{ currentUser { email } }', undefined, third.headers);
    const { spans: waited } = await traceOf(third.traceId);
    const [wait] = eventsOf(waited, 'user_graph.rate_limit.wait');
    expect(wait.attributes['user_graph.wait_ms']).toBeGreaterThan(0);
  });

  it('marks a refusal by an open circuit', async () => {
    sandbox.emulators.qualifi.failNext(503);
    await gql(cached.url, '{ teams { name } }');
    const caller = callerContext();
    const { body } = await gql(cached.url, '{ teams { name } }', undefined, caller.headers);
    expect(body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ source: 'QUALIFI', circuit: 'open' }) })]);
    expect(sandbox.emulators.qualifi.calls).toEqual(['GET /qsi/gather/teams']);
    const { spans } = await traceOf(caller.traceId);
    expect(eventsOf(spans, 'user_graph.circuit_open').map((e) => e.attributes['user_graph.source'])).toEqual(['QUALIFI']);
  });
});

it('sends no traceparent to any vendor while tracing is off', async () => {
  const untraced = await startStack();
  try {
    const caller = callerContext();
    await gql(untraced.url, PEOPLE, undefined, caller.headers);
    const sent = [untraced.qualifi, untraced.humanApi, untraced.qaSphere].flatMap((e) => e.headers);
    expect(sent.length).toBeGreaterThan(0);
    for (const headers of sent) expect(headers.traceparent).toBeUndefined();
  } finally {
    await untraced.close();
  }
});
