import { emailKey } from '../src/model';
import { SANDBOX_CREDENTIALS } from '../src/sandbox/seed';
import { gql, startStack, type GraphQLBody, type Stack } from './stack';

// User's fields are plain reads of a person whose records were looked up before execution (see
// src/resolvers/people.ts): whoever hands out people must have looked up what every selected field
// reads. Each way to reach a person answers every field exactly as the `users` list does.

let stack: Stack;
// One document reaches a person every way at once: over the default cost limit, which is not under test here.
beforeAll(async () => { stack = await startStack({ resilience: { retries: 0 }, limits: { maxCost: 1_000_000 } }); });
beforeEach(() => stack.reset());
afterAll(() => stack.close());

const EVERY_FIELD = `email name firstName lastName phone isApiUser teams { id name displayName } role { name title }
  twoFactorEnabled authorizationTypes lastActivity sources qualifi { id } qaSphere { email } humanApi { humanId externalId }`;

const dataOf = ({ errors, data }: GraphQLBody) => {
  expect(errors).toBeUndefined();
  return data!;
};

/** Every field of each person, as the `users` list answers them, by email. */
async function everyoneByEmail() {
  const { users } = dataOf((await gql(stack.url, `{ users { ${EVERY_FIELD} } }`)).body);
  return new Map<string, Record<string, unknown>>(users.map((u: { email: string }) => [u.email, u]));
}

/** Someone every source knows, in a team and with a Human API user: every field has a value. */
function everywhere() {
  const { qualifi, qaSphere, humanApi } = stack.seed;
  const person = qualifi.users.find((u) => qaSphere.users.some((q) => emailKey(q.email) === u.email)
    && humanApi.apps[0].users.some((h) => h.externalId === u.email))!;
  const qa = qaSphere.users.find((q) => emailKey(q.email) === person.email)!;
  return { email: person.email, teamId: person.teamIds[0], role: qa.role.toUpperCase().replace('-', '_'),
    humanId: humanApi.apps[0].users.find((h) => h.externalId === person.email)!.humanId };
}

describe('every way to reach a person answers every User field as users does', () => {
  it('user, a team\'s members, a role\'s users, a Human API user, an entity and each connection', async () => {
    const expected = await everyoneByEmail();
    const { email, teamId, role, humanId } = everywhere();
    await stack.reset(); // the calls counted below are this document's
    const query = `query ($email: EmailAddress!, $teamId: ID!, $role: RoleName!, $humanId: ID!, $r: [_Any!]!) {
      user(email: $email) { ${EVERY_FIELD} }
      team(id: $teamId) { members { ${EVERY_FIELD} } membersConnection(first: 500) { edges { node { ${EVERY_FIELD} } } } }
      role(name: $role) { users { ${EVERY_FIELD} } usersConnection(first: 500) { nodes { ${EVERY_FIELD} } } }
      humanUser(humanId: $humanId) { user { ${EVERY_FIELD} } }
      usersConnection(first: 500) { nodes { ${EVERY_FIELD} } }
      _entities(representations: $r) { ... on User { ${EVERY_FIELD} } }
    }`;
    const data = dataOf((await gql(stack.url, query, { email: email.toUpperCase(), teamId, role, humanId, r: [{ __typename: 'User', email }] })).body);

    const reached = [
      data.user, data.humanUser.user, data._entities[0],
      ...data.team.members, ...data.team.membersConnection.edges.map((e: { node: unknown }) => e.node),
      ...data.role.users, ...data.role.usersConnection.nodes, ...data.usersConnection.nodes,
    ];
    expect(reached.filter((u) => u.email === email)).toHaveLength(8);
    for (const user of reached) expect(user).toEqual(expected.get(user.email));
    // Still one list call per source, whatever asked for it.
    expect(stack.qualifi.calls.filter((c) => c.startsWith('GET /qsi/gather/users'))).toHaveLength(1);
    expect(stack.qaSphere.calls).toEqual(['GET /api/public/v0/users']);
    expect(stack.humanApi.calls.filter((c) => c.includes('/users?') || c.endsWith('/users'))).toHaveLength(1);
  });

  it('a list filtered to one source, whose people another may not know (a name from Qualifi when QA Sphere has none)', async () => {
    const expected = await everyoneByEmail();
    // Only the name needs Qualifi, and only for those QA Sphere does not know.
    const { users } = dataOf((await gql(stack.url, '{ users(source: HUMAN_API) { email name } }')).body);
    const byQualifi = users.filter((u: { email: string }) => !(expected.get(u.email)!.sources as string[]).includes('QA_SPHERE'));
    expect(byQualifi.some((u: { name: string | null }) => u.name !== null)).toBe(true);
    for (const user of users) expect(user).toEqual({ email: user.email, name: expected.get(user.email)!.name });
  });

  it('currentUser, with the id and avatar only /users/me shows', async () => {
    const expected = await everyoneByEmail();
    const me = stack.seed.qaSphere.users.find((u) => u.email === stack.seed.qaSphere.apiKeys.find((k) => k.key === SANDBOX_CREDENTIALS.qaSphereApiKey)!.email)!;
    const { currentUser } = dataOf((await gql(stack.url, `{ currentUser { ${EVERY_FIELD} qaSphere { id avatar } } }`)).body);
    expect(currentUser).toEqual({ ...expected.get(emailKey(me.email)), qaSphere: { email: me.email, id: me.id, avatar: me.avatar } });
  });

  it('the users createApiUsers reports, once Qualifi has them', async () => {
    const qaOnly = stack.seed.qaSphere.users.find((q) => !stack.seed.qualifi.users.some((u) => u.email === emailKey(q.email)))!;
    const [firstName, lastName] = qaOnly.name.split(' ');
    const input = { users: [{ firstName, lastName, email: qaOnly.email, teamIds: [stack.seed.qualifi.teams[0].id] }] };
    const { createApiUsers } = dataOf((await gql(stack.url, `mutation ($input: CreateApiUsersInput!) {
      createApiUsers(input: $input) { results { status user { ${EVERY_FIELD} } } users { ${EVERY_FIELD} } } }`, { input })).body);
    const expected = (await everyoneByEmail()).get(emailKey(qaOnly.email));
    expect(expected).toMatchObject({ sources: expect.arrayContaining(['QUALIFI', 'QA_SPHERE']) });
    expect(createApiUsers.results).toEqual([{ status: 'CREATED', user: expected }]);
    expect(createApiUsers.users).toEqual([expected]);
  });
});

