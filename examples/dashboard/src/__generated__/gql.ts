/* eslint-disable */
import * as types from './graphql';
import { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "mutation CreateApiUsers($input: CreateApiUsersInput!) {\n  createApiUsers(input: $input) {\n    results {\n      email\n      status\n      reason\n      code\n    }\n  }\n}": typeof types.CreateApiUsersDocument,
    "mutation DeleteHumanUser($humanId: ID!) {\n  deleteHumanUser(humanId: $humanId) {\n    humanId\n    deleted\n  }\n}": typeof types.DeleteHumanUserDocument,
    "query Filters {\n  teams {\n    id\n    displayName\n  }\n  roles {\n    name\n    title\n  }\n}": typeof types.FiltersDocument,
    "query People($first: Int, $after: String, $teamId: ID, $role: RoleName) {\n  usersConnection(first: $first, after: $after, teamId: $teamId, role: $role) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        email\n        name\n        teams {\n          id\n          displayName\n        }\n        role {\n          name\n          title\n        }\n        twoFactorEnabled\n        sources\n        humanApi {\n          humanId\n          externalId\n        }\n      }\n    }\n  }\n}": typeof types.PeopleDocument,
};
const documents: Documents = {
    "mutation CreateApiUsers($input: CreateApiUsersInput!) {\n  createApiUsers(input: $input) {\n    results {\n      email\n      status\n      reason\n      code\n    }\n  }\n}": types.CreateApiUsersDocument,
    "mutation DeleteHumanUser($humanId: ID!) {\n  deleteHumanUser(humanId: $humanId) {\n    humanId\n    deleted\n  }\n}": types.DeleteHumanUserDocument,
    "query Filters {\n  teams {\n    id\n    displayName\n  }\n  roles {\n    name\n    title\n  }\n}": types.FiltersDocument,
    "query People($first: Int, $after: String, $teamId: ID, $role: RoleName) {\n  usersConnection(first: $first, after: $after, teamId: $teamId, role: $role) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        email\n        name\n        teams {\n          id\n          displayName\n        }\n        role {\n          name\n          title\n        }\n        twoFactorEnabled\n        sources\n        humanApi {\n          humanId\n          externalId\n        }\n      }\n    }\n  }\n}": types.PeopleDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateApiUsers($input: CreateApiUsersInput!) {\n  createApiUsers(input: $input) {\n    results {\n      email\n      status\n      reason\n      code\n    }\n  }\n}"): (typeof documents)["mutation CreateApiUsers($input: CreateApiUsersInput!) {\n  createApiUsers(input: $input) {\n    results {\n      email\n      status\n      reason\n      code\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteHumanUser($humanId: ID!) {\n  deleteHumanUser(humanId: $humanId) {\n    humanId\n    deleted\n  }\n}"): (typeof documents)["mutation DeleteHumanUser($humanId: ID!) {\n  deleteHumanUser(humanId: $humanId) {\n    humanId\n    deleted\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Filters {\n  teams {\n    id\n    displayName\n  }\n  roles {\n    name\n    title\n  }\n}"): (typeof documents)["query Filters {\n  teams {\n    id\n    displayName\n  }\n  roles {\n    name\n    title\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query People($first: Int, $after: String, $teamId: ID, $role: RoleName) {\n  usersConnection(first: $first, after: $after, teamId: $teamId, role: $role) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        email\n        name\n        teams {\n          id\n          displayName\n        }\n        role {\n          name\n          title\n        }\n        twoFactorEnabled\n        sources\n        humanApi {\n          humanId\n          externalId\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query People($first: Int, $after: String, $teamId: ID, $role: RoleName) {\n  usersConnection(first: $first, after: $after, teamId: $teamId, role: $role) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        email\n        name\n        teams {\n          id\n          displayName\n        }\n        role {\n          name\n          title\n        }\n        twoFactorEnabled\n        sources\n        humanApi {\n          humanId\n          externalId\n        }\n      }\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;