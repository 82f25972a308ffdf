import { SANDBOX_CREDENTIALS } from '../src/sandbox/seed';
import { codes, gql, startStack, type Stack } from './stack';

const TIMEOUT_MS = 300;
let stack: Stack;
// Retries and the circuit breaker have their own suite (resilience.test.ts): here every failure is seen as it is.
beforeAll(async () => { stack = await startStack({ resilience: { timeoutMs: TIMEOUT_MS, retries: 0, breakerFailures: 1000 } }); });
beforeEach(() => stack.reset());
afterAll(() => stack.close());

const ROLES = '{ currentUser { email } }';

describe('one mapping from upstream status to code, for every source', () => {
  const cases: [number, string][] = [
    [400, 'BAD_USER_INPUT'], [401, 'UNAUTHENTICATED'], [403, 'FORBIDDEN'], [404, 'NOT_FOUND'],
    [422, 'BAD_USER_INPUT'], [429, 'RATE_LIMITED'], [500, 'UPSTREAM_UNAVAILABLE'], [502, 'UPSTREAM_UNAVAILABLE'], [503, 'UPSTREAM_UNAVAILABLE'],
  ];
  const sources = [
    { source: 'QUALIFI', emulator: () => stack.qualifi, query: '{ teams { id } }', path: ['teams'] },
    { source: 'HUMAN_API', emulator: () => stack.humanApi, query: '{ humanUsers { humanId } }', path: ['humanUsers'] },
    { source: 'QA_SPHERE', emulator: () => stack.qaSphere, query: ROLES, path: ['currentUser'] },
  ];
  for (const { source, emulator, query, path } of sources) {
    it.each(cases)(`${source} %i -> %s`, async (status, code) => {
      emulator().failNext(status);
      const { status: httpStatus, body } = await gql(stack.url, query);
      expect(httpStatus).toBe(200);
      expect(body.errors).toEqual([expect.objectContaining({ path, extensions: { code, source, upstreamStatus: status } })]);
    });
  }
});

it('passes the vendor message on for rejected input, and nothing of the vendor otherwise', async () => {
  stack.qualifi.failNext(400, { body: { error: { code: 'VALIDATION_ERROR', message: 'teamIds must belong to the organization' }, meta: {} } });
  const rejected = await gql(stack.url, '{ teams { id } }');
  expect(rejected.body.errors![0].message).toContain('teamIds must belong to the organization');
  stack.qualifi.failNext(500, { body: { error: { code: 'INTERNAL', message: 'db at 10.0.0.7 down' }, meta: {} } });
  const failed = await gql(stack.url, '{ teams { id } }');
  expect(failed.body.errors![0].message).not.toContain('10.0.0.7');
});

it('UPSTREAM_TIMEOUT when a source is slower than UPSTREAM_TIMEOUT_MS', async () => {
  stack.humanApi.inject({ delayMs: TIMEOUT_MS * 4 });
  const { body } = await gql(stack.url, '{ humanUsers { humanId } }');
  expect(body.errors).toEqual([expect.objectContaining({ path: ['humanUsers'], extensions: { code: 'UPSTREAM_TIMEOUT', source: 'HUMAN_API' } })]);
});

it('UPSTREAM_TIMEOUT when a source accepts the request and never answers', async () => {
  stack.qaSphere.inject({ hang: true });
  const { body } = await gql(stack.url, ROLES);
  expect(codes(body)).toEqual(['UPSTREAM_TIMEOUT']);
});

it('UPSTREAM_UNAVAILABLE when the connection is lost', async () => {
  stack.qualifi.inject({ reset: true });
  const { body } = await gql(stack.url, '{ teams { id } }');
  expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'UPSTREAM_UNAVAILABLE', source: 'QUALIFI' } })]);
});

it('UPSTREAM_CONTRACT when a source answers 200 with something that is not JSON', async () => {
  stack.qaSphere.inject({ raw: '<html>maintenance</html>' });
  const { body } = await gql(stack.url, ROLES);
  expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'UPSTREAM_CONTRACT', source: 'QA_SPHERE' } })]);
});

it("stays under QA Sphere's 20 calls a second: concurrent requests with one credential share one call", async () => {
  stack.qaSphere.latencyMs = 150; // every request arrives while the first call is in flight
  try {
    const answers = await Promise.all(Array.from({ length: 24 }, () => gql(stack.url, ROLES)));
    expect(answers.flatMap((a) => codes(a.body))).toEqual([]);
    expect(new Set(answers.map((a) => a.body.data!.currentUser.email))).toEqual(new Set([stack.seed.qaSphere.apiKeys[0].email]));
    expect(stack.qaSphere.calls).toEqual(['GET /api/public/v0/users/me']);
  } finally {
    stack.qaSphere.latencyMs = 0;
  }
});

it('never shares a call between different credentials', async () => {
  stack.qaSphere.latencyMs = 150;
  try {
    const viewer = { 'X-QASphere-Authorization': `Bearer ${SANDBOX_CREDENTIALS.qaSphereViewerKey}` };
    const [owner, other] = await Promise.all([gql(stack.url, ROLES), gql(stack.url, ROLES, undefined, viewer)]);
    expect(owner.body.data!.currentUser.email).toBe(stack.seed.qaSphere.apiKeys[0].email);
    expect(other.body.data!.currentUser.email).toBe(stack.seed.qaSphere.apiKeys[1].email);
    expect(stack.qaSphere.calls).toHaveLength(2);
  } finally {
    stack.qaSphere.latencyMs = 0;
  }
});

