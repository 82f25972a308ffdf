import { emailKey, isEmail } from '../src/model';
import { SANDBOX_CREDENTIALS } from '../src/sandbox/seed';
import { codes, gql, startStack, type GraphQLBody, type Stack } from './stack';

// Most organisations have one or two of the three vendors: a source that is not configured is
// absent, never failing, and nothing is ever sent to it.

type SourceName = 'QUALIFI' | 'HUMAN_API' | 'QA_SPHERE';
const ALL: SourceName[] = ['QUALIFI', 'HUMAN_API', 'QA_SPHERE'];
const COMBINATIONS: SourceName[][] = [
  ['QUALIFI'], ['HUMAN_API'], ['QA_SPHERE'],
  ['QUALIFI', 'HUMAN_API'], ['QUALIFI', 'QA_SPHERE'], ['HUMAN_API', 'QA_SPHERE'],
  ALL,
];

/** What only each source can answer: with it absent, each is SOURCE_NOT_CONFIGURED naming it. */
const ONLY_FROM: Record<SourceName, { query: string; variables?: Record<string, unknown>; headers?: Record<string, string> }[]> = {
  QUALIFI: [
    { query: '{ teams { id } }' },
    { query: '{ team(id: "t1") { id } }' },
    {
      query: 'mutation ($input: CreateApiUsersInput!) { createApiUsers(input: $input) { users { email } } }',
      variables: { input: { users: [{ firstName: 'Ida', lastName: 'Rhodes', email: 'ida.rhodes@acme.example', teamIds: ['t1'] }] } },
      // A forwarded credential does not make an absent source present.
      headers: { 'x-qualifi-api-key': SANDBOX_CREDENTIALS.qualifiApiKey },
    },
  ],
  HUMAN_API: [
    { query: '{ humanUsers { humanId } }' },
    { query: `{ humanUsers(appId: "${SANDBOX_CREDENTIALS.humanApiAppId}") { humanId } }`, headers: { 'x-humanapi-app-key': SANDBOX_CREDENTIALS.humanApiAppKey } },
    { query: '{ humanUser(humanId: "h1") { humanId } }' },
    { query: 'mutation { deleteHumanUser(humanId: "h1") { deleted } }' },
  ],
  QA_SPHERE: [
    { query: '{ currentUser { email } }', headers: { 'x-qasphere-authorization': `ApiKey ${SANDBOX_CREDENTIALS.qaSphereApiKey}` } },
    { query: '{ role(name: ADMIN) { name users { email } } }' },
  ],
};

describe.each(COMBINATIONS.map((sources) => [sources.join(' + '), sources] as const))('over %s', (_name, configured) => {
  const has = (source: SourceName) => configured.includes(source);
  const absent = ALL.filter((s) => !has(s));
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      upstreams: (u) => ({ qualifi: has('QUALIFI') ? u.qualifi : null, humanApi: has('HUMAN_API') ? u.humanApi : null, qaSphere: has('QA_SPHERE') ? u.qaSphere : null }),
    });
  });
  beforeEach(() => stack.reset());
  afterAll(() => stack.close());

  const emulatorOf = (source: SourceName) => ({ QUALIFI: stack.qualifi, HUMAN_API: stack.humanApi, QA_SPHERE: stack.qaSphere })[source];
  const noCallToAbsentSources = () => { for (const source of absent) expect([source, emulatorOf(source).calls]).toEqual([source, []]); };

  /** Each person the configured sources know, with the sources that know them (in the schema's order). */
  function expectedPeople() {
    const { qualifi, qaSphere, humanApi } = stack.seed;
    const people = new Map<string, SourceName[]>();
    const add = (source: SourceName, email: string) => {
      if (!has(source)) return;
      const known = people.get(emailKey(email)) ?? [];
      if (!known.includes(source)) known.push(source);
      people.set(emailKey(email), known);
    };
    qualifi.users.forEach((u) => add('QUALIFI', u.email));
    humanApi.apps[0].users.filter((u) => isEmail(u.externalId)).forEach((u) => add('HUMAN_API', u.externalId));
    qaSphere.users.forEach((u) => add('QA_SPHERE', u.email));
    return people;
  }

  it('lists the people of the configured sources, names only those sources, and asks nothing of the others', async () => {
    const { body } = await gql(stack.url, '{ users { email sources name teams { name } role { name } humanApi { humanId } } }');
    expect(body.errors).toBeUndefined();
    const expected = expectedPeople();
    const users = body.data!.users as { email: string; sources: SourceName[]; name: string | null; teams: unknown[]; role: unknown; humanApi: unknown[] }[];
    expect(new Map(users.map((u) => [u.email, u.sources]))).toEqual(expected);
    if (!has('QUALIFI')) expect(users.every((u) => u.teams.length === 0)).toBe(true);
    if (!has('QA_SPHERE')) expect(users.every((u) => u.role === null)).toBe(true);
    if (!has('HUMAN_API')) expect(users.every((u) => u.humanApi.length === 0)).toBe(true);
    // Names come from QA Sphere, else Qualifi: with neither, there is none to give.
    if (!has('QA_SPHERE') && !has('QUALIFI')) expect(users.every((u) => u.name === null)).toBe(true);
    noCallToAbsentSources();
  });

  it('finds one person by email in the configured sources only', async () => {
    const { qualifi, qaSphere } = stack.seed;
    const inQualifi = qualifi.users[0].email;
    const inQaSphere = qaSphere.users[0].email;
    const { body } = await gql(stack.url, `{ a: user(email: "${inQualifi}") { sources } b: user(email: "${inQaSphere}") { sources } }`);
    expect(body.errors).toBeUndefined();
    const expected = expectedPeople();
    expect(body.data!.a?.sources ?? null).toEqual(expected.get(emailKey(inQualifi)) ?? null);
    expect(body.data!.b?.sources ?? null).toEqual(expected.get(emailKey(inQaSphere)) ?? null);
    noCallToAbsentSources();
  });

  it('reports each source as configured or not on /readyz', async () => {
    const res = await fetch(new URL('/readyz', stack.url));
    const { sources } = await res.json() as { sources: Record<SourceName, string> };
    expect(sources).toEqual(Object.fromEntries(ALL.map((s) => [s, has(s) ? 'closed' : 'not-configured'])));
  });

  const onlyFromAbsent = absent.flatMap((source) => ONLY_FROM[source].map((request) => [source, request.query, request] as const));
  if (onlyFromAbsent.length > 0) {
    it.each(onlyFromAbsent)('answers SOURCE_NOT_CONFIGURED for what only %s can answer: %s', async (source, query, { variables, headers }) => {
      const { status, body } = await gql(stack.url, query, variables, headers);
      expect(status).toBe(200);
      expect(codes(body)).toEqual(['SOURCE_NOT_CONFIGURED']);
      const [error] = body.errors! as Required<GraphQLBody>['errors'];
      expect(error.extensions).toMatchObject({ source });
      expect(error.message).toMatch({ QUALIFI: /QUALIFI_API_KEY/, HUMAN_API: /HUMANAPI_APP_ID/, QA_SPHERE: /QASPHERE_BASE_URL/ }[source]);
      noCallToAbsentSources();
    });
  }

  if (!has('QA_SPHERE')) {
    it("keeps the role itself, QA Sphere's catalogue, beside the error for its holders", async () => {
      const { body } = await gql(stack.url, '{ role(name: ADMIN) { name title users { email } } }');
      expect(body.data).toEqual({ role: { name: 'ADMIN', title: expect.any(String), users: [] } });
      expect(body.errors?.[0].path).toEqual(['role', 'users']);
    });
  }
});
