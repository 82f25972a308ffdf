import { gql, startStack, type GraphQLBody, type Stack } from './stack';

// A vendor answering 200 with a body outside its documented shape: the caller gets UPSTREAM_CONTRACT
// naming the source and field, the other sources' data, and none of the drifted values.

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
beforeEach(() => stack.reset());
afterAll(() => stack.close());

/** One query over all three sources: whichever drifts, the other two still answer. */
const ALL = '{ teams { id } humanUsers { humanId } currentUser { email } }';

/** A value planted in a drifted answer; it must never reach the caller. */
const LEAK = 'leaked-value-7f3a';

const meta = () => ({ requestId: 'req-1', timestamp: new Date().toISOString() });
const qualifiTeams = () => ({ data: { teams: structuredClone(stack.seed.qualifi.teams) }, meta: meta() });
/** Users as `includeTeams=false` lists them: the seed already keeps teamIds. */
const qualifiUsers = () => ({ data: { users: structuredClone(stack.seed.qualifi.users) }, meta: meta() });
const humanUsers = () => structuredClone(stack.seed.humanApi.apps[0].users);
const qaSphereUsers = () => ({ users: stack.seed.qaSphere.users.map(({ id: _id, avatar: _avatar, ...user }) => user) });
const qaSphereOwner = () => stack.seed.qaSphere.users.find((u) => u.email === stack.seed.qaSphere.apiKeys[0].email)!;
const qaSphereMe = () => {
  const { id, email, name, avatar, role } = qaSphereOwner();
  return { user: { id, email, name, avatar, role } };
};

const expected = {
  teams: () => stack.seed.qualifi.teams.map(({ id }) => ({ id })),
  humanUsers: () => stack.seed.humanApi.apps[0].users.map(({ humanId }) => ({ humanId })),
  currentUser: () => ({ email: qaSphereOwner().email }),
};

/** The one error the caller sees: at `path`, coded exactly, naming `field`, and nothing of the vendor's values. */
function expectContractError(status: number, body: GraphQLBody, source: string, path: (string | number)[], field: string) {
  expect(status).toBe(200);
  expect(body.errors).toEqual([expect.objectContaining({ path, extensions: { code: 'UPSTREAM_CONTRACT', source } })]);
  expect(body.errors![0].message).toContain(`${field}: `);
  expect(JSON.stringify(body)).not.toContain(LEAK);
}

describe('QUALIFI', () => {
  it('a team without a required field: teams fails, the other sources answer', async () => {
    const drifted = qualifiTeams();
    const { displayName: _omitted, ...team } = drifted.data.teams[2];
    drifted.data.teams[2] = { ...team, name: LEAK } as typeof drifted.data.teams[number];
    stack.qualifi.inject({ match: 'GET /qsi/gather/teams', raw: JSON.stringify(drifted) });
    const { status, body } = await gql(stack.url, ALL);
    expectContractError(status, body, 'QUALIFI', ['teams'], 'data.teams[2].displayName');
    expect(body.data).toEqual({ teams: null, humanUsers: expected.humanUsers(), currentUser: expected.currentUser() });
  });

  it('an email that is a number: users keeps the people of the other sources', async () => {
    const drifted = qualifiUsers();
    Object.assign(drifted.data.users[0], { email: 987654321, firstName: LEAK });
    stack.qualifi.inject({ match: 'GET /qsi/gather/users', raw: JSON.stringify(drifted) });
    const { status, body } = await gql(stack.url, '{ users { email sources } }');
    expectContractError(status, body, 'QUALIFI', ['users'], 'data.users[0].email');
    expect(body.errors![0].message).toContain('expected string, received number');
    expect(JSON.stringify(body)).not.toContain('987654321');
    expect(body.data!.users.length).toBeGreaterThan(0);
    expect(body.data!.users.every((u: { sources: string[] }) => !u.sources.includes('QUALIFI'))).toBe(true);
  });

  it('users that are not an array', async () => {
    stack.qualifi.inject({ match: 'GET /qsi/gather/users', raw: JSON.stringify({ data: { users: { [LEAK]: LEAK } }, meta: meta() }) });
    const { status, body } = await gql(stack.url, '{ users { email } }');
    expectContractError(status, body, 'QUALIFI', ['users'], 'data.users');
    expect(body.errors![0].message).toContain('expected array');
  });

  it('a user with neither teams nor teamIds would silently have no team', async () => {
    const drifted = qualifiUsers();
    const { teamIds: _omitted, ...user } = drifted.data.users[1];
    drifted.data.users[1] = user as typeof drifted.data.users[number];
    stack.qualifi.inject({ match: 'GET /qsi/gather/users', raw: JSON.stringify(drifted) });
    const { status, body } = await gql(stack.url, '{ users { email } }');
    expectContractError(status, body, 'QUALIFI', ['users'], 'data.users[1]');
  });

  it('a valid answer with unknown extra fields still works', async () => {
    const extended = qualifiTeams();
    const teams = extended.data.teams.map((t) => ({ ...t, tier: 'gold', branding: { font: 'Inter' } }));
    stack.qualifi.inject({ match: 'GET /qsi/gather/teams', raw: JSON.stringify({ ...extended, data: { teams, cursor: null }, links: {} }) });
    const { status, body } = await gql(stack.url, ALL);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data!.teams).toEqual(expected.teams());
  });
});

