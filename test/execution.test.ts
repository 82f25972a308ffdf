import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLBoolean, GraphQLEnumType, GraphQLID, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, getIntrospectionQuery } from 'graphql';
import { formatError } from '../src/errors';
import { compiledExecution } from '../src/execution';
import { createLogger } from '../src/logger';
import { startServer, type RunningServer } from '../src/server';
import { gql, startStack, type GraphQLBody, type Stack } from './stack';

// Compiled execution (graphql-jit) answers exactly what graphql-js answers: the same data, the same
// errors with the same codes, paths and locations, partial results included. Two servers over the
// same vendors, one compiled (the default, which every other suite runs on) and one on graphql-js.

const silent = createLogger('silent');
let stack: Stack;
let reference: RunningServer;
beforeAll(async () => {
  stack = await startStack({ resilience: { retries: 0 } });
  reference = await startServer({ ...stack.serverOptions, execution: 'graphql-js' });
});
beforeEach(() => stack.reset());
afterAll(async () => { await reference.close(); await stack.close(); });

/** One request to each server, with the same fault (if any) set up before each. */
async function both(query: string, variables?: Record<string, unknown>, fault?: () => void): Promise<[GraphQLBody, GraphQLBody]> {
  fault?.();
  const compiled = await gql(stack.url, query, variables);
  await stack.reset();
  fault?.();
  const plain = await gql(reference.url, query, variables);
  expect(compiled.status).toBe(plain.status);
  return [compiled.body, plain.body];
}

const EVERY_FIELD = `{ users { email name firstName lastName phone isApiUser teams { id name displayName } role { name title }
  twoFactorEnabled authorizationTypes lastActivity sources qualifi { id } qaSphere { email } humanApi { humanId externalId } } }`;

const cases: [string, string, Record<string, unknown>?][] = [
  ['every User field of everyone', EVERY_FIELD],
  ['fragments, aliases and __typename', `query Q { people: users(role: ADMIN) { ...who me: __typename } teams { ... on Team { id members { ...who } } } }
    fragment who on User { email name role { name } }`],
  ['@skip and @include inside fragments', `query Q($yes: Boolean!, $no: Boolean!) { users { ...f } }
    fragment f on User { email teams @include(if: $yes) { id } role @skip(if: $yes) { name } name @include(if: $no) }`, { yes: true, no: false }],
  ['one person by a variable, in another case', 'query ($email: EmailAddress!) { user(email: $email) { email name sources } }', { email: 'ADA.LOVELACE@ACME.EXAMPLE' }],
  ['roles and their users, enums both ways', '{ roles { name title users { email } } role(name: TEST_RUNNER) { name } }'],
  ['the caller and Human API users, with dates', '{ currentUser { email name role { name } } humanUsers { humanId createdAt user { email } } }'],
  ['federation entities', 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename ... on User { email name } ... on Team { id } } }',
    { r: [{ __typename: 'User', email: 'ada.lovelace@acme.example' }, { __typename: 'Team', id: 'no-such-team' }] }],
  ['introspection', getIntrospectionQuery()],
  ['a variable of the wrong type (BAD_USER_INPUT)', 'query ($email: EmailAddress!) { user(email: $email) { email } }', { email: 'not-an-email' }],
  ['a missing required variable', 'query ($id: ID!) { team(id: $id) { id } }'],
  ['an argument the vendor rejects', '{ humanUser(humanId: "no-such-user") { humanId } }'],
];

// Objects, not rows: jest would take a row's missing third value for a `done` callback.
it.each(cases.map(([name, query, variables]) => ({ name, query, variables })))('$name', async ({ query, variables }) => {
  const [compiled, plain] = await both(query, variables);
  expect(compiled).toEqual(plain);
  // Each case must exercise something: data for the reads, errors for the refusals.
  expect(compiled.data ?? compiled.errors).toBeTruthy();
});

