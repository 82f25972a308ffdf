import { startServer, type RunningServer } from '../src/server';
import { gql, removeOurKeys, startStack, type Stack } from './stack';

// Two replicas sharing one cache in the Redis server on 127.0.0.1:6379 (REDIS_URL), as behind a
// load balancer: what one caches the other serves, and a write on one is seen by the next read on the other.
// A database of these tests' own.

const DB = 6;
const REDIS_URL = `${process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'}/${DB}`;
const EVERYONE = '{ users { email teams { id } } }';

let replicaA: Stack;
let replicaB: RunningServer;
beforeAll(async () => {
  replicaA = await startStack({ cache: { ttlMs: 60_000, staleMs: 60_000 }, redisUrl: REDIS_URL });
  replicaB = await startServer(replicaA.serverOptions);
});
beforeEach(() => replicaA.reset());
afterAll(async () => {
  await replicaB.close();
  await replicaA.close();
  await removeOurKeys(REDIS_URL);
});

it('serves on one replica what the other cached', async () => {
  const first = await gql(replicaA.url, EVERYONE);
  expect(first.body.errors).toBeUndefined();
  const calls = replicaA.qualifi.calls.length;
  const second = await gql(replicaB.url, EVERYONE);
  expect(second.body).toEqual(first.body);
  expect(replicaA.qualifi.calls.length).toBe(calls);
});

it('shows a write on one replica to the next read on the other', async () => {
  await gql(replicaB.url, EVERYONE); // B's view is cached
  const email = `replica.${Date.now()}@acme.example`;
  const created = await gql(replicaA.url, 'mutation ($input: CreateApiUsersInput!) { createApiUsers(input: $input) { results { status } } }', {
    input: { users: [{ firstName: 'Rep', lastName: 'Lica', email, teamIds: [replicaA.seed.qualifi.teams[0].id] }] },
  });
  expect(created.body.data!.createApiUsers.results).toEqual([{ status: 'CREATED' }]);
  const read = await gql(replicaB.url, EVERYONE);
  expect(read.body.data!.users.map((u: { email: string }) => u.email)).toContain(email);
});

it('keeps answering when Redis is unreachable, going upstream', async () => {
  const offline = await startServer({ ...replicaA.serverOptions, cache: { ttlMs: 60_000, staleMs: 0 }, redisUrl: 'redis://127.0.0.1:1' });
  try {
    const { body } = await gql(offline.url, '{ teams { id } }');
    expect(body.data!.teams).toHaveLength(replicaA.seed.qualifi.teams.length);
  } finally {
    await offline.close();
  }
});

it('never serves one deployment what another, over other vendors, cached in the same Redis', async () => {
  const other = await startStack({ cache: { ttlMs: 60_000, staleMs: 60_000 }, redisUrl: REDIS_URL }); // its own vendors, the same credentials
  try {
    const teams = '{ teams { id } }';
    expect((await gql(replicaA.url, teams)).body.data!.teams).toHaveLength(replicaA.seed.qualifi.teams.length);
    other.qualifi.state.teams.pop();
    expect((await gql(other.url, teams)).body.data!.teams).toHaveLength(replicaA.seed.qualifi.teams.length - 1);
  } finally {
    await other.close();
  }
});
