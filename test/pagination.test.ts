import { codes, gql, startStack, vendorCalls, type Stack } from './stack';

// Relay cursor connections beside the lists: a walk page by page, forward or back, gives the list
// itself; cursors name people, not positions; bad arguments are refused before any vendor call.

let stack: Stack;
// More people than the default page of 50, so that the default and the walks have several pages.
beforeAll(async () => { stack = await startStack({ people: 60 }); });
beforeEach(() => stack.reset());
afterAll(() => stack.close());

interface Page<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

const PAGE = 'edges { cursor node { email } } nodes { email } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount';

async function ok(query: string, variables?: Record<string, unknown>) {
  const { status, body } = await gql(stack.url, query, variables);
  expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  return body.data!;
}

/** Pages through a connection forward (`first`/`after`) or back (`last`/`before`) and returns its items in list order. */
async function walk<T>(direction: 'forward' | 'back', size: number, pageOf: (args: Record<string, unknown>) => Promise<Page<T>>) {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let pages = 0; ; pages++) {
    const args = direction === 'forward' ? { first: size, after: cursor } : { last: size, before: cursor };
    const page = await pageOf(args);
    expect(page.nodes).toEqual(page.edges.map((e) => e.node));
    expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
    expect(page.edges.length).toBeLessThanOrEqual(size);
    if (direction === 'forward') {
      expect(page.pageInfo.hasPreviousPage).toBe(pages > 0);
      items.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) return { items, pages: pages + 1 };
      cursor = page.pageInfo.endCursor;
    } else {
      expect(page.pageInfo.hasNextPage).toBe(pages > 0);
      items.unshift(...page.nodes);
      if (!page.pageInfo.hasPreviousPage) return { items, pages: pages + 1 };
      cursor = page.pageInfo.startCursor;
    }
  }
}

const PEOPLE_PAGE = `query ($first: Int, $after: String, $last: Int, $before: String, $teamId: ID, $role: RoleName, $source: Source) {
  usersConnection(first: $first, after: $after, last: $last, before: $before, teamId: $teamId, role: $role, source: $source) { ${PAGE} } }`;
const peoplePage = (filters: Record<string, unknown> = {}) => async (args: Record<string, unknown>) =>
  (await ok(PEOPLE_PAGE, { ...filters, ...args })).usersConnection as Page<{ email: string }>;

