import type { SandboxSeed } from '../src/sandbox/seed';

/** One benchmark scenario: the GraphQL request the layer and the baseline get; the floor answers it by name. */
export interface Scenario {
  name: string;
  /** The GraphQL document and variables (new ones per request when `fresh` is set). */
  query: string;
  variables(seed: SandboxSeed, n: number): Record<string, unknown>;
  /** Variables must differ per request (a write that must not repeat); its answers are not compared across modes. */
  fresh?: boolean;
}

let sequence = 0;
/** Ten users no organisation has yet: createApiUsers must really create on every request. */
const newUsers = (seed: SandboxSeed) => Array.from({ length: 10 }, () => {
  sequence += 1;
  return { firstName: 'Bench', lastName: `User${sequence}`, email: `bench.${process.pid}.${sequence}@acme.example`, teamIds: [seed.qualifi.teams[0].id] };
});

export const SCENARIOS: Scenario[] = [
  {
    // No upstream call: the bare cost of one request through each server.
    name: '__typename',
    query: 'query Typename { __typename }',
    variables: () => ({}),
  },
  {
    name: 'everyone',
    query: 'query Everyone { users { email name teams { id name } role { name } twoFactorEnabled humanApi { humanId } } }',
    variables: () => ({}),
  },
  {
    // Every User field that takes no argument: the most the graph completes per person.
    name: 'every field',
    query: 'query EveryField { users { email name firstName lastName phone isApiUser teams { id name displayName } role { name title } '
      + 'twoFactorEnabled authorizationTypes lastActivity sources qualifi { id } qaSphere { email } humanApi { humanId externalId } } }',
    variables: () => ({}),
  },
  {
    name: 'one by email',
    query: 'query One($email: EmailAddress!) { user(email: $email) { email name teams { id name } role { name } twoFactorEnabled humanApi { humanId } } }',
    // The middle of the organisation, in another case: the lookup is by key, not by position.
    variables: (seed) => ({ email: seed.qualifi.users[Math.floor(seed.qualifi.users.length / 2)].email.toUpperCase() }),
  },
  {
    name: 'team members',
    query: 'query Team($id: ID!) { team(id: $id) { id displayName members { email name role { name } } } }',
    variables: (seed) => ({ id: seed.qualifi.teams[0].id }),
  },
  {
    name: 'currentUser',
    query: 'query Me { currentUser { email name role { name } teams { id name } } }',
    variables: () => ({}),
  },
  {
    name: 'createApiUsers x10',
    query: 'mutation Create($input: CreateApiUsersInput!) { createApiUsers(input: $input) { results { email status } } }',
    variables: (seed) => ({ input: { users: newUsers(seed) } }),
    fresh: true,
  },
];