it.each([
  ['QA Sphere', () => stack.qaSphere.failNext(503)],
  ['Qualifi', () => stack.qualifi.failNext(500)],
  ['Human API', () => stack.humanApi.failNext(502)],
])('a partial answer when %s fails: the same data and errors', async (_source, fault) => {
  const [compiled, plain] = await both(EVERY_FIELD, undefined, fault);
  expect(compiled.errors?.length).toBeGreaterThan(0);
  expect(compiled).toEqual(plain);
});

it('the same mutation answers and validation errors', async () => {
  const create = 'mutation ($input: CreateApiUsersInput!) { createApiUsers(input: $input) { results { email status } } }';
  const input = (email: string) => ({ input: { users: [{ firstName: 'Jit', lastName: 'Compiled', email, teamIds: [stack.seed.qualifi.teams[0].id] }] } });
  for (const [url, email] of [[stack.url, 'jit@acme.example'], [reference.url, 'plain@acme.example']]) {
    expect((await gql(url, create, input(email))).body).toEqual({ data: { createApiUsers: { results: [{ email, status: 'CREATED' }] } } });
  }
  const [compiled, plain] = await both(create, { input: { users: [{ firstName: 'No', lastName: 'Team', email: 'no.team@acme.example', teamIds: [] }] } });
  expect(compiled.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(compiled).toEqual(plain);
});

/** How many times each of the first leaf's getters was read. */
const reads = new Map<string, number>();
const counted = <T>(name: string, value: T) => () => { reads.set(name, (reads.get(name) ?? 0) + 1); return value; };

describe('errors graphql-jit words its own way', () => {
  // No resolver of ours throws an uncoded error or returns null for a non-null field, so a small
  // schema does: Apollo must format them as it does graphql-js's (graphql-jit#234).
  const schema = makeSchema();
  const run = async (server: ApolloServer, query: string) => {
    await server.start();
    try {
      const response = await server.executeOperation({ query });
      return response.body.kind === 'single' ? response.body.singleResult : undefined;
    } finally { await server.stop(); }
  };
  // Without the plugins that hook every field, as the layer runs: Apollo would wrap each field of
  // the schema in a resolver for them, and graphql-jit would call it instead of reading the field inline.
  const plugins = [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginInlineTraceDisabled()];
  const both = (query: string) => Promise.all([
    run(new ApolloServer({ gateway: compiledExecution(schema), formatError, logger: silent, plugins }), query),
    run(new ApolloServer({ schema, formatError, logger: silent, plugins }), query),
  ]);

  // graphql-jit lists the errors that null a parent after the others: the spec gives errors no order.
  const byPath = (errors: readonly { path?: readonly (string | number)[] }[] = []) => [...errors].sort((a, b) => String(a.path).localeCompare(String(b.path)));

  it('masks an unexpected error at its path and location, as graphql-js does', async () => {
    const [compiled, plain] = await both('{ fine broken nested { broken } }');
    expect(compiled).toEqual(plain);
    expect(compiled!.data).toEqual({ fine: 'fine', broken: null, nested: { broken: null } });
    expect(compiled!.errors!.map((e) => [e.message, e.extensions?.code, e.path, e.locations])).toEqual([
      ['Internal server error', 'INTERNAL_SERVER_ERROR', ['broken'], [{ line: 1, column: 8 }]],
      ['Internal server error', 'INTERNAL_SERVER_ERROR', ['nested', 'broken'], [{ line: 1, column: 24 }]],
    ]);
  });

  it('reports a null in a non-null field and nulls its parent, as graphql-js does', async () => {
    const [compiled, plain] = await both('{ fine missing }');
    expect(compiled).toEqual(plain);
    expect(compiled!.data).toBeNull();
    expect(compiled!.errors!.map((e) => e.path)).toEqual([['missing']]);
  });

  // Plain objects in a list, as people are (UserView.ts): graphql-jit checks each leaf inline and
  // makes an error's path and locations only when the leaf fails (patches/graphql-jit+*.patch).
  it('reports the leaves of list items that fail, at their index, as graphql-js does', async () => {
    const [compiled, plain] = await both('{ items { name held count kinds } }');
    expect({ ...compiled, errors: byPath(compiled!.errors) }).toEqual({ ...plain, errors: byPath(plain!.errors) });
    expect(compiled!.data).toEqual({ items: [
      { name: 'first', held: null, count: 1, kinds: ['ONE'] },
      null,
      { name: 'third', held: 'fine', count: null, kinds: null },
    ] });
    expect(compiled!.errors!.map((e) => [e.path, e.locations, e.extensions?.code])).toEqual([
      [['items', 0, 'held'], [{ line: 1, column: 16 }], 'INTERNAL_SERVER_ERROR'],
      [['items', 2, 'count'], [{ line: 1, column: 21 }], 'INTERNAL_SERVER_ERROR'],
      [['items', 1, 'name'], [{ line: 1, column: 11 }], 'INTERNAL_SERVER_ERROR'],
      [['items', 2, 'kinds', 1], [{ line: 1, column: 27 }], 'INTERNAL_SERVER_ERROR'],
    ]);
  });

  // String, ID and Boolean values of their own JS type are answered inline; any other value takes
  // graphql-js's serializer, coercions and refusals included (patches/graphql-jit+*.patch).
  it('serializes String, ID and Boolean leaves of any value as graphql-js does, reading each once', async () => {
    reads.clear();
    const [compiled, plain] = await both('{ leaves { text code flag } }');
    expect({ ...compiled, errors: byPath(compiled!.errors) }).toEqual({ ...plain, errors: byPath(plain!.errors) });
    expect(compiled!.data).toEqual({ leaves: [
      { text: 'plain', code: 'c1', flag: true },
      { text: '7', code: '8', flag: null },
      { text: 'boxed', code: 'c3', flag: false },
      null,
    ] });
    expect(byPath(compiled!.errors).map((e) => e.path)).toEqual([['leaves', 1, 'flag'], ['leaves', 3, 'code'], ['leaves', 3, 'text']]);
    // Each server read each getter once per request.
    expect(Object.fromEntries(reads)).toEqual({ text: 2, code: 2, flag: 2 });
  });
});

function makeSchema() {
  const Nested = new GraphQLObjectType({ name: 'Nested', fields: { broken: { type: GraphQLString, resolve: () => { throw new Error('internal detail'); } } } });
  const Kind = new GraphQLEnumType({ name: 'Kind', values: { ONE: {} } });
  // No resolvers: every field is read from the object, as a person's are.
  const Item = new GraphQLObjectType({
    name: 'Item',
    fields: { name: { type: new GraphQLNonNull(GraphQLString) }, held: { type: GraphQLString }, count: { type: GraphQLInt }, kinds: { type: new GraphQLList(new GraphQLNonNull(Kind)) } },
  });
  const Leaf = new GraphQLObjectType({
    name: 'Leaf',
    fields: { text: { type: GraphQLString }, code: { type: new GraphQLNonNull(GraphQLID) }, flag: { type: GraphQLBoolean } },
  });
  const leaves = [
    Object.defineProperties({}, { text: { get: counted('text', 'plain') }, code: { get: counted('code', 'c1') }, flag: { get: counted('flag', true) } }),
    { text: 7, code: 8, flag: 'yes' },
    { text: new String('boxed'), code: 'c3', flag: 0 },
    { text: {}, code: null, flag: true },
  ];
  const items = [
    { name: 'first', held: new Error('internal detail'), count: 1, kinds: ['ONE'] },
    { name: null, held: 'fine', count: 2, kinds: [] },
    { name: 'third', held: 'fine', count: 'many', kinds: ['ONE', 'NONE'] },
  ];
  return new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        fine: { type: GraphQLString, resolve: () => 'fine' },
        broken: { type: GraphQLString, resolve: () => { throw new Error('internal detail'); } },
        missing: { type: new GraphQLNonNull(GraphQLString), resolve: () => null },
        nested: { type: Nested, resolve: () => ({}) },
        items: { type: new GraphQLList(Item), resolve: () => items },
        leaves: { type: new GraphQLList(Leaf), resolve: () => leaves },
      },
    }),
  });
}
