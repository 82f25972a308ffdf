import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Resolver types from the SDL, with mappers to the shapes the resolvers really receive (the
 * vendors' DTOs and our merged Person), so a missing or mistyped resolver fails type-checking.
 * And, for frontends, React hooks for Apollo Client typed by the operation documents.
 */
const config: CodegenConfig = {
  schema: 'schema/*.graphql',
  generates: {
    'src/__generated__/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        contextType: '../context#Context',
        // Types __resolveReference for the entities (User, Team) of the Federation 2 subgraph.
        federation: true,
        useIndexSignature: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: {
          DateTime: { input: 'Date', output: 'Date | string' },
          Date: { input: 'Date', output: 'Date | string' },
          EmailAddress: 'string',
          PhoneNumber: 'string',
          NonEmptyString: 'string',
          _FieldSet: 'string', // federation's @key(fields:)
        },
        // GraphQL names on the outside, QA Sphere's spellings inside (see resolvers/index.ts).
        enumValues: {
          RoleName: { OWNER: 'owner', ADMIN: 'admin', USER: 'user', TEST_RUNNER: 'test-runner', VIEWER: 'viewer' },
          AuthorizationType: { PASSWORD: 'password', GOOGLE: 'google' },
        },
        mappers: {
          User: '../model#Person',
          Team: '../qualifi/dto#QualifiUserTeamDto',
          QualifiUser: '../qualifi/dto#QualifiUserDto',
          QaSphereUser: '../model#QaSphereRecord',
          HumanUser: '../humanapi/dto#HumanUserDto',
          Role: '../qasphere/dto#QaSphereRole',
          RoleName: '../qasphere/dto#QaSphereRole',
          AuthorizationType: '../qasphere/dto#QaSphereAuthorizationType',
        },
      },
    },
  },
};

// What the scalars are on the wire, for clients.
const clientScalars = {
  DateTime: 'string', Date: 'string', EmailAddress: 'string', PhoneNumber: 'string', NonEmptyString: 'string',
};

config.generates['examples/dashboard/src/__generated__/graphql.ts'] = {
  documents: 'examples/dashboard/src/graphql/*.graphql',
  // typescript-operations 6 emits the schema types the documents use; the typescript plugin would repeat them.
  plugins: ['typescript-operations', 'typescript-react-apollo'],
  config: { strictScalars: true, scalars: clientScalars, enumsAsTypes: true, withHooks: true, avoidOptionals: { field: true } },
};

export default config;
