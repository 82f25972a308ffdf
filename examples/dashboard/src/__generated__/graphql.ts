/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** One API user to create in Qualifi. */
export type CreateApiUserInput = {
  /** True to create a regular user with an Auth0 account (UI access); false for an API user. */
  createAuth0Account?: boolean | null | undefined;
  /** Email address; must not belong to an existing user. */
  email: string;
  /** First name. */
  firstName: string;
  /** Last name. */
  lastName: string;
  /** Phone number. */
  phone?: string | null | undefined;
  /** The Qualifi teams to put the user in: at least one, all of the caller's organisation. */
  teamIds: Array<string | number>;
};

/** What became of one user of a createApiUsers call. */
export type CreateApiUserStatus =
  /** Qualifi already had a user with this email (any case): nothing was sent for them. */
  | 'ALREADY_EXISTED'
  /** Created by this call. */
  | 'CREATED'
  /** Not created: see reason and code. Sending it again is safe. */
  | 'FAILED'
  /**
   * Qualifi may or may not have created the user: the call's outcome was lost and could not be
   * checked. Look the email up before sending it again.
   */
  | 'UNKNOWN';

/** Users to create in Qualifi in one call. */
export type CreateApiUsersInput = {
  /** The users: at least one, and no email address twice. */
  users: Array<CreateApiUserInput>;
};

/** The roles of a QA Sphere workspace. */
export type RoleName =
  /** Full project access with user management. */
  | 'ADMIN'
  /** Full system access with tenant management. */
  | 'OWNER'
  /** Can execute test runs only. */
  | 'TEST_RUNNER'
  /** Can create and manage test cases and runs. */
  | 'USER'
  /** Read-only access to projects. */
  | 'VIEWER';

/** The upstream systems this graph federates. */
export type Source =
  /** Human API: an application's users. */
  | 'HUMAN_API'
  /** QA Sphere: workspace users, roles and two-factor authentication. */
  | 'QA_SPHERE'
  /** Qualifi / Humanly "gather": API users and their teams. */
  | 'QUALIFI';

export type CreateApiUsersMutationVariables = Exact<{
  input: CreateApiUsersInput;
}>;


export type CreateApiUsersMutation = { __typename: 'Mutation', createApiUsers: { __typename: 'CreateApiUsersPayload', results: Array<{ __typename: 'CreateApiUserResult', email: string, status: CreateApiUserStatus, reason: string | null, code: string | null }> } };

export type DeleteHumanUserMutationVariables = Exact<{
  humanId: string | number;
}>;


export type DeleteHumanUserMutation = { __typename: 'Mutation', deleteHumanUser: { __typename: 'DeleteHumanUserPayload', humanId: string, deleted: boolean } };

export type FiltersQueryVariables = Exact<{ [key: string]: never; }>;


export type FiltersQuery = { __typename: 'Query', teams: Array<{ __typename: 'Team', id: string, displayName: string }> | null, roles: Array<{ __typename: 'Role', name: RoleName, title: string }> };

export type PeopleQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  teamId?: string | number | null | undefined;
  role?: RoleName | null | undefined;
}>;


export type PeopleQuery = { __typename: 'Query', usersConnection: { __typename: 'UserConnection', totalCount: number, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null }, edges: Array<{ __typename: 'UserEdge', cursor: string, node: { __typename: 'User', email: string, name: string | null, twoFactorEnabled: boolean | null, sources: Array<Source>, teams: Array<{ __typename: 'Team', id: string, displayName: string }>, role: { __typename: 'Role', name: RoleName, title: string } | null, humanApi: Array<{ __typename: 'HumanUser', humanId: string, externalId: string }> } }> } };


export const CreateApiUsersDocument = {"__meta__":{"hash":"d4a8d620d53f596a60ed96599b2a380d337a25c90084d457aa21c5a8286757fd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateApiUsers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateApiUsersInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"createApiUsers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CreateApiUsersMutation, CreateApiUsersMutationVariables>;
export const DeleteHumanUserDocument = {"__meta__":{"hash":"4afb19272899c3e5facd03a515cef263141fdfa07651ca2a1cf20a52a72b28ee"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteHumanUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"humanId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"deleteHumanUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"humanId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"humanId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"humanId"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}}]}}]}}]} as unknown as DocumentNode<DeleteHumanUserMutation, DeleteHumanUserMutationVariables>;
export const FiltersDocument = {"__meta__":{"hash":"f5c56b2e813a62f1410c3f3cad90371b4c50dd8c4d1b025dd87304d31e77a8c3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Filters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"teams"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"roles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]} as unknown as DocumentNode<FiltersQuery, FiltersQueryVariables>;
export const PeopleDocument = {"__meta__":{"hash":"d35f6f8a4606875c11490a07efbe33579d38e8020e4ac7b6f185d7c66fd45e5d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"People"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"teamId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"role"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"RoleName"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"usersConnection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"teamId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"teamId"}}},{"kind":"Argument","name":{"kind":"Name","value":"role"},"value":{"kind":"Variable","name":{"kind":"Name","value":"role"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"teams"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"role"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"twoFactorEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"sources"}},{"kind":"Field","name":{"kind":"Name","value":"humanApi"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"humanId"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<PeopleQuery, PeopleQueryVariables>;