import { codes, gql, startStack, type Stack } from './stack';

// Fault injection over the emulators: what the caller sees, how often each vendor is called,
// and that no write is lost or doubled.

const TEAMS = '{ teams { id } }';
const ME = '{ currentUser { email } }';
const fast = { timeoutMs: 300, retries: 2, retryBaseMs: 5, retryMaxMs: 20, requestDeadlineMs: 3000, breakerFailures: 1000, maxResponseBytes: 64 * 1024 };

let stack: Stack;
beforeAll(async () => { stack = await startStack({ resilience: fast }); });
beforeEach(() => stack.reset());
afterAll(() => stack.close());

const retries = () => stack.logLines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'retrying upstream call');

describe('GETs are retried on network errors, 429 and 502/503/504', () => {
  it.each([502, 503, 504])('recovers from one %i', async (status) => {
    stack.qualifi.failNext(status);
    const { body } = await gql(stack.url, TEAMS);
    expect(body.errors).toBeUndefined();
    expect(body.data!.teams).toHaveLength(stack.seed.qualifi.teams.length);
    expect(stack.qualifi.calls).toEqual(['GET /qsi/gather/teams', 'GET /qsi/gather/teams']);
  });

  it('recovers from a connection reset', async () => {
    stack.humanApi.inject({ reset: true });
    const { body } = await gql(stack.url, '{ humanUsers { humanId } }');
    expect(body.data!.humanUsers).toHaveLength(stack.seed.humanApi.apps[0].users.length);
    expect(stack.humanApi.calls).toHaveLength(2);
  });

  it('gives up after UPSTREAM_RETRIES more attempts', async () => {
    for (let i = 0; i < 5; i++) stack.qualifi.failNext(503);
    const { body } = await gql(stack.url, TEAMS);
    expect(codes(body)).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect(stack.qualifi.calls).toHaveLength(1 + fast.retries);
  });

  it('does not retry a 500, a 4xx or a timeout', async () => {
    stack.qualifi.failNext(500);
    stack.humanApi.failNext(401);
    stack.qaSphere.inject({ hang: true });
    const { body } = await gql(stack.url, `${TEAMS.slice(0, -1)} humanUsers { humanId } currentUser { email } }`);
    expect(codes(body).sort()).toEqual(['UNAUTHENTICATED', 'UPSTREAM_TIMEOUT', 'UPSTREAM_UNAVAILABLE']);
    expect([stack.qualifi.calls.length, stack.humanApi.calls.length, stack.qaSphere.calls.length]).toEqual([1, 1, 1]);
  });

  it("waits as long as a 429's Retry-After asks", async () => {
    stack.qaSphere.failNext(429, { headers: { 'retry-after': '1' } });
    const { body } = await gql(stack.url, ME);
    expect(body.data!.currentUser.email).toBe(stack.seed.qaSphere.apiKeys[0].email);
    expect(retries()).toEqual([expect.objectContaining({ source: 'QA_SPHERE', code: 'RATE_LIMITED' })]);
    expect(retries()[0].delayMs).toBeGreaterThanOrEqual(1000);
  });

  it('answers RATE_LIMITED at once when Retry-After is past the request deadline', async () => {
    stack.qaSphere.failNext(429, { headers: { 'retry-after': '60' } });
    const { body } = await gql(stack.url, ME);
    expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'RATE_LIMITED', source: 'QA_SPHERE', upstreamStatus: 429 } })]);
    expect(stack.qaSphere.calls).toHaveLength(1);
  });
});

describe('what a caller sees of a sick vendor', () => {
  it('UPSTREAM_TIMEOUT for latency over the timeout, the other sources answering', async () => {
    stack.qualifi.inject({ delayMs: fast.timeoutMs * 3 });
    const { body } = await gql(stack.url, `{ teams { id } roles { name } currentUser { email } }`);
    expect(body.errors).toEqual([expect.objectContaining({ path: ['teams'], extensions: { code: 'UPSTREAM_TIMEOUT', source: 'QUALIFI' } })]);
    expect(body.data!.currentUser.email).toBe(stack.seed.qaSphere.apiKeys[0].email);
  });

  it('UPSTREAM_CONTRACT for a response over UPSTREAM_MAX_RESPONSE_BYTES, never reading it all', async () => {
    const huge = JSON.stringify({ users: Array.from({ length: 5000 }, (_, i) => ({ email: `u${i}@acme.example`, name: 'x'.repeat(20) })) });
    expect(huge.length).toBeGreaterThan(fast.maxResponseBytes);
    stack.qaSphere.inject({ raw: huge });
    const { body } = await gql(stack.url, '{ roles { users { email } } }');
    expect(body.errors![0]).toMatchObject({ extensions: { code: 'UPSTREAM_CONTRACT', source: 'QA_SPHERE' } });
    expect(body.errors![0].message).toContain(`larger than ${fast.maxResponseBytes} bytes`);
  });

  it('UPSTREAM_CONTRACT for malformed JSON', async () => {
    stack.humanApi.inject({ raw: '[{"humanId": "a",' });
    const { body } = await gql(stack.url, '{ humanUsers { humanId } }');
    expect(codes(body)).toEqual(['UPSTREAM_CONTRACT']);
  });

  it('reuses keep-alive connections: many requests, few TCP connections', async () => {
    for (let i = 0; i < 20; i++) await gql(stack.url, TEAMS);
    await Promise.all(Array.from({ length: 5 }, () => gql(stack.url, '{ humanUsers { humanId } }')));
    expect(stack.qualifi.calls).toHaveLength(20);
    expect(stack.qualifi.connections()).toBe(1);
    expect(stack.humanApi.connections()).toBeLessThanOrEqual(5);
  });

  it('sends each vendor the request id, and answers with it', async () => {
    const res = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'trace-42' }, body: JSON.stringify({ query: TEAMS }) });
    expect(res.headers.get('x-request-id')).toBe('trace-42');
    expect(stack.qualifi.headers[0]['x-request-id']).toBe('trace-42');
    const lines = stack.logLines.map((l) => JSON.parse(l)).filter((l) => l.requestId === 'trace-42');
    expect(lines.length).toBeGreaterThan(0);
  });
});

