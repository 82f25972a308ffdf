import { SANDBOX_CREDENTIALS } from '../src/sandbox/seed';
import { codes, gql, startStack, type Stack } from './stack';

let stack: Stack;
beforeAll(async () => { stack = await startStack(); });
beforeEach(() => stack.reset());
afterAll(() => stack.close());

const CREATE = `mutation ($input: CreateApiUsersInput!) {
  createApiUsers(input: $input) { users { email firstName isApiUser teams { id name } sources qualifi { id } } }
}`;
const newUser = (overrides: Record<string, unknown> = {}) => ({
  firstName: 'Jane', lastName: 'Smith', email: 'jane.smith@acme.example', phone: '+14155550199',
  teamIds: [stack.seed.qualifi.teams[0].id], ...overrides,
});
const POSTS = () => stack.qualifi.calls.filter((c) => c.startsWith('POST'));

describe('createApiUsers', () => {
  it('creates API users and returns them merged', async () => {
    const { body } = await gql(stack.url, CREATE, { input: { users: [newUser(), newUser({ email: 'regular@acme.example', createAuth0Account: true })] } });
    expect(body.errors).toBeUndefined();
    expect(body.data!.createApiUsers.users).toEqual([
      expect.objectContaining({ email: 'jane.smith@acme.example', firstName: 'Jane', isApiUser: true, teams: [{ id: stack.seed.qualifi.teams[0].id, name: stack.seed.qualifi.teams[0].name }], sources: ['QUALIFI'] }),
      expect.objectContaining({ email: 'regular@acme.example', isApiUser: false }),
    ]);
    expect(POSTS()).toEqual(['POST /qsi/gather/users']);
  });

  it('is seen by a read in the same request and by the next request', async () => {
    const email = 'fresh@acme.example';
    const { body } = await gql(stack.url, `mutation ($input: CreateApiUsersInput!) {
      before: createApiUsers(input: $input) { users { email } }
    }`, { input: { users: [newUser({ email })] } });
    expect(body.errors).toBeUndefined();
    const next = await gql(stack.url, `{ user(email: "${email}") { email firstName teams { id } } users(source: QUALIFI) { email } }`);
    expect(next.body.data!.user).toMatchObject({ email, firstName: 'Jane' });
    expect(next.body.data!.users.map((u: any) => u.email)).toContain(email);
  });

  it('sends the users to Qualifi as its API documents them', async () => {
    await gql(stack.url, CREATE, { input: { users: [newUser()] } });
    const created = stack.qualifi.state.users.find((u) => u.email === 'jane.smith@acme.example')!;
    expect(created).toMatchObject({ firstName: 'Jane', lastName: 'Smith', phone: '+14155550199', isApiUser: true, teamIds: [stack.seed.qualifi.teams[0].id] });
  });

  describe('refuses broken input before anything is sent, naming the field', () => {
    const refused = async (users: unknown[]) => {
      const { body } = await gql(stack.url, CREATE, { input: { users } });
      expect(codes(body)).toEqual(['BAD_USER_INPUT']);
      expect(POSTS()).toEqual([]);
      expect(stack.qualifi.calls).toEqual([]);
      return body.errors![0];
    };
    it('empty teamIds', async () => {
      const error = await refused([newUser(), newUser({ email: 'b@acme.example', teamIds: [] })]);
      expect(error.extensions!.fields).toEqual([{ field: 'input.users[1].teamIds', message: expect.any(String) }]);
    });
    it('a bad email', async () => { expect((await refused([newUser({ email: 'not-an-email' })])).message).toMatch(/email/i); });
    it('a bad phone', async () => { expect((await refused([newUser({ phone: 'call me' })])).message).toMatch(/phone/i); });
    it('an empty name', async () => { expect((await refused([newUser({ firstName: '  ' })])).message).toMatch(/firstName/); });
    it('the same email twice', async () => {
      const error = await refused([newUser(), newUser({ email: 'JANE.SMITH@acme.example' })]);
      expect(error.extensions!.fields).toEqual([{ field: 'input.users[1].email', message: 'repeats input.users[0].email' }]);
    });
    it('no users', async () => { expect((await refused([])).extensions!.fields[0].field).toBe('input.users'); });
  });

  it("maps Qualifi's own rejection to BAD_USER_INPUT with its message, creating nobody", async () => {
    const { body } = await gql(stack.url, CREATE, { input: { users: [newUser(), newUser({ email: 'x@acme.example', teamIds: ['team-of-another-org'] })] } });
    expect(body.errors).toEqual([expect.objectContaining({ path: ['createApiUsers'], extensions: { code: 'BAD_USER_INPUT', source: 'QUALIFI', upstreamStatus: 400 } })]);
    expect(stack.qualifi.state.users.some((u) => u.email === 'jane.smith@acme.example')).toBe(false);
  });

  it('reports users Qualifi already has (any case) as ALREADY_EXISTED and sends only the others', async () => {
    const existing = stack.seed.qualifi.users[0];
    const { body } = await gql(stack.url, `mutation ($input: CreateApiUsersInput!) {
      createApiUsers(input: $input) { users { email } results { email status user { qualifi { id } } reason code } }
    }`, { input: { users: [newUser({ email: existing.email.toUpperCase() }), newUser()] } });
    expect(body.errors).toBeUndefined();
    expect(body.data!.createApiUsers).toEqual({
      users: [{ email: 'jane.smith@acme.example' }],
      results: [
        { email: existing.email.toUpperCase(), status: 'ALREADY_EXISTED', user: { qualifi: { id: existing.id } }, reason: null, code: null },
        { email: 'jane.smith@acme.example', status: 'CREATED', user: { qualifi: { id: expect.any(String) } }, reason: null, code: null },
      ],
    });
    expect(stack.qualifi.state.users.filter((u) => u.email.toLowerCase() === existing.email.toLowerCase())).toHaveLength(1);
  });

  it('is safe to repeat: the second call sends nothing and reports ALREADY_EXISTED', async () => {
    await gql(stack.url, CREATE, { input: { users: [newUser()] } });
    const again = await gql(stack.url, 'mutation ($input: CreateApiUsersInput!) { createApiUsers(input: $input) { users { email } results { status } } }', { input: { users: [newUser()] } });
    expect(again.body.data!.createApiUsers).toEqual({ users: [], results: [{ status: 'ALREADY_EXISTED' }] });
    expect(POSTS()).toHaveLength(1);
  });
});

