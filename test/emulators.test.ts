import { startHumanApiEmulator } from '../src/humanapi/emulator';
import { startQaSphereEmulator } from '../src/qasphere/emulator';
import { startQualifiEmulator } from '../src/qualifi/emulator';
import { SANDBOX_CREDENTIALS, seedOrganisation } from '../src/sandbox/seed';

// The emulators answer as the vendors' documents say (../shared/upstreams.md), not as our client
// would like: these tests call them directly, with the vendors' own auth schemes.

const seed = seedOrganisation(24);
type Emulators = [Awaited<ReturnType<typeof startQualifiEmulator>>, Awaited<ReturnType<typeof startHumanApiEmulator>>, Awaited<ReturnType<typeof startQaSphereEmulator>>];
let [qualifi, humanApi, qaSphere] = [] as unknown as Emulators;
beforeAll(async () => {
  [qualifi, humanApi, qaSphere] = await Promise.all([
    startQualifiEmulator(seed.qualifi), startHumanApiEmulator(seed.humanApi), startQaSphereEmulator(seed.qaSphere, { requestsPerSecond: 5 }),
  ]);
});
beforeEach(() => { qualifi.reset(); humanApi.reset(); qaSphere.reset(); });
afterAll(() => Promise.all([qualifi.close(), humanApi.close(), qaSphere.close()]));

async function call(url: string, headers: Record<string, string>, init: { method?: string; body?: unknown } = {}) {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { ...headers, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : undefined };
}

describe('Qualifi', () => {
  const key = { 'x-api-key': SANDBOX_CREDENTIALS.qualifiApiKey };
  const users = () => `${qualifi.url}/qsi/gather/users`;
  const [engineering, sales] = seed.qualifi.teams;
  const newUser = { firstName: 'Jane', lastName: 'Smith', email: 'jane.smith@acme.example', teamIds: [engineering.id] };

  it('answers 401 with the error envelope without a valid x-api-key', async () => {
    const rejected: Record<string, string>[] = [{}, { 'x-api-key': 'wrong' }, { authorization: `Bearer ${SANDBOX_CREDENTIALS.qualifiApiKey}` }];
    for (const headers of rejected) {
      const { status, body } = await call(users(), headers);
      expect(status).toBe(401);
      expect(body).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String) }, meta: { requestId: expect.any(String), timestamp: expect.any(String) } });
    }
  });

  it('lists users with embedded base teams by default, and teamIds with includeTeams=false', async () => {
    const withTeams = await call(users(), key);
    expect(withTeams.body.data.users).toHaveLength(seed.qualifi.users.length);
    const first = withTeams.body.data.users[0];
    expect(first.teamIds).toBeUndefined();
    expect(Object.keys(first.teams[0]).sort()).toEqual(['createdAt', 'description', 'displayName', 'id', 'name', 'organizationId', 'updatedAt']);
    const bare = await call(`${users()}?includeTeams=false`, key);
    expect(bare.body.data.users[0]).toMatchObject({ teamIds: seed.qualifi.users[0].teamIds });
    expect(bare.body.data.users[0].teams).toBeUndefined();
  });

  it('filters users by teamId', async () => {
    const { body } = await call(`${users()}?teamId=${sales.id}`, key);
    const expected = seed.qualifi.users.filter((u) => u.teamIds.includes(sales.id)).map((u) => u.email);
    expect(body.data.users.map((u: { email: string }) => u.email)).toEqual(expected);
  });

  it('creates API users with 201, isApiUser unless an Auth0 account is asked for', async () => {
    const { status, body } = await call(users(), key, { method: 'POST', body: { users: [newUser, { ...newUser, email: 'ui@acme.example', createAuth0Account: true }] } });
    expect(status).toBe(201);
    expect(body.data.users.map((u: { isApiUser: boolean; phone: null }) => [u.isApiUser, u.phone])).toEqual([[true, null], [false, null]]);
    expect(body.data.users[0].teams.map((t: { id: string }) => t.id)).toEqual([engineering.id]);
    expect(qualifi.state.users).toHaveLength(seed.qualifi.users.length + 2);
  });

  it.each([
    ['empty teamIds', { ...newUser, teamIds: [] }, 'teamIds'],
    ['a team outside the organisation', { ...newUser, teamIds: ['team-elsewhere'] }, 'teamIds'],
    ['a missing lastName', { ...newUser, lastName: undefined }, 'lastName'],
    ['a malformed email', { ...newUser, email: 'jane' }, 'email'],
    ['an email that exists in another case', { ...newUser, email: seed.qualifi.users[0].email.toUpperCase() }, 'email'],
  ])('rejects %s with 400 VALIDATION_ERROR and creates nobody', async (_, user, field) => {
    const { status, body } = await call(users(), key, { method: 'POST', body: { users: [{ ...newUser, email: 'first@acme.example' }, user] } });
    expect(status).toBe(400);
    expect(body.error).toEqual({ code: 'VALIDATION_ERROR', message: expect.stringContaining(field) });
    expect(qualifi.state.users).toHaveLength(seed.qualifi.users.length);
  });

  it('rejects a body that is not JSON', async () => {
    expect((await call(users(), key, { method: 'POST', body: '{"users": [' })).status).toBe(400);
  });

  it('lists teams with branding, a user\'s teams, and one team or 404', async () => {
    const all = await call(`${qualifi.url}/qsi/gather/teams`, key);
    expect(all.body.data.teams).toEqual(seed.qualifi.teams);
    const user = seed.qualifi.users[0];
    const mine = await call(`${qualifi.url}/qsi/gather/teams?userId=${user.id}`, key);
    expect(mine.body.data.teams.map((t: { id: string }) => t.id)).toEqual(seed.qualifi.teams.filter((t) => user.teamIds.includes(t.id)).map((t) => t.id));
    expect((await call(`${qualifi.url}/qsi/gather/teams/${sales.id}`, key)).body.data.team).toEqual(sales);
    expect((await call(`${qualifi.url}/qsi/gather/teams/nope`, key)).status).toBe(404);
  });
});