describe('partial results: one source failing leaves the others in the answer', () => {
  it('lists the people of the other sources, with the failure reported once at users', async () => {
    stack.qaSphere.failNext(503);
    const { body } = await gql(stack.url, '{ users { email firstName sources humanApi { humanId } } }');
    expect(body.errors).toEqual([expect.objectContaining({ path: ['users'], extensions: expect.objectContaining({ code: 'UPSTREAM_UNAVAILABLE', source: 'QA_SPHERE' }) })]);
    expect(body.data!.users.length).toBeGreaterThan(0);
    expect(body.data!.users.some((u: any) => u.firstName !== null)).toBe(true);
    expect(body.data!.users.every((u: any) => !u.sources.includes('QA_SPHERE'))).toBe(true);
    expect(stack.qaSphere.calls).toHaveLength(1);
  });

  it('puts the error at each field the failed source feeds, asking it only once', async () => {
    stack.qaSphere.failNext(500);
    const { body } = await gql(stack.url, '{ users { email role { name } } teams { id } }');
    expect(body.data!.teams.length).toBe(stack.seed.qualifi.teams.length);
    expect(body.data!.users.every((u: any) => u.role === null)).toBe(true);
    const rolePaths = body.errors!.filter((e) => e.path?.[2] === 'role');
    expect(rolePaths.length).toBe(body.data!.users.length);
    expect(new Set(codes(body))).toEqual(new Set(['UPSTREAM_UNAVAILABLE']));
    expect(stack.qaSphere.calls).toHaveLength(1);
  });

  it('keeps other root fields when one fails', async () => {
    stack.humanApi.failNext(502);
    const { body } = await gql(stack.url, '{ humanUsers { humanId } roles { name } teams { id } }');
    expect(body.data!.humanUsers).toBeNull();
    expect(body.data!.roles).toHaveLength(5);
    expect(body.data!.teams.length).toBeGreaterThan(0);
    expect(codes(body)).toEqual(['UPSTREAM_UNAVAILABLE']);
  });
});

describe('credentials', () => {
  it('sends each vendor its own auth scheme', async () => {
    await gql(stack.url, '{ users { email } currentUser { email } }');
    expect(stack.qualifi.headers[0]['x-api-key']).toBe(SANDBOX_CREDENTIALS.qualifiApiKey);
    expect(stack.humanApi.headers[0].authorization).toBe(`Basic ${Buffer.from(`${SANDBOX_CREDENTIALS.humanApiAppKey}:`).toString('base64')}`);
    expect(stack.qaSphere.headers.map((h) => h.authorization)).toEqual([`Bearer ${SANDBOX_CREDENTIALS.qaSphereApiKey}`, `Bearer ${SANDBOX_CREDENTIALS.qaSphereApiKey}`]);
    // Keys go to their own vendor and nowhere else.
    expect(stack.qualifi.headers[0].authorization).toBeUndefined();
    expect(stack.humanApi.headers[0]['x-api-key']).toBeUndefined();
  });

  it("uses a caller's forwarded credentials for that request", async () => {
    const { body } = await gql(stack.url, '{ teams { id } humanUsers { humanId } }', undefined, { 'X-Qualifi-Api-Key': 'not-the-key', 'X-HumanAPI-App-Key': 'not-the-app-key' });
    expect(body.errors!.map((e) => e.extensions)).toEqual([
      { code: 'UNAUTHENTICATED', source: 'QUALIFI', upstreamStatus: 401 },
      { code: 'UNAUTHENTICATED', source: 'HUMAN_API', upstreamStatus: 401 },
    ]);
    expect(stack.qualifi.headers[0]['x-api-key']).toBe('not-the-key');
  });

  it('never puts a credential in a response or a log line', async () => {
    const secrets = [SANDBOX_CREDENTIALS.qualifiApiKey, SANDBOX_CREDENTIALS.humanApiAppKey, SANDBOX_CREDENTIALS.qaSphereApiKey, 'forwarded-secret-key'];
    stack.qualifi.failNext(401);
    stack.humanApi.failNext(500);
    stack.qaSphere.inject({ reset: true });
    const { body } = await gql(stack.url, '{ users { email } teams { id } currentUser { email } }', undefined, { 'X-Qualifi-Api-Key': 'forwarded-secret-key' });
    expect(body.errors!.length).toBeGreaterThan(0);
    expect(stack.logLines.length).toBeGreaterThan(0);
    const seen = JSON.stringify(body) + stack.logLines.join('');
    for (const secret of secrets) expect(seen).not.toContain(secret);
  });
});

describe('with no credential for a source', () => {
  let bare: Stack;
  beforeAll(async () => {
    bare = await startStack({ upstreams: (u) => ({ ...u, qualifi: { ...u.qualifi, apiKey: null } }) });
  });
  afterAll(() => bare.close());

  it('answers UNAUTHENTICATED for that source without calling it', async () => {
    const { body } = await gql(bare.url, '{ teams { id } roles { name } }');
    expect(body.errors).toEqual([expect.objectContaining({ path: ['teams'], extensions: { code: 'UNAUTHENTICATED', source: 'QUALIFI' } })]);
    expect(body.errors![0].message).toContain('X-Qualifi-Api-Key');
    expect(bare.qualifi.calls).toEqual([]);
  });
});
