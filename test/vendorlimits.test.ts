import { setTimeout as sleep } from 'node:timers/promises';
import { gql, metric, startStack, type Stack } from './stack';

// A vendor's rate limit kept on our side, on one replica (replicas.redis.test.ts shares it through
// Redis): a call over the limit waits its turn rather than collecting a 429, and a turn that would
// come after the request's deadline is RATE_LIMITED without anything being sent.

const ME = '{ currentUser { email } }';

describe('a vendor limit of 2 calls a second', () => {
  let stack: Stack;
  beforeAll(async () => { stack = await startStack({ vendorLimits: { qaSphere: 2 } }); });
  beforeEach(() => stack.reset());
  afterAll(() => stack.close());

  it('makes calls over it wait their turn, so the vendor answers no 429 and the caller sees no error', async () => {
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await gql(stack.url, ME));
    expect(answers.map((a) => a.body)).toEqual(Array(4).fill({ data: { currentUser: { email: stack.seed.qaSphere.apiKeys[0].email } } }));
    expect(stack.qaSphere.statuses).toEqual([200, 200, 200, 200]);
    const [first, , third] = stack.qaSphere.arrivals;
    expect(third - first).toBeGreaterThanOrEqual(1000);
    // The second waits a tenth of the window (a tenth of the limit, rounded up, per tenth), the third and fourth the window.
    expect(await metric(stack, 'user_graph_vendor_rate_limit_wait_seconds_count{source="QA_SPHERE"}')).toBe(3);
    expect(stack.qualifi.calls).toHaveLength(0); // the other sources are unlimited and untouched
  });

  it('counts each credential on its own', async () => {
    const other = { 'x-qasphere-authorization': `Bearer ${stack.seed.qaSphere.apiKeys[1].key}` };
    for (let i = 0; i < 2; i++) await gql(stack.url, ME);
    const before = await metric(stack, 'user_graph_vendor_rate_limit_wait_seconds_count{source="QA_SPHERE"}');
    const { body } = await gql(stack.url, ME, undefined, other);
    expect(body.data!.currentUser.email).toBe(stack.seed.qaSphere.apiKeys[1].email);
    expect(await metric(stack, 'user_graph_vendor_rate_limit_wait_seconds_count{source="QA_SPHERE"}')).toBe(before);
  });

  it('serves a cached answer still within CACHE_STALE_MS instead of waiting, and refreshes it when a turn comes', async () => {
    const cached = await startStack({ vendorLimits: { qaSphere: 1 }, cache: { ttlMs: 50, staleMs: 60_000 } });
    try {
      const first = await gql(cached.url, ME);
      await sleep(100); // stale now, and QA Sphere's one turn this second is spent
      const second = await gql(cached.url, ME);
      expect(second.body).toEqual(first.body);
      expect(cached.qaSphere.calls).toHaveLength(1); // answered before the refresh could go out
      for (let i = 0; i < 100 && cached.qaSphere.calls.length < 2; i++) await sleep(50);
      expect(cached.qaSphere.calls).toHaveLength(2);
      expect(cached.qaSphere.statuses).toEqual([200, 200]);
    } finally {
      await cached.close();
    }
  });
});

it('answers RATE_LIMITED with the source and a retry-after, having sent nothing, when the turn would come after the deadline', async () => {
  const stack = await startStack({ vendorLimits: { qaSphere: 1 }, resilience: { requestDeadlineMs: 500 } });
  try {
    const query = '{ teams { id } currentUser { email } }';
    expect((await gql(stack.url, query)).body.errors).toBeUndefined();
    const { body } = await gql(stack.url, query);
    expect(body.errors).toEqual([expect.objectContaining({ path: ['currentUser'], extensions: { code: 'RATE_LIMITED', source: 'QA_SPHERE', retryAfter: expect.any(Number) } })]);
    // Whole seconds until the turn frees up: the window is 1.1 s (a second and room for the network).
    expect([1, 2]).toContain(body.errors![0].extensions!.retryAfter);
    expect(body.data!.teams).toHaveLength(stack.seed.qualifi.teams.length); // the rest of the answer stands
    expect(stack.qaSphere.calls).toHaveLength(1);
    expect(await metric(stack, 'user_graph_vendor_rate_limited_total{source="QA_SPHERE"}')).toBe(1);
  } finally {
    await stack.close();
  }
});
