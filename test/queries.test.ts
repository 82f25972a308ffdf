import { emailKey } from '../src/model';
import { SANDBOX_CREDENTIALS } from '../src/sandbox/seed';
import { codes, gql, startStack, type Stack } from './stack';

let stack: Stack;
beforeAll(async () => { stack = await startStack({ resilience: { timeoutMs: 500 } }); });
beforeEach(() => stack.reset());
afterAll(() => stack.close());

const appId = SANDBOX_CREDENTIALS.humanApiAppId;
const LIST_CALLS = {
  qualifi: ['GET /qsi/gather/users?includeTeams=true'],
  qaSphere: ['GET /api/public/v0/users'],
  humanApi: [`GET /v1/apps/${appId}/users`],
};

/** Everyone the seed puts in any source, by lower-cased email. */
function seededPeople() {
  const { qualifi, qaSphere, humanApi } = stack.seed;
  const emails = new Set([
    ...qualifi.users.map((u) => emailKey(u.email)),
    ...qaSphere.users.map((u) => emailKey(u.email)),
    ...humanApi.apps[0].users.filter((u) => u.externalId.includes('@')).map((u) => emailKey(u.externalId)),
  ]);
  return emails;
}

describe('users', () => {
  const EVERYTHING = `{ users { email name firstName lastName phone isApiUser teams { id name displayName }
    role { name title } twoFactorEnabled authorizationTypes lastActivity sources
    qualifi { id } qaSphere { email } humanApi { humanId externalId } } }`;

  it('lists every person once, merged across the three sources', async () => {
    const { body } = await gql(stack.url, EVERYTHING);
    expect(body.errors).toBeUndefined();
    const emails = body.data!.users.map((u: { email: string }) => emailKey(u.email));
    expect(new Set(emails)).toEqual(seededPeople());
    expect(emails).toHaveLength(seededPeople().size);
  });

  it('makes one list call per source for every person with teams, roles and Human API records', async () => {
    await gql(stack.url, EVERYTHING);
    expect(stack.qualifi.calls).toEqual(LIST_CALLS.qualifi);
    expect(stack.qaSphere.calls).toEqual(LIST_CALLS.qaSphere);
    expect(stack.humanApi.calls).toEqual(LIST_CALLS.humanApi);
  });

  it('never calls twice for aliases and repeated objects', async () => {
    const someone = stack.seed.qualifi.users[0].email;
    const { body } = await gql(stack.url, `{
      a: users { email role { name } }
      b: users { email teams { name members { email twoFactorEnabled } } }
      c: user(email: "${someone}") { sources humanApi { humanId } }
      d: user(email: "${someone.toUpperCase()}") { name }
    }`);
    expect(body.errors).toBeUndefined();
    expect(stack.qualifi.calls).toEqual(LIST_CALLS.qualifi);
    expect(stack.qaSphere.calls).toEqual(LIST_CALLS.qaSphere);
    expect(stack.humanApi.calls).toEqual(LIST_CALLS.humanApi);
  });

  it('merges a person whose email differs in case between sources', async () => {
    const shouting = stack.seed.qaSphere.users.find((u) => u.email !== u.email.toLowerCase() && stack.seed.qualifi.users.some((q) => q.email === u.email.toLowerCase()))!;
    const qualifi = stack.seed.qualifi.users.find((q) => q.email === shouting.email.toLowerCase())!;
    const { body } = await gql(stack.url, `query ($e: EmailAddress!) { user(email: $e) { email firstName role { name } twoFactorEnabled sources qualifi { id } } }`, { e: shouting.email.toUpperCase() });
    expect(body.errors).toBeUndefined();
    expect(body.data!.user).toMatchObject({ firstName: qualifi.firstName, twoFactorEnabled: shouting.totpEnabled, qualifi: { id: qualifi.id } });
    expect(body.data!.user.sources).toEqual(expect.arrayContaining(['QUALIFI', 'QA_SPHERE']));
    expect(body.data!.user.email).toBe(qualifi.email);
  });

  it('answers names outside ASCII intact, with a Content-Length that counts their bytes', async () => {
    const email = 'zoe.odegard@acme.example';
    const created = await gql(stack.url, 'mutation ($input: CreateApiUsersInput!) { createApiUsers(input: $input) { results { status } } }',
      { input: { users: [{ firstName: 'Zoë', lastName: 'Ødegård', email, teamIds: [stack.seed.qualifi.teams[0].id] }] } });
    expect(created.body).toEqual({ data: { createApiUsers: { results: [{ status: 'CREATED' }] } } });
    const res = await fetch(stack.url, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query ($email: EmailAddress!) { user(email: $email) { name firstName } }', variables: { email } }),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
    expect(JSON.parse(bytes.toString('utf8'))).toEqual({ data: { user: { name: 'Zoë Ødegård', firstName: 'Zoë' } } });
  });

  it("gives a person one email whichever sources answered: the merge key, in lower case", async () => {
    const shouting = stack.seed.qaSphere.users.find((u) => u.email !== u.email.toLowerCase())!;
    const onlyQaSphere = await gql(stack.url, '{ users(role: ' + shouting.role.toUpperCase().replace('-', '_') + ') { email qaSphere { email } } }');
    const merged = await gql(stack.url, '{ users { email } }');
    const key = shouting.email.toLowerCase();
    expect(onlyQaSphere.body.data!.users).toContainEqual({ email: key, qaSphere: { email: shouting.email } });
    expect(merged.body.data!.users.filter((u: { email: string }) => u.email === key)).toHaveLength(1);
  });

  it('filters by team, role and source', async () => {
    const team = stack.seed.qualifi.teams[0];
    const { body } = await gql(stack.url, `query ($t: ID!) {
      inTeam: users(teamId: $t) { email }
      viewers: users(role: VIEWER) { email role { name } }
      human: users(source: HUMAN_API) { email sources }
      both: users(teamId: $t, source: QA_SPHERE) { email }
    }`, { t: team.id });
    expect(body.errors).toBeUndefined();
    const inTeam = stack.seed.qualifi.users.filter((u) => u.teamIds.includes(team.id)).map((u) => u.email);
    expect(body.data!.inTeam.map((u: { email: string }) => u.email).sort()).toEqual(inTeam.sort());
    const viewers = stack.seed.qaSphere.users.filter((u) => u.role === 'viewer');
    expect(body.data!.viewers).toHaveLength(viewers.length);
    expect(body.data!.viewers.every((u: any) => u.role.name === 'VIEWER')).toBe(true);
    expect(body.data!.human.every((u: any) => u.sources.includes('HUMAN_API'))).toBe(true);
    const qaEmails = new Set(stack.seed.qaSphere.users.map((u) => emailKey(u.email)));
    expect(body.data!.both.map((u: { email: string }) => u.email).sort()).toEqual(inTeam.filter((e) => qaEmails.has(e)).sort());
    // The team filter needs Qualifi alone, the role filter QA Sphere alone.
    expect(stack.qualifi.calls).toEqual(LIST_CALLS.qualifi);
  });
});

describe('user', () => {
  it('is null for an email no source knows, after asking each source once', async () => {
    const { body } = await gql(stack.url, '{ user(email: "nobody@nowhere.example") { email } }');
    expect(body).toEqual({ data: { user: null } });
    expect([stack.qualifi.calls.length, stack.qaSphere.calls.length, stack.humanApi.calls.length]).toEqual([1, 1, 1]);
  });

  it('finds a person known only to Human API', async () => {
    const qualifiAndQa = new Set([...stack.seed.qualifi.users, ...stack.seed.qaSphere.users].map((u) => emailKey(u.email)));
    const only = stack.seed.humanApi.apps[0].users.find((u) => u.externalId.includes('@') && !qualifiAndQa.has(emailKey(u.externalId)))!;
    const { body } = await gql(stack.url, `{ user(email: "${only.externalId}") { name role { name } sources humanApi { humanId } } }`);
    expect(body.data!.user).toEqual({ name: null, role: null, sources: ['HUMAN_API'], humanApi: [{ humanId: only.humanId }] });
  });
});

describe('teams', () => {
  it('lists every team, including one with no members, with branding', async () => {
    const { body } = await gql(stack.url, '{ teams { id displayName logoUrl accentColor archivedAt members { email } } }');
    expect(body.errors).toBeUndefined();
    expect(body.data!.teams).toHaveLength(stack.seed.qualifi.teams.length);
    const memberless = stack.seed.qualifi.teams.filter((t) => !stack.seed.qualifi.users.some((u) => u.teamIds.includes(t.id)));
    expect(memberless.length).toBeGreaterThan(0);
    for (const team of memberless) expect(body.data!.teams.find((t: any) => t.id === team.id).members).toEqual([]);
    expect(body.data!.teams[0]).toMatchObject({ logoUrl: stack.seed.qualifi.teams[0].logoUrl, accentColor: stack.seed.qualifi.teams[0].accentColor });
  });

  it('costs one teams call and one users call whatever the number of teams', async () => {
    await gql(stack.url, '{ teams { name members { email role { name } } } }');
    expect(stack.qualifi.calls.sort()).toEqual(['GET /qsi/gather/teams', ...LIST_CALLS.qualifi].sort());
    expect(stack.qaSphere.calls).toEqual(LIST_CALLS.qaSphere);
  });

  it('fetches the teams list only when a field the users list lacks is asked for', async () => {
    await gql(stack.url, '{ users { teams { name displayName } } }');
    expect(stack.qualifi.calls).toEqual(LIST_CALLS.qualifi);
    stack.qualifi.clearLog();
    await gql(stack.url, '{ users { teams { name logoUrl } } }');
    expect(stack.qualifi.calls.sort()).toEqual(['GET /qsi/gather/teams', ...LIST_CALLS.qualifi].sort());
  });

  it('finds one team by id, and null for an unknown one', async () => {
    const team = stack.seed.qualifi.teams[1];
    const { body } = await gql(stack.url, `{ team(id: "${team.id}") { name description } missing: team(id: "no-such-team") { name } }`);
    expect(body.data).toEqual({ team: { name: team.name, description: team.description }, missing: null });
  });
});

describe('roles', () => {
  it('lists the five QA Sphere roles with their users', async () => {
    const { body } = await gql(stack.url, '{ roles { name title permissions users { email } } }');
    expect(body.errors).toBeUndefined();
    expect(body.data!.roles.map((r: any) => r.name)).toEqual(['OWNER', 'ADMIN', 'USER', 'TEST_RUNNER', 'VIEWER']);
    const testRunners = body.data!.roles.find((r: any) => r.name === 'TEST_RUNNER');
    expect(testRunners.title).toBe('Test Runner');
    expect(testRunners.users).toHaveLength(stack.seed.qaSphere.users.filter((u) => u.role === 'test-runner').length);
    expect(stack.qaSphere.calls).toEqual(LIST_CALLS.qaSphere);
  });
});

describe('humanUsers', () => {
  it("lists the app's users, linking those whose externalId is an email address", async () => {
    const { body } = await gql(stack.url, '{ humanUsers { humanId externalId appId createdAt user { email } } }');
    expect(body.errors).toBeUndefined();
    const seeded = stack.seed.humanApi.apps[0].users;
    expect(body.data!.humanUsers).toHaveLength(seeded.length);
    const patient = body.data!.humanUsers.find((u: any) => !u.externalId.includes('@'));
    expect(patient.user).toBeNull();
    const person = body.data!.humanUsers.find((u: any) => u.externalId.includes('@'));
    expect(person.user.email).toBe(person.externalId);
  });

  it('gets one by humanId, and null when Human API answers 404', async () => {
    const human = stack.seed.humanApi.apps[0].users[0];
    const { body } = await gql(stack.url, `{ humanUser(humanId: "${human.humanId}") { externalId appId } gone: humanUser(humanId: "0000") { humanId } }`);
    expect(body).toEqual({ data: { humanUser: { externalId: human.externalId, appId }, gone: null } });
  });
});

describe('no round trip waits for another', () => {
  it("asks for a team's members and their roles while the team is still coming", async () => {
    stack.qualifi.inject({ match: 'GET /qsi/gather/teams', hang: true });
    stack.qualifi.inject({ match: 'GET /qsi/gather/users', hang: true });
    const { body } = await gql(stack.url, `{ team(id: "${stack.seed.qualifi.teams[0].id}") { members { role { name } } } }`);
    expect(codes(body)).toContain('UPSTREAM_TIMEOUT');
    // Resolved level by level, QA Sphere would never have been asked: Qualifi never answered.
    expect(stack.qaSphere.calls).toEqual(LIST_CALLS.qaSphere);
  });

  it("asks for currentUser's teams while /users/me is still coming", async () => {
    stack.qaSphere.inject({ match: '/users/me', hang: true });
    await gql(stack.url, '{ currentUser { email teams { id } humanApi { humanId } } }');
    expect(stack.qualifi.calls).toEqual(LIST_CALLS.qualifi);
    expect(stack.humanApi.calls).toHaveLength(1);
  });

  it('asks for the roles of a filtered list with the list', async () => {
    stack.qualifi.inject({ match: 'GET /qsi/gather/users', hang: true });
    await gql(stack.url, `{ users(teamId: "${stack.seed.qualifi.teams[0].id}") { role { name } } }`);
    expect(stack.qaSphere.calls).toEqual(LIST_CALLS.qaSphere);
  });
});

describe('currentUser', () => {
  it('is the creator of the configured QA Sphere key, merged with their other records', async () => {
    const ownerEmail = stack.seed.qaSphere.apiKeys[0].email;
    const { body } = await gql(stack.url, '{ currentUser { email role { name } qaSphere { id avatar } sources } }');
    expect(body.errors).toBeUndefined();
    const owner = stack.seed.qaSphere.users.find((u) => u.email === ownerEmail)!;
    expect(body.data!.currentUser).toMatchObject({ email: owner.email, role: { name: 'OWNER' }, qaSphere: { id: owner.id, avatar: owner.avatar } });
    expect(body.data!.currentUser.sources).toContain('QUALIFI');
    // Both at once: the list the selected fields need does not wait for /users/me.
    expect([...stack.qaSphere.calls].sort()).toEqual(['GET /api/public/v0/users/me', ...LIST_CALLS.qaSphere].sort());
  });

  it('follows a forwarded OAuth token, for this request only', async () => {
    const consenting = stack.seed.qaSphere.oauthTokens[0];
    const forwarded = await gql(stack.url, '{ currentUser { email } }', undefined, { 'X-QASphere-Authorization': `Bearer ${consenting.token}` });
    expect(forwarded.body.data!.currentUser.email).toBe(consenting.email.toLowerCase());
    const next = await gql(stack.url, '{ currentUser { email } }');
    expect(next.body.data!.currentUser.email).toBe(stack.seed.qaSphere.apiKeys[0].email.toLowerCase());
  });

  it("gives a viewer their own role, and FORBIDDEN at the path of what only admins may list", async () => {
    const { body } = await gql(stack.url, '{ currentUser { email role { name } twoFactorEnabled } }', undefined, { 'X-QASphere-Authorization': `ApiKey ${SANDBOX_CREDENTIALS.qaSphereViewerKey}` });
    expect(body.data!.currentUser).toMatchObject({ role: { name: 'VIEWER' }, twoFactorEnabled: null });
    expect(body.errors).toEqual([expect.objectContaining({ path: ['currentUser', 'twoFactorEnabled'], extensions: expect.objectContaining({ code: 'FORBIDDEN', source: 'QA_SPHERE' }) })]);
  });
});