describe('deleteHumanUser', () => {
  const DELETE = 'mutation ($id: ID!) { deleteHumanUser(humanId: $id) { humanId deleted } }';
  const appId = SANDBOX_CREDENTIALS.humanApiAppId;

  it('deletes, and the same and later reads see it gone', async () => {
    const victim = stack.seed.humanApi.apps[0].users[0];
    const { body } = await gql(stack.url, `mutation ($id: ID!) { deleteHumanUser(humanId: $id) { humanId deleted } }`, { id: victim.humanId });
    expect(body).toEqual({ data: { deleteHumanUser: { humanId: victim.humanId, deleted: true } } });
    expect(stack.humanApi.calls).toEqual([`DELETE /v1/apps/${appId}/users/${victim.humanId}`]);
    const after = await gql(stack.url, `{ humanUser(humanId: "${victim.humanId}") { humanId } humanUsers { humanId } user(email: "${victim.externalId}") { humanApi { humanId } } }`);
    expect(after.body.data!.humanUser).toBeNull();
    expect(after.body.data!.humanUsers.map((u: any) => u.humanId)).not.toContain(victim.humanId);
    expect(after.body.data!.user?.humanApi ?? []).toEqual([]);
  });

  it('answers NOT_FOUND for a repeat, deleting nothing else', async () => {
    const victim = stack.seed.humanApi.apps[0].users[1];
    await gql(stack.url, DELETE, { id: victim.humanId });
    const count = stack.humanApi.state.apps[0].users.length;
    const { body } = await gql(stack.url, DELETE, { id: victim.humanId });
    expect(body.errors).toEqual([expect.objectContaining({ path: ['deleteHumanUser'], extensions: expect.objectContaining({ code: 'NOT_FOUND', source: 'HUMAN_API' }) })]);
    expect(stack.humanApi.state.apps[0].users).toHaveLength(count);
  });

  it('keeps a crafted id inside the users path', async () => {
    await gql(stack.url, DELETE, { id: '../../other-app/users/x' });
    expect(stack.humanApi.calls).toEqual([`DELETE /v1/apps/${appId}/users/..%2F..%2Fother-app%2Fusers%2Fx`]);
  });
});
