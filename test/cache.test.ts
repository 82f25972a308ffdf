import { SANDBOX_CREDENTIALS } from '../src/sandbox/seed';
import { codes, gql, startStack, type Stack } from './stack';

// The cross-request cache in process memory (CACHE_TTL_MS); cache.redis.test.ts shares it between replicas.

const EVERYONE = '{ users { email teams { id } role { name } humanApi { humanId } } }';
const emails = (body: { data?: Record<string, any> | null }) => body.data!.users.map((u: { email: string }) => u.email);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('with a long TTL', () => {
  let stack: Stack;
  beforeAll(async () => { stack = await startStack({ cache: { ttlMs: 60_000, staleMs: 60_000 } }); });
  beforeEach(() => stack.reset());
  afterAll(() => stack.close());

  it('answers a repeated query without calling any vendor', async () => {
    const first = await gql(stack.url, EVERYONE);
    const calls = [stack.qualifi.calls.length, stack.qaSphere.calls.length, stack.humanApi.calls.length];
    expect(calls).toEqual([1, 1, 1]);
    const second = await gql(stack.url, EVERYONE);
    expect(second.body).toEqual(first.body);
    expect([stack.qualifi.calls.length, stack.qaSphere.calls.length, stack.humanApi.calls.length]).toEqual(calls);
  });

  it('never serves one credential what another fetched', async () => {
    const viewer = { 'X-QASphere-Authorization': `Bearer ${SANDBOX_CREDENTIALS.qaSphereViewerKey}` };
    const owner = await gql(stack.url, '{ currentUser { email } }');
    const other = await gql(stack.url, '{ currentUser { email } }', undefined, viewer);
    expect(owner.body.data!.currentUser.email).toBe(stack.seed.qaSphere.apiKeys[0].email);
    expect(other.body.data!.currentUser.email).toBe(stack.seed.qaSphere.apiKeys[1].email);
    expect(stack.qaSphere.calls).toHaveLength(2);
    // A wrong key is not let in by what the right one cached.
    await gql(stack.url, '{ teams { id } }');
    const forged = await gql(stack.url, '{ teams { id } }', undefined, { 'X-Qualifi-Api-Key': 'not-the-key' });
    expect(codes(forged.body)).toEqual(['UNAUTHENTICATED']);
  });

  it('never caches a failure', async () => {
    stack.qualifi.failNext(500);
    expect(codes((await gql(stack.url, '{ teams { id } }')).body)).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect((await gql(stack.url, '{ teams { id } }')).body.data!.teams).toHaveLength(stack.seed.qualifi.teams.length);
    expect(stack.qualifi.calls).toHaveLength(2);
  });

  it('drops cached users after createApiUsers, for every caller', async () => {
    await gql(stack.url, EVERYONE);
    const created = await gql(stack.url, 'mutation ($input: CreateApiUsersInput!) { createApiUsers(input: $input) { users { email } } }', {
      input: { users: [{ firstName: 'Cache', lastName: 'Buster', email: 'cache.buster@acme.example', teamIds: [stack.seed.qualifi.teams[0].id] }] },
    });
    expect(created.body.errors).toBeUndefined();
    expect(emails((await gql(stack.url, EVERYONE)).body)).toContain('cache.buster@acme.example');
  });

  it('drops cached Human API users after deleteHumanUser', async () => {
    const victim = stack.seed.humanApi.apps[0].users[0];
    await gql(stack.url, '{ humanUsers { humanId } }');
    await gql(stack.url, 'mutation ($id: ID!) { deleteHumanUser(humanId: $id) { deleted } }', { id: victim.humanId });
    const after = await gql(stack.url, '{ humanUsers { humanId } }');
    expect(after.body.data!.humanUsers.map((u: { humanId: string }) => u.humanId)).not.toContain(victim.humanId);
  });
});

describe('stale-while-revalidate', () => {
  let stack: Stack;
  const ttlMs = 100;
  beforeAll(async () => { stack = await startStack({ cache: { ttlMs, staleMs: 60_000 } }); });
  afterAll(() => stack.close());

  it('serves a stale answer at once while exactly one refresh runs, then the new one', async () => {
    await gql(stack.url, '{ teams { id } }');
    stack.qualifi.state.teams.push({ ...stack.qualifi.state.teams[0], id: 'team-added-at-the-vendor' }); // changed outside the gateway
    await sleep(ttlMs * 2);
    stack.qualifi.latencyMs = 100; // the refresh is still running while the stale answers go out
    const stale = await Promise.all(Array.from({ length: 5 }, () => gql(stack.url, '{ teams { id } }')));
    for (const answer of stale) expect(answer.body.data!.teams).toHaveLength(stack.seed.qualifi.teams.length);
    await sleep(300);
    stack.qualifi.latencyMs = 0;
    expect(stack.qualifi.calls).toEqual(['GET /qsi/gather/teams', 'GET /qsi/gather/teams']);
    const fresh = await gql(stack.url, '{ teams { id } }');
    expect(fresh.body.data!.teams.map((t: { id: string }) => t.id)).toContain('team-added-at-the-vendor');
  });
});

describe('past the stale window', () => {
  let stack: Stack;
  beforeAll(async () => { stack = await startStack({ cache: { ttlMs: 50, staleMs: 50 } }); });
  afterAll(() => stack.close());

  it('calls the vendor before answering', async () => {
    await gql(stack.url, '{ teams { id } }');
    stack.qualifi.state.teams.pop();
    await sleep(250);
    const { body } = await gql(stack.url, '{ teams { id } }');
    expect(body.data!.teams).toHaveLength(stack.seed.qualifi.teams.length - 1);
    expect(stack.qualifi.calls).toHaveLength(2);
  });
});