describe('a source failing for people looked up one by one', () => {
  it('answers its nullable fields with its error, its lists empty, and reports it once at the field that handed the person out', async () => {
    stack.qualifi.failNext(503);
    const { body } = await gql(stack.url, '{ currentUser { email name firstName teams { id } sources role { name } } }');
    const me = body.data!.currentUser;
    expect(me).toMatchObject({ firstName: null, teams: [], role: { name: expect.any(String) } });
    expect(me.sources).not.toContain('QUALIFI');
    expect(me.sources).toContain('QA_SPHERE');
    expect(body.errors!.map((e) => [e.path, e.extensions?.code, e.extensions?.source])).toEqual([
      [['currentUser', 'firstName'], 'UPSTREAM_UNAVAILABLE', 'QUALIFI'],
      [['currentUser'], 'UPSTREAM_UNAVAILABLE', 'QUALIFI'],
    ]);
    expect(stack.qualifi.calls).toHaveLength(1);
  });

  it('does the same for a team\'s members when QA Sphere fails', async () => {
    stack.qaSphere.failNext(500);
    const team = stack.seed.qualifi.teams[0];
    const { body } = await gql(stack.url, 'query ($id: ID!) { team(id: $id) { members { email role { name } sources } } }', { id: team.id });
    const { members } = body.data!.team;
    expect(members.length).toBeGreaterThan(1);
    expect(members.every((m: { role: unknown; sources: string[] }) => m.role === null && !m.sources.includes('QA_SPHERE'))).toBe(true);
    const roleErrors = body.errors!.filter((e) => e.path?.at(-1) === 'role');
    expect(roleErrors.map((e) => e.path)).toEqual(members.map((_: unknown, i: number) => ['team', 'members', i, 'role']));
    expect(body.errors!.filter((e) => e.path?.at(-1) !== 'role').map((e) => e.path)).toEqual([['team', 'members']]);
    expect(new Set(body.errors!.map((e) => e.extensions?.source))).toEqual(new Set(['QA_SPHERE']));
    expect(stack.qaSphere.calls).toHaveLength(1);
  });
});
