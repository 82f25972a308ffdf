import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { emailKey } from '../src/model';
import { loadTypeDefs } from '../src/schema';
import { gql, startStack, type Stack } from './stack';

// user-graph as a Federation 2 subgraph beside a small "desks" subgraph that adds a field to User
// by email, composed with @apollo/composition and served by @apollo/gateway in process.

const DESKS_SDL = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  scalar EmailAddress
  type User @key(fields: "email") {
    email: EmailAddress!
    "Where the person sits."
    desk: String!
  }
  type Query {
    "Everyone with a desk, as references user-graph completes."
    seated: [User!]!
  }
`);

let stack: Stack;
let seatedEmails: string[];
const stops: (() => Promise<void>)[] = [];
let gatewayUrl: string;

beforeAll(async () => {
  stack = await startStack();
  seatedEmails = stack.seed.qualifi.users.slice(0, 12).map((u) => u.email);
  const deskOf = (email: string) => `desk-${emailKey(email).split('@')[0]}`;
  const desks = new ApolloServer({
    schema: buildSubgraphSchema({
      typeDefs: DESKS_SDL,
      resolvers: {
        Query: { seated: () => seatedEmails.map((email) => ({ email })) },
        User: { __resolveReference: ({ email }: { email: string }) => ({ email }), desk: ({ email }: { email: string }) => deskOf(email) },
      },
    }),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const { url: desksUrl } = await startStandaloneServer(desks, { listen: { port: 0 } });
  stops.push(() => desks.stop());

  const composed = composeServices([
    { name: 'users', url: stack.url, typeDefs: parse(loadTypeDefs().join('\n')) },
    { name: 'desks', url: desksUrl, typeDefs: DESKS_SDL },
  ]);
  expect(composed.errors ?? []).toEqual([]);
  const gateway = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: composed.supergraphSdl! }) });
  ({ url: gatewayUrl } = await startStandaloneServer(gateway, { listen: { port: 0 } }));
  stops.push(() => gateway.stop());
});
beforeEach(() => stack.reset());
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  await stack.close();
});

it('completes many references from the desks subgraph with one list call per source', async () => {
  const { body } = await gql(gatewayUrl, '{ seated { email desk name role { name } teams { id } } }');
  expect(body.errors).toBeUndefined();
  expect(body.data!.seated).toHaveLength(seatedEmails.length);
  const first = stack.seed.qualifi.users[0];
  expect(body.data!.seated[0]).toMatchObject({ email: first.email, desk: `desk-${first.email.split('@')[0]}`, teams: first.teamIds.map((id) => ({ id })) });
  // Twelve references, one _entities request, one call per source involved.
  expect(stack.qualifi.calls).toEqual(['GET /qsi/gather/users?includeTeams=true']);
  expect(stack.qaSphere.calls).toEqual(['GET /api/public/v0/users']);
  expect(stack.humanApi.calls).toEqual([]);
});

it('adds the desks field to users listed by user-graph', async () => {
  const { body } = await gql(gatewayUrl, '{ users(source: QUALIFI) { email desk } }');
  expect(body.errors).toBeUndefined();
  expect(body.data!.users).toHaveLength(stack.seed.qualifi.users.length);
  expect(body.data!.users.every((u: { email: string; desk: string }) => u.desk === `desk-${emailKey(u.email).split('@')[0]}`)).toBe(true);
  expect(stack.qualifi.calls).toHaveLength(1);
});

it('resolves a Team entity by id through the teams list', async () => {
  const team = stack.seed.qualifi.teams[2];
  const { body } = await gql(stack.url, `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Team { id displayName logoUrl } } }`,
    { r: [{ __typename: 'Team', id: team.id }, { __typename: 'Team', id: 'no-such-team' }] });
  expect(body.data!._entities).toEqual([{ id: team.id, displayName: team.displayName, logoUrl: team.logoUrl }, null]);
  expect(stack.qualifi.calls).toEqual(['GET /qsi/gather/teams']);
});