describe('Human API', () => {
  const { appId, appKey, users } = seed.humanApi.apps[0];
  const basic = (user: string) => ({ authorization: `Basic ${Buffer.from(user).toString('base64')}` });
  const url = (path = '') => `${humanApi.url}/v1/apps/${appId}/users${path}`;

  it('takes the app key as the Basic user name with a blank password, and nothing else', async () => {
    expect((await call(url(), basic(`${appKey}:`))).status).toBe(200);
    for (const headers of [{}, basic(`${appKey}:secret`), basic('wrong:'), { authorization: `Bearer ${appKey}` }]) {
      const { status, body } = await call(url(), headers);
      expect(status).toBe(401);
      expect(body).toEqual({ error: 'Unauthorized', message: expect.any(String) });
    }
  });

  it('lists users as a bare array and gets one, 404 when unknown', async () => {
    expect((await call(url(), basic(`${appKey}:`))).body).toEqual(users);
    expect((await call(url(`/${users[1].humanId}`), basic(`${appKey}:`))).body).toEqual(users[1]);
    expect((await call(url('/unknown'), basic(`${appKey}:`))).status).toBe(404);
    expect((await call(`${humanApi.url}/v1/apps/other-app/users`, basic(`${appKey}:`))).status).toBe(404);
  });

  it('deletes with 204 and no body; a repeat is 404', async () => {
    const first = await call(url(`/${users[0].humanId}`), basic(`${appKey}:`), { method: 'DELETE' });
    expect([first.status, first.text]).toEqual([204, '']);
    expect((await call(url(`/${users[0].humanId}`), basic(`${appKey}:`), { method: 'DELETE' })).status).toBe(404);
    expect(humanApi.state.apps[0].users).toHaveLength(users.length - 1);
  });
});

describe('QA Sphere', () => {
  const url = (path = '') => `${qaSphere.url}/api/public/v0/users${path}`;
  const bearer = (credential: string) => ({ authorization: `Bearer ${credential}` });

  it('lists users for an admin key, without id or avatar', async () => {
    const { status, body } = await call(url(), bearer(SANDBOX_CREDENTIALS.qaSphereApiKey));
    expect(status).toBe(200);
    expect(body.users).toHaveLength(seed.qaSphere.users.length);
    expect(Object.keys(body.users[0]).sort()).toEqual(['authorizationTypes', 'createdAt', 'email', 'lastActivity', 'name', 'role', 'totpEnabled']);
  });

  it('accepts the legacy ApiKey scheme for keys, but not for OAuth tokens', async () => {
    expect((await call(url(), { authorization: `ApiKey ${SANDBOX_CREDENTIALS.qaSphereApiKey}` })).status).toBe(200);
    expect((await call(url(), { authorization: `ApiKey ${SANDBOX_CREDENTIALS.qaSphereOAuthToken}` })).status).toBe(401);
    expect((await call(url(), bearer(SANDBOX_CREDENTIALS.qaSphereOAuthToken))).status).toBe(200);
  });

  it.each([
    ['no header', {}],
    ['an unknown scheme', { authorization: `Token ${SANDBOX_CREDENTIALS.qaSphereApiKey}` }],
    ["another tenant's key", bearer(SANDBOX_CREDENTIALS.qaSphereApiKey.replace(/^acme/, 'globex'))],
    ['an unknown key', bearer('acme.k9.0000')],
  ])('answers 401 { message } for %s', async (_, headers) => {
    const { status, body } = await call(url(), headers);
    expect(status).toBe(401);
    expect(body).toEqual({ message: expect.any(String) });
  });

  it("answers 403 to a non-admin's list, and /users/me to anyone", async () => {
    expect((await call(url(), bearer(SANDBOX_CREDENTIALS.qaSphereViewerKey))).status).toBe(403);
    const { body } = await call(url('/me'), bearer(SANDBOX_CREDENTIALS.qaSphereViewerKey));
    const viewer = seed.qaSphere.users.find((u) => u.email === seed.qaSphere.apiKeys[1].email)!;
    expect(body).toEqual({ user: { id: viewer.id, email: viewer.email, name: viewer.name, avatar: viewer.avatar, role: 'viewer' } });
  });

  it('rate-limits each credential separately, with 429, the message and Retry-After', async () => {
    const answers = await Promise.all(Array.from({ length: 7 }, () => call(url('/me'), bearer(SANDBOX_CREDENTIALS.qaSphereApiKey))));
    const limited = answers.filter((a) => a.status === 429);
    expect(limited).toHaveLength(2);
    expect(limited[0].body).toEqual({ message: 'Too many requests, please try again later.' });
    expect(Number(limited[0].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await call(url('/me'), bearer(SANDBOX_CREDENTIALS.qaSphereViewerKey))).status).toBe(200);
  });
});
