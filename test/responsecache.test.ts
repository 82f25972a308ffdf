import { SANDBOX_CREDENTIALS } from '../src/sandbox/seed';
import { CREATE_API_USERS, codes, gql, metric, startStack, vendorCalls, type Stack } from './stack';

// Whole answers from the cache (CACHE_TTL_MS): a repeated query is answered without executing,
// never across credentials, never with errors, and not after a write to a source it read.
// cache.redis.test.ts runs the same across replicas.

const EVERYONE = 'query Everyone { users { email name teams { id } role { name } humanApi { humanId } } }';
const TEAMS = 'query Teams { teams { id name } }';

let stack: Stack;
beforeAll(async () => { stack = await startStack({ cache: { ttlMs: 60_000, staleMs: 60_000 } }); });
beforeEach(() => stack.reset());
afterAll(() => stack.close());

const lookups = async () => {
  const count = (result: string) => metric(stack, `user_graph_response_cache_lookups_total{result="${result}"}`);
  return { hit: await count('hit'), miss: await count('miss') };
};
const newUser = (email: string) => ({ input: { users: [{ firstName: 'Whole', lastName: 'Answer', email, teamIds: [stack.seed.qualifi.teams[0].id] }] } });

it('answers a repeated query from the cache, byte for byte, without executing it or calling a vendor', async () => {
  const before = await lookups();
  const first = await gql(stack.url, EVERYONE);
  expect(first.body.errors).toBeUndefined();
  const calls = vendorCalls(stack).length;
  const second = await gql(stack.url, EVERYONE);
  expect(second.body).toEqual(first.body);
  expect(vendorCalls(stack)).toHaveLength(calls);
  expect(await lookups()).toEqual({ hit: before.hit + 1, miss: before.miss + 1 });
});

it('keys answers by variables and operation', async () => {
  const query = 'query One($email: EmailAddress!) { user(email: $email) { email } } query Two { teams { id } }';
  const [a, b] = stack.seed.qualifi.users;
  const one = async (email: string) => (await fetch(stack.url, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, operationName: 'One', variables: { email } }),
  }).then((r) => r.json())) as { data: { user: { email: string } } };
  expect((await one(a.email)).data.user.email).toBe(a.email.toLowerCase());
  expect((await one(b.email)).data.user.email).toBe(b.email.toLowerCase());
  const two = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, operationName: 'Two' }) });
  expect(((await two.json()) as { data: unknown }).data).toEqual({ teams: stack.seed.qualifi.teams.map((t) => ({ id: t.id })) });
});

it('never serves one credential the answer another credential got', async () => {
  const owner = await gql(stack.url, EVERYONE);
  expect(owner.body.errors).toBeUndefined();
  // The viewer may not list QA Sphere's users: the same document must fail for them, not replay the owner's answer.
  const viewer = { 'X-QASphere-Authorization': `Bearer ${SANDBOX_CREDENTIALS.qaSphereViewerKey}` };
  const asViewer = await gql(stack.url, EVERYONE, undefined, viewer);
  expect(new Set(codes(asViewer.body))).toEqual(new Set(['FORBIDDEN']));
  expect(asViewer.body.data!.users.every((u: { role: unknown }) => u.role === null)).toBe(true);

  await gql(stack.url, TEAMS);
  const forged = await gql(stack.url, TEAMS, undefined, { 'X-Qualifi-Api-Key': 'not-the-key' });
  expect(codes(forged.body)).toEqual(['UNAUTHENTICATED']);
  expect(forged.body.data).toEqual({ teams: null });
});

it('never keeps an answer with errors, partial ones included', async () => {
  stack.qaSphere.failNext(500);
  const partial = await gql(stack.url, EVERYONE);
  expect(new Set(codes(partial.body))).toEqual(new Set(['UPSTREAM_UNAVAILABLE']));
  const whole = await gql(stack.url, EVERYONE);
  expect(whole.body.errors).toBeUndefined();
  expect(whole.body.data!.users.some((u: { role: unknown }) => u.role !== null)).toBe(true);
});

it('drops an answer when a source it read is written to, and keeps it when another source is', async () => {
  await gql(stack.url, TEAMS);
  await gql(stack.url, EVERYONE);
  const victim = stack.seed.humanApi.apps[0].users[0];
  const deleted = await gql(stack.url, 'mutation ($id: ID!) { deleteHumanUser(humanId: $id) { deleted } }', { id: victim.humanId });
  expect(deleted.body.errors).toBeUndefined();

  const before = await lookups();
  const teams = await gql(stack.url, TEAMS); // read Qualifi only: still whole in the cache
  expect(teams.body.errors).toBeUndefined();
  const everyone = await gql(stack.url, EVERYONE); // read Human API: built anew
  const humanIds = everyone.body.data!.users.flatMap((u: { humanApi: { humanId: string }[] }) => u.humanApi.map((h) => h.humanId));
  expect(humanIds).not.toContain(victim.humanId);
  expect(await lookups()).toEqual({ hit: before.hit + 1, miss: before.miss + 1 });
});

it('never answers a mutation from the cache', async () => {
  const email = 'whole.answer@acme.example';
  const first = await gql(stack.url, CREATE_API_USERS, newUser(email));
  expect(first.body.data!.createApiUsers.results).toEqual([{ email, status: 'CREATED' }]);
  const again = await gql(stack.url, CREATE_API_USERS, newUser(email));
  expect(again.body.data!.createApiUsers.results).toEqual([{ email, status: 'ALREADY_EXISTED' }]);
});