describe('HUMAN_API', () => {
  it('a user without a required field: humanUsers fails, the other sources answer', async () => {
    const drifted = humanUsers();
    const { externalId: _omitted, ...user } = drifted[1];
    drifted[1] = { ...user, appId: LEAK } as typeof drifted[number];
    stack.humanApi.inject({ match: 'GET /v1/apps/', raw: JSON.stringify(drifted) });
    const { status, body } = await gql(stack.url, ALL);
    expectContractError(status, body, 'HUMAN_API', ['humanUsers'], '[1].externalId');
    expect(body.data).toEqual({ teams: expected.teams(), humanUsers: null, currentUser: expected.currentUser() });
  });

  it('an object where the bare array belongs', async () => {
    stack.humanApi.inject({ match: 'GET /v1/apps/', raw: JSON.stringify({ users: humanUsers(), note: LEAK }) });
    const { status, body } = await gql(stack.url, '{ humanUsers { humanId } }');
    expectContractError(status, body, 'HUMAN_API', ['humanUsers'], '(root)');
    expect(body.errors![0].message).toContain('expected array, received object');
  });

  it('one user whose humanId is a number', async () => {
    const [user] = humanUsers();
    stack.humanApi.inject({ match: 'GET /v1/apps/', raw: JSON.stringify({ ...user, humanId: 424242, externalId: LEAK }) });
    const { status, body } = await gql(stack.url, `{ humanUser(humanId: "${user.humanId}") { humanId } }`);
    expectContractError(status, body, 'HUMAN_API', ['humanUser'], 'humanId');
    expect(JSON.stringify(body)).not.toContain('424242');
  });

  it('an unknown user is still null, not a contract error', async () => {
    const { status, body } = await gql(stack.url, '{ humanUser(humanId: "no-such-human") { humanId } }');
    expect(status).toBe(200);
    expect(body).toEqual({ data: { humanUser: null } });
  });

  it('a valid answer with unknown extra fields still works', async () => {
    stack.humanApi.inject({ match: 'GET /v1/apps/', raw: JSON.stringify(humanUsers().map((u) => ({ ...u, metadata: { plan: 'pro' }, source: 'sdk' }))) });
    const { status, body } = await gql(stack.url, ALL);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data!.humanUsers).toEqual(expected.humanUsers());
  });
});

describe('QA_SPHERE', () => {
  it('/users/me without an email: currentUser fails, the other sources answer', async () => {
    const { email: _omitted, ...user } = qaSphereMe().user;
    stack.qaSphere.inject({ match: 'GET /api/public/v0/users/me', raw: JSON.stringify({ user: { ...user, name: LEAK } }) });
    const { status, body } = await gql(stack.url, ALL);
    expectContractError(status, body, 'QA_SPHERE', ['currentUser'], 'user.email');
    expect(body.data).toEqual({ teams: expected.teams(), humanUsers: expected.humanUsers(), currentUser: null });
  });

  it('a role outside the documented five', async () => {
    const drifted = qaSphereUsers();
    Object.assign(drifted.users[3], { role: 'superuser', name: LEAK });
    stack.qaSphere.inject({ match: 'GET /api/public/v0/users', raw: JSON.stringify(drifted) });
    const { status, body } = await gql(stack.url, '{ roles { users { email } } teams { id } }');
    expectContractError(status, body, 'QA_SPHERE', ['roles', 0, 'users'], 'users[3].role');
    expect(JSON.stringify(body)).not.toContain('superuser');
    expect(body.data!.roles.every((r: { users: unknown[] }) => r.users.length === 0)).toBe(true);
    expect(body.data!.teams).toEqual(expected.teams());
  });

  it('users that are not an array', async () => {
    stack.qaSphere.inject({ match: 'GET /api/public/v0/users', raw: JSON.stringify({ users: LEAK }) });
    const { status, body } = await gql(stack.url, '{ roles { users { email } } }');
    expectContractError(status, body, 'QA_SPHERE', ['roles', 0, 'users'], 'users');
    expect(body.errors![0].message).toContain('expected array, received string');
  });

  it('an id that is not a number', async () => {
    const { user } = qaSphereMe();
    stack.qaSphere.inject({ match: 'GET /api/public/v0/users/me', raw: JSON.stringify({ user: { ...user, id: LEAK } }) });
    const { status, body } = await gql(stack.url, '{ currentUser { email } }');
    expectContractError(status, body, 'QA_SPHERE', ['currentUser'], 'user.id');
  });

  it('a valid answer with unknown extra fields still works', async () => {
    const { user } = qaSphereMe();
    stack.qaSphere.inject({ match: 'GET /api/public/v0/users/me', raw: JSON.stringify({ user: { ...user, locale: 'en', tenant: { id: 'acme' } }, pagination: null }) });
    const { status, body } = await gql(stack.url, ALL);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data!.currentUser).toEqual(expected.currentUser());
  });
});