describe('createApiUsers when the answer is lost: nothing lost, nothing doubled', () => {
  const CREATE = `mutation ($input: CreateApiUsersInput!) {
    createApiUsers(input: $input) { users { email } results { email status reason code user { qualifi { id } } } }
  }`;
  const input = () => ({ users: ['ann@acme.example', 'bob@acme.example'].map((email) => ({ firstName: 'A', lastName: 'B', email, teamIds: [stack.seed.qualifi.teams[1].id] })) });
  const posts = () => stack.qualifi.calls.filter((c) => c.startsWith('POST'));
  const stored = (email: string) => stack.qualifi.state.users.filter((u) => u.email === email);

  it.each([
    ['the connection drops after Qualifi created them', { when: 'after' as const, reset: true }],
    ['Qualifi created them and then timed out', { when: 'after' as const, hang: true }],
    ['Qualifi created them and then answered 503', { when: 'after' as const, status: 503 }],
  ])('reports CREATED when %s, found by listing', async (_, fault) => {
    stack.qualifi.inject({ match: 'POST', ...fault });
    const { body } = await gql(stack.url, CREATE, { input: input() });
    expect(body.errors).toBeUndefined();
    expect(body.data!.createApiUsers.results.map((r: any) => [r.email, r.status])).toEqual([['ann@acme.example', 'CREATED'], ['bob@acme.example', 'CREATED']]);
    expect(body.data!.createApiUsers.results[0].user.qualifi.id).toBe(stored('ann@acme.example')[0].id);
    expect(posts()).toHaveLength(1);
    expect(stored('ann@acme.example')).toHaveLength(1);
  });

  it.each([
    ['the connection drops before Qualifi acts', { reset: true }, 'UPSTREAM_UNAVAILABLE'],
    ['Qualifi hangs without acting', { hang: true }, 'UPSTREAM_TIMEOUT'],
    ['Qualifi answers 503 without acting', { status: 503 }, 'UPSTREAM_UNAVAILABLE'],
  ])('reports FAILED with the reason when %s, and a repeat then creates them once', async (_, fault, code) => {
    stack.qualifi.inject({ match: 'POST', ...fault });
    const { body } = await gql(stack.url, CREATE, { input: input() });
    expect(body.data!.createApiUsers.users).toEqual([]);
    expect(body.data!.createApiUsers.results).toEqual([
      expect.objectContaining({ email: 'ann@acme.example', status: 'FAILED', code, user: null }),
      expect.objectContaining({ email: 'bob@acme.example', status: 'FAILED', code, user: null }),
    ]);
    expect(body.data!.createApiUsers.results[0].reason).toMatch(/^not created: QUALIFI/);
    expect(stored('ann@acme.example')).toHaveLength(0);
    const again = await gql(stack.url, CREATE, { input: input() });
    expect(again.body.data!.createApiUsers.results.map((r: any) => r.status)).toEqual(['CREATED', 'CREATED']);
    expect(posts()).toHaveLength(2);
    expect(stored('ann@acme.example')).toHaveLength(1);
  });

  it('reports UNKNOWN when the check fails too, and never sends again', async () => {
    stack.qualifi.inject({ match: 'GET' }); // the list that finds existing users passes untouched
    stack.qualifi.inject({ match: 'POST', when: 'after', reset: true });
    stack.qualifi.inject({ match: 'GET', status: 500 }); // the check after the lost answer fails
    const { body } = await gql(stack.url, CREATE, { input: input() });
    expect(body.data!.createApiUsers.results).toEqual([
      expect.objectContaining({ status: 'UNKNOWN', code: 'UPSTREAM_UNAVAILABLE', user: null }),
      expect.objectContaining({ status: 'UNKNOWN', code: 'UPSTREAM_UNAVAILABLE', user: null }),
    ]);
    expect(body.data!.createApiUsers.results[0].reason).toMatch(/checking for the user failed too/);
    expect(posts()).toHaveLength(1);
    expect(stored('ann@acme.example')).toHaveLength(1); // it had landed: the caller was told to look first
  });
});