describe('usersConnection', () => {
  it.each([
    ['forward', 7],
    ['back', 7],
    ['forward', 500],
  ] as const)('walks %s in pages of %i and meets everyone of users, in order', async (direction, size) => {
    const { users } = await ok('{ users { email } }');
    const { items, pages } = await walk(direction, size, peoplePage());
    expect(items).toEqual(users);
    expect(pages).toBe(Math.max(1, Math.ceil(users.length / size)));
    expect((await peoplePage()({ first: 1 })).totalCount).toBe(users.length);
  });

  it('gives the first 50 when no count is given, and 500 at most', async () => {
    const { users } = await ok('{ users { email } }');
    expect(users.length).toBeGreaterThan(50);
    const page = await peoplePage()({});
    expect(page.nodes).toEqual(users.slice(0, 50));
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it.each([
    ['teamId', () => ({ teamId: stack.seed.qualifi.teams[1].id })],
    ['role', () => ({ role: 'USER' })],
    ['source', () => ({ source: 'HUMAN_API' })],
    ['every filter at once', () => ({ teamId: stack.seed.qualifi.teams[0].id, role: 'ADMIN', source: 'QUALIFI' })],
  ])('pages the list %s narrows to', async (_name, filters) => {
    const { users } = await ok('query ($teamId: ID, $role: RoleName, $source: Source) { users(teamId: $teamId, role: $role, source: $source) { email } }', filters());
    expect(users.length).toBeGreaterThan(0);
    const { items } = await walk('forward', 4, peoplePage(filters()));
    expect(items).toEqual(users);
  });

  it('costs the list calls of users, one per source, and resolves the fields of the page', async () => {
    const query = `{ usersConnection(first: 3) { edges { node { email name teams { name } role { name } humanApi { humanId } } } } }`;
    const data = await ok(query);
    const { users } = await ok('{ users { email name teams { name } role { name } humanApi { humanId } } }');
    expect(data.usersConnection.edges.map((e: { node: unknown }) => e.node)).toEqual(users.slice(0, 3));
    expect(stack.qualifi.calls).toEqual(['GET /qsi/gather/users?includeTeams=true', 'GET /qsi/gather/users?includeTeams=true']);
    expect(stack.qaSphere.calls).toHaveLength(2);
    expect(stack.humanApi.calls).toHaveLength(2);
  });

  it('keeps the next page where it was when someone is added before the cursor', async () => {
    const { usersConnection: first } = await ok(PEOPLE_PAGE, { first: 5 });
    const { usersConnection: second } = await ok(PEOPLE_PAGE, { first: 5, after: first.pageInfo.endCursor });
    const created = await ok(`mutation ($input: CreateApiUsersInput!) { createApiUsers(input: $input) { results { status } } }`, {
      input: { users: [{ firstName: 'Aaron', lastName: 'Aardvark', email: '0-aaron@acme.example', teamIds: [stack.seed.qualifi.teams[0].id] }] },
    });
    expect(created.createApiUsers.results).toEqual([{ status: 'CREATED' }]);
    expect((await ok('{ users { email } }')).users[0].email).toBe('0-aaron@acme.example');
    expect((await ok(PEOPLE_PAGE, { first: 5, after: first.pageInfo.endCursor })).usersConnection.nodes).toEqual(second.nodes);
  });

  it('keeps its place when the person the cursor names has left the list', async () => {
    const onHumanApi = peoplePage({ source: 'HUMAN_API' });
    const first = await onHumanApi({ first: 5 });
    const second = await onHumanApi({ first: 5, after: first.pageInfo.endCursor });
    // The page's last person leaves the Human API list: every Human API record of theirs is deleted.
    const { user } = await ok('query ($email: EmailAddress!) { user(email: $email) { humanApi { humanId } } }', { email: first.nodes[4].email });
    for (const { humanId } of user.humanApi) await ok('mutation ($id: ID!) { deleteHumanUser(humanId: $id) { deleted } }', { id: humanId });
    expect((await onHumanApi({ first: 100 })).nodes).not.toContainEqual(first.nodes[4]);

    expect((await onHumanApi({ first: 5, after: first.pageInfo.endCursor })).nodes).toEqual(second.nodes);
    const back = await onHumanApi({ last: 5, before: second.pageInfo.startCursor });
    expect(back.nodes).toEqual(first.nodes.slice(0, 4));
    expect(back.pageInfo.hasPreviousPage).toBe(false);
  });

  it('answers the page of the sources that answered beside the failed one\'s error', async () => {
    stack.qaSphere.failNext(401);
    const { body } = await gql(stack.url, 'query ($n: Int) { usersConnection(first: $n) { totalCount nodes { email } } }', { n: 500 });
    expect(body.errors?.map((e) => [e.extensions?.code, e.extensions?.source])).toEqual([['UNAUTHENTICATED', 'QA_SPHERE']]);
    const everyoneElse = new Set([...stack.seed.qualifi.users.map((u) => u.email.toLowerCase()),
      ...stack.seed.humanApi.apps[0].users.filter((u) => u.externalId.includes('@')).map((u) => u.externalId.toLowerCase())]);
    expect(new Set(body.data!.usersConnection.nodes.map((n: { email: string }) => n.email))).toEqual(everyoneElse);
    expect(body.data!.usersConnection.totalCount).toBe(everyoneElse.size);
  });
});

describe('bad page arguments', () => {
  const refused = async (query: string, variables: Record<string, unknown>) => {
    const { status, body } = await gql(stack.url, query, variables);
    expect(status).toBe(200);
    expect(codes(body)).toEqual(['BAD_USER_INPUT']);
    expect(vendorCalls(stack)).toEqual([]);
    return (body.errors![0].extensions!.fields as { field: string; message: string }[]);
  };
  const humanCursor = async () => {
    const { humanUsersConnection } = await ok('{ humanUsersConnection(first: 1) { pageInfo { endCursor } } }');
    stack.humanApi.clearLog();
    return humanUsersConnection.pageInfo.endCursor as string;
  };

  it.each([
    ['first and last together', { first: 2, last: 2 }, [{ field: 'last', message: 'give first or last, not both' }]],
    ['a negative first', { first: -1 }, [{ field: 'first', message: 'must be 0 or more' }]],
    ['a negative last', { last: -3 }, [{ field: 'last', message: 'must be 0 or more' }]],
    ['a first over 500', { first: 501 }, [{ field: 'first', message: 'must be at most 500' }]],
    ['a last over 500', { last: 10_000 }, [{ field: 'last', message: 'must be at most 500' }]],
    ['an after we never issued', { after: 'bm90IGEgY3Vyc29y' }, [{ field: 'after', message: 'is not a cursor this connection issued' }]],
    ['a before that is not base64', { before: 'x y' }, [{ field: 'before', message: 'is not a cursor this connection issued' }]],
    ['several at once', { first: -1, before: '' }, [
      { field: 'first', message: 'must be 0 or more' }, { field: 'before', message: 'is not a cursor this connection issued' },
    ]],
  ])('refuses %s on usersConnection, naming the argument, before any vendor call', async (_name, args, fields) => {
    expect(await refused(PEOPLE_PAGE, args)).toEqual(fields);
  });

  it('refuses a Human API cursor on usersConnection and a people cursor on humanUsersConnection', async () => {
    const human = await humanCursor();
    expect(await refused(PEOPLE_PAGE, { after: human })).toEqual([{ field: 'after', message: 'is not a cursor this connection issued' }]);
    const { usersConnection } = await ok(PEOPLE_PAGE, { first: 1 });
    stack.qualifi.clearLog(); stack.qaSphere.clearLog(); stack.humanApi.clearLog();
    expect(await refused('query ($before: String) { humanUsersConnection(before: $before) { totalCount } }', { before: usersConnection.pageInfo.endCursor }))
      .toEqual([{ field: 'before', message: 'is not a cursor this connection issued' }]);
  });

  it('refuses bad arguments on a team\'s and a role\'s connections too', async () => {
    // The team itself is looked up; its members' list is not asked for.
    const teamId = stack.seed.qualifi.teams[0].id;
    const { body } = await gql(stack.url, 'query ($id: ID!, $n: Int) { team(id: $id) { membersConnection(first: $n) { totalCount } } }', { id: teamId, n: 600 });
    expect(body.errors!.map((e) => [e.extensions!.code, e.extensions!.fields])).toEqual([['BAD_USER_INPUT', [{ field: 'first', message: 'must be at most 500' }]]]);
    expect(vendorCalls(stack)).toEqual(['GET /qsi/gather/teams']);
    stack.qualifi.clearLog();
    expect(await refused('{ role(name: ADMIN) { usersConnection(first: 1, last: 1) { totalCount } } }', {}))
      .toEqual([{ field: 'last', message: 'give first or last, not both' }]);
  });

  it('refuses a count written into the document out of bounds with the document, naming it, as GraphQL does a bad literal', async () => {
    const { status, body } = await gql(stack.url, '{ users { email } usersConnection(first: 501) { totalCount } humanUsersConnection(last: -2) { totalCount } }');
    expect(status).toBe(400);
    expect(body.errors!.map((e) => [e.extensions!.code, e.message, e.extensions!.fields])).toEqual([
      ['GRAPHQL_VALIDATION_FAILED', 'first: must be at most 500 (on usersConnection)', [{ field: 'first', message: 'must be at most 500' }]],
      ['GRAPHQL_VALIDATION_FAILED', 'last: must be 0 or more (on humanUsersConnection)', [{ field: 'last', message: 'must be 0 or more' }]],
    ]);
    expect(vendorCalls(stack)).toEqual([]);
  });

  it('answers an empty page for first: 0, with where the list goes on', async () => {
    const { usersConnection } = await ok(PEOPLE_PAGE, { first: 0 });
    expect(usersConnection.edges).toEqual([]);
    expect(usersConnection.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null });
  });
});

describe('a team\'s and a role\'s connections', () => {
  it('pages a team\'s members by email, as users(teamId) lists them', async () => {
    const teamId = stack.seed.qualifi.teams[1].id;
    const { users } = await ok('query ($teamId: ID) { users(teamId: $teamId) { email } }', { teamId });
    const { items } = await walk('forward', 3, async (args) =>
      (await ok(`query ($id: ID!, $first: Int, $after: String) { team(id: $id) { membersConnection(first: $first, after: $after) { ${PAGE} } } }`, { id: teamId, ...args })).team.membersConnection);
    expect(items).toEqual(users);
  });

  it('pages a role\'s people back from the end, as users(role) lists them, with their fields', async () => {
    const { users } = await ok('{ users(role: USER) { email name role { name } teams { id } } }');
    const { items } = await walk('back', 3, async (args) =>
      (await ok(`query ($last: Int, $before: String) { role(name: USER) { usersConnection(last: $last, before: $before) {
        edges { cursor node { email name role { name } teams { id } } } nodes { email name role { name } teams { id } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } } }`, args)).role.usersConnection);
    expect(items).toEqual(users);
  });
});

describe('humanUsersConnection', () => {
  const HUMAN_PAGE = `query ($first: Int, $after: String, $last: Int, $before: String) {
    humanUsersConnection(first: $first, after: $after, last: $last, before: $before) {
      edges { cursor node { humanId externalId } } nodes { humanId externalId } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } }`;
  const humanPage = async (args: Record<string, unknown>) => (await ok(HUMAN_PAGE, args)).humanUsersConnection as Page<{ humanId: string }>;

  it.each(['forward', 'back'] as const)('walks %s through the app\'s users in Human API\'s order', async (direction) => {
    const { humanUsers } = await ok('{ humanUsers { humanId externalId } }');
    expect(humanUsers.length).toBeGreaterThan(10);
    expect((await walk(direction, 10, humanPage)).items).toEqual(humanUsers);
  });

  it('continues after a cursor whose user was deleted', async () => {
    const { humanUsers } = await ok('{ humanUsers { humanId externalId } }');
    const first = await humanPage({ first: 4 });
    await ok('mutation ($id: ID!) { deleteHumanUser(humanId: $id) { deleted } }', { id: first.nodes[3].humanId });
    expect((await humanPage({ first: 4, after: first.pageInfo.endCursor })).nodes).toEqual(humanUsers.slice(4, 8));
  });
});
