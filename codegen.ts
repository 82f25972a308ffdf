import { createHash } from 'node:crypto';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';

/**
 * Resolver types from the SDL, with mappers to the shapes the resolvers really receive (the
 * vendors' DTOs and our merged Person), so a missing or mistyped resolver fails type-checking.
 * And, for frontends, typed documents (TypedDocumentNode) from the operation documents, with the
 * manifest of trusted documents the production dashboard refers to by hash.
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
          User: '../resolvers/UserView#UserView',
          Team: '../qualifi/dto#QualifiUserTeamDto',
          QualifiUser: '../qualifi/dto#QualifiUserDto',
          QaSphereUser: '../model#QaSphereRecord',
          HumanUser: '../humanapi/dto#HumanUserDto',
          Role: '../qasphere/roles#RoleEntry',
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

config.generates['examples/dashboard/src/__generated__/'] = {
  documents: 'examples/dashboard/src/graphql/*.graphql',
  preset: 'client',
  presetConfig: {
    // No fragments to mask yet; were there any, Apollo Client 4's own data masking would do it.
    fragmentMasking: false,
    // persisted-documents.json: hash → document, the gateway's TRUSTED_DOCUMENTS. Plain hex (the
    // preset's 'sha256' prefixes "sha256:"), because that is what Apollo's persistedQuery.sha256Hash carries.
    persistedDocuments: { hashAlgorithm: (document: string) => createHash('sha256').update(document).digest('hex') },
  },
  // Apollo Client's cache asks for __typename everywhere; the trusted text must select it too, or the
  // document the server runs would not be the one the client reads.
  documentTransforms: [addTypenameSelectionDocumentTransform],
  // enumType 'string-literal' is typescript-operations 6's spelling of enumsAsTypes.
  config: { strictScalars: true, scalars: clientScalars, enumType: 'string-literal', avoidOptionals: { field: true } },
};

export default config;