describe('deleteHumanUser when the answer is lost', () => {
  const DELETE = 'mutation ($id: ID!) { deleteHumanUser(humanId: $id) { humanId deleted } }';
  const deletes = () => stack.humanApi.calls.filter((c) => c.startsWith('DELETE'));
  const present = (humanId: string) => stack.humanApi.state.apps[0].users.some((u) => u.humanId === humanId);

  it('confirms with a GET that the user is gone, deleting once', async () => {
    const victim = stack.seed.humanApi.apps[0].users[2];
    stack.humanApi.inject({ match: 'DELETE', when: 'after', reset: true });
    const { body } = await gql(stack.url, DELETE, { id: victim.humanId });
    expect(body).toEqual({ data: { deleteHumanUser: { humanId: victim.humanId, deleted: true } } });
    expect(deletes()).toHaveLength(1);
    expect(present(victim.humanId)).toBe(false);
  });

  it('reports the failure when the user is still there, never deleting blindly again', async () => {
    const victim = stack.seed.humanApi.apps[0].users[2];
    stack.humanApi.inject({ match: 'DELETE', status: 503 });
    const { body } = await gql(stack.url, DELETE, { id: victim.humanId });
    expect(body.errors).toEqual([expect.objectContaining({ path: ['deleteHumanUser'], extensions: { code: 'UPSTREAM_UNAVAILABLE', source: 'HUMAN_API', upstreamStatus: 503 } })]);
    expect(deletes()).toHaveLength(1);
    expect(present(victim.humanId)).toBe(true);
  });
});

describe('the request deadline', () => {
  let tight: Stack;
  beforeAll(async () => { tight = await startStack({ resilience: { ...fast, timeoutMs: 5000, requestDeadlineMs: 250 } }); });
  afterAll(() => tight.close());

  it('caps every upstream wait, whatever UPSTREAM_TIMEOUT_MS allows', async () => {
    tight.qaSphere.inject({ hang: true });
    const { body } = await gql(tight.url, ME);
    expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'UPSTREAM_TIMEOUT', source: 'QA_SPHERE' } })]);
    expect(body.errors![0].message).toContain('the request deadline passed');
  });
});

describe('the circuit breaker', () => {
  let sick: Stack;
  const breakerFailures = 3;
  beforeAll(async () => { sick = await startStack({ resilience: { ...fast, retries: 0, breakerFailures, breakerHalfOpenMs: 300 } }); });
  afterAll(() => sick.close());
  const readyz = async () => (await fetch(new URL('/readyz', sick.url))).json();

  it('opens after repeated failures, fails fast without calling, then probes and closes', async () => {
    for (let i = 0; i < breakerFailures; i++) sick.humanApi.failNext(500);
    for (let i = 0; i < breakerFailures; i++) await gql(sick.url, '{ humanUsers { humanId } }');
    expect(await readyz()).toEqual({ status: 'ready', sources: { QUALIFI: 'closed', HUMAN_API: 'open', QA_SPHERE: 'closed' } });

    sick.humanApi.clearLog();
    const { body } = await gql(sick.url, '{ humanUsers { humanId } teams { id } }');
    expect(body.errors).toEqual([expect.objectContaining({ path: ['humanUsers'], extensions: { code: 'UPSTREAM_UNAVAILABLE', source: 'HUMAN_API', circuit: 'open' } })]);
    expect(body.data!.teams.length).toBe(sick.seed.qualifi.teams.length);
    expect(sick.humanApi.calls).toEqual([]);

    await new Promise((resolve) => setTimeout(resolve, 350)); // past CIRCUIT_BREAKER_RESET_MS
    const probe = await gql(sick.url, '{ humanUsers { humanId } }');
    expect(probe.body.errors).toBeUndefined();
    expect(sick.humanApi.calls).toHaveLength(1);
    expect((await readyz()).sources.HUMAN_API).toBe('closed');
  });

  it('is not opened by callers\' mistakes (4xx)', async () => {
    for (let i = 0; i < breakerFailures + 1; i++) {
      await gql(sick.url, '{ teams { id } }', undefined, { 'X-Qualifi-Api-Key': 'wrong' });
    }
    expect((await readyz()).sources.QUALIFI).toBe('closed');
  });
});

describe('the retry budget', () => {
  let flaky: Stack;
  beforeAll(async () => { flaky = await startStack({ resilience: { ...fast, retries: 2 } }); });
  afterAll(() => flaky.close());

  it('keeps retries to a fraction of the calls when a vendor keeps failing', async () => {
    const requests = 30;
    for (let i = 0; i < requests * 3; i++) flaky.qualifi.failNext(503);
    for (let i = 0; i < requests; i++) await gql(flaky.url, TEAMS);
    const retried = flaky.qualifi.calls.length - requests;
    // Without a budget every request would be tried three times: 60 retries.
    expect(retried).toBeGreaterThan(0);
    expect(retried).toBeLessThan(requests);
  });
});
