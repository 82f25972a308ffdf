/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { gql } from '@apollo/client';
import * as Apollo from '@apollo/client';
const defaultOptions = {} as const;
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


export type CreateApiUsersMutation = { createApiUsers: { results: Array<{ email: string, status: CreateApiUserStatus, reason: string | null, code: string | null }> } };

export type DeleteHumanUserMutationVariables = Exact<{
  humanId: string | number;
}>;


export type DeleteHumanUserMutation = { deleteHumanUser: { humanId: string, deleted: boolean } };

export type FiltersQueryVariables = Exact<{ [key: string]: never; }>;


export type FiltersQuery = { teams: Array<{ id: string, displayName: string }> | null, roles: Array<{ name: RoleName, title: string }> };

export type PeopleQueryVariables = Exact<{
  teamId?: string | number | null | undefined;
  role?: RoleName | null | undefined;
}>;


export type PeopleQuery = { users: Array<{ email: string, name: string | null, twoFactorEnabled: boolean | null, sources: Array<Source>, teams: Array<{ id: string, displayName: string }>, role: { name: RoleName, title: string } | null, humanApi: Array<{ humanId: string, externalId: string }> }> };


export const CreateApiUsersDocument = gql`
    mutation CreateApiUsers($input: CreateApiUsersInput!) {
  createApiUsers(input: $input) {
    results {
      email
      status
      reason
      code
    }
  }
}
    `;
export type CreateApiUsersMutationFn = Apollo.MutationFunction<CreateApiUsersMutation, CreateApiUsersMutationVariables>;

/**
 * __useCreateApiUsersMutation__
 *
 * To run a mutation, you first call `useCreateApiUsersMutation` within a React component and pass it any options that fit your needs.
 * When your component renders, `useCreateApiUsersMutation` returns a tuple that includes:
 * - A mutate function that you can call at any time to execute the mutation
 * - An object with fields that represent the current status of the mutation's execution
 *
 * @param baseOptions options that will be passed into the mutation, supported options are listed on: https://www.apollographql.com/docs/react/api/react-hooks/#options-2;
 *
 * @example
 * const [createApiUsersMutation, { data, loading, error }] = useCreateApiUsersMutation({
 *   variables: {
 *      input: // value for 'input'
 *   },
 * });
 */
export function useCreateApiUsersMutation(baseOptions?: Apollo.MutationHookOptions<CreateApiUsersMutation, CreateApiUsersMutationVariables>) {
        const options = {...defaultOptions, ...baseOptions}
        return Apollo.useMutation<CreateApiUsersMutation, CreateApiUsersMutationVariables>(CreateApiUsersDocument, options);
      }
export type CreateApiUsersMutationHookResult = ReturnType<typeof useCreateApiUsersMutation>;
export type CreateApiUsersMutationResult = Apollo.MutationResult<CreateApiUsersMutation>;
export type CreateApiUsersMutationOptions = Apollo.BaseMutationOptions<CreateApiUsersMutation, CreateApiUsersMutationVariables>;
export const DeleteHumanUserDocument = gql`
    mutation DeleteHumanUser($humanId: ID!) {
  deleteHumanUser(humanId: $humanId) {
    humanId
    deleted
  }
}
    `;
export type DeleteHumanUserMutationFn = Apollo.MutationFunction<DeleteHumanUserMutation, DeleteHumanUserMutationVariables>;

/**
 * __useDeleteHumanUserMutation__
 *
 * To run a mutation, you first call `useDeleteHumanUserMutation` within a React component and pass it any options that fit your needs.
 * When your component renders, `useDeleteHumanUserMutation` returns a tuple that includes:
 * - A mutate function that you can call at any time to execute the mutation
 * - An object with fields that represent the current status of the mutation's execution
 *
 * @param baseOptions options that will be passed into the mutation, supported options are listed on: https://www.apollographql.com/docs/react/api/react-hooks/#options-2;
 *
 * @example
 * const [deleteHumanUserMutation, { data, loading, error }] = useDeleteHumanUserMutation({
 *   variables: {
 *      humanId: // value for 'humanId'
 *   },
 * });
 */
export function useDeleteHumanUserMutation(baseOptions?: Apollo.MutationHookOptions<DeleteHumanUserMutation, DeleteHumanUserMutationVariables>) {
        const options = {...defaultOptions, ...baseOptions}
        return Apollo.useMutation<DeleteHumanUserMutation, DeleteHumanUserMutationVariables>(DeleteHumanUserDocument, options);
      }
export type DeleteHumanUserMutationHookResult = ReturnType<typeof useDeleteHumanUserMutation>;
export type DeleteHumanUserMutationResult = Apollo.MutationResult<DeleteHumanUserMutation>;
export type DeleteHumanUserMutationOptions = Apollo.BaseMutationOptions<DeleteHumanUserMutation, DeleteHumanUserMutationVariables>;
export const FiltersDocument = gql`
    query Filters {
  teams {
    id
    displayName
  }
  roles {
    name
    title
  }
}
    `;

/**
 * __useFiltersQuery__
 *
 * To run a query within a React component, call `useFiltersQuery` and pass it any options that fit your needs.
 * When your component renders, `useFiltersQuery` returns an object from Apollo Client that contains loading, error, and data properties
 * you can use to render your UI.
 *
 * @param baseOptions options that will be passed into the query, supported options are listed on: https://www.apollographql.com/docs/react/api/react-hooks/#options;
 *
 * @example
 * const { data, loading, error } = useFiltersQuery({
 *   variables: {
 *   },
 * });
 */
export function useFiltersQuery(baseOptions?: Apollo.QueryHookOptions<FiltersQuery, FiltersQueryVariables>) {
        const options = {...defaultOptions, ...baseOptions}
        return Apollo.useQuery<FiltersQuery, FiltersQueryVariables>(FiltersDocument, options);
      }
export function useFiltersLazyQuery(baseOptions?: Apollo.LazyQueryHookOptions<FiltersQuery, FiltersQueryVariables>) {
          const options = {...defaultOptions, ...baseOptions}
          return Apollo.useLazyQuery<FiltersQuery, FiltersQueryVariables>(FiltersDocument, options);
        }
// @ts-ignore
export function useFiltersSuspenseQuery(baseOptions?: Apollo.SuspenseQueryHookOptions<FiltersQuery, FiltersQueryVariables>): Apollo.UseSuspenseQueryResult<FiltersQuery, FiltersQueryVariables>;
export function useFiltersSuspenseQuery(baseOptions?: Apollo.SkipToken | Apollo.SuspenseQueryHookOptions<FiltersQuery, FiltersQueryVariables>): Apollo.UseSuspenseQueryResult<FiltersQuery | undefined, FiltersQueryVariables>;
export function useFiltersSuspenseQuery(baseOptions?: Apollo.SkipToken | Apollo.SuspenseQueryHookOptions<FiltersQuery, FiltersQueryVariables>) {
          const options = baseOptions === Apollo.skipToken ? baseOptions : {...defaultOptions, ...baseOptions}
          return Apollo.useSuspenseQuery<FiltersQuery, FiltersQueryVariables>(FiltersDocument, options);
        }
export type FiltersQueryHookResult = ReturnType<typeof useFiltersQuery>;
export type FiltersLazyQueryHookResult = ReturnType<typeof useFiltersLazyQuery>;
export type FiltersSuspenseQueryHookResult = ReturnType<typeof useFiltersSuspenseQuery>;
export type FiltersQueryResult = Apollo.QueryResult<FiltersQuery, FiltersQueryVariables>;
export const PeopleDocument = gql`
    query People($teamId: ID, $role: RoleName) {
  users(teamId: $teamId, role: $role) {
    email
    name
    teams {
      id
      displayName
    }
    role {
      name
      title
    }
    twoFactorEnabled
    sources
    humanApi {
      humanId
      externalId
    }
  }
}
    `;

/**
 * __usePeopleQuery__
 *
 * To run a query within a React component, call `usePeopleQuery` and pass it any options that fit your needs.
 * When your component renders, `usePeopleQuery` returns an object from Apollo Client that contains loading, error, and data properties
 * you can use to render your UI.
 *
 * @param baseOptions options that will be passed into the query, supported options are listed on: https://www.apollographql.com/docs/react/api/react-hooks/#options;
 *
 * @example
 * const { data, loading, error } = usePeopleQuery({
 *   variables: {
 *      teamId: // value for 'teamId'
 *      role: // value for 'role'
 *   },
 * });
 */
export function usePeopleQuery(baseOptions?: Apollo.QueryHookOptions<PeopleQuery, PeopleQueryVariables>) {
        const options = {...defaultOptions, ...baseOptions}
        return Apollo.useQuery<PeopleQuery, PeopleQueryVariables>(PeopleDocument, options);
      }
export function usePeopleLazyQuery(baseOptions?: Apollo.LazyQueryHookOptions<PeopleQuery, PeopleQueryVariables>) {
          const options = {...defaultOptions, ...baseOptions}
          return Apollo.useLazyQuery<PeopleQuery, PeopleQueryVariables>(PeopleDocument, options);
        }
// @ts-ignore
export function usePeopleSuspenseQuery(baseOptions?: Apollo.SuspenseQueryHookOptions<PeopleQuery, PeopleQueryVariables>): Apollo.UseSuspenseQueryResult<PeopleQuery, PeopleQueryVariables>;
export function usePeopleSuspenseQuery(baseOptions?: Apollo.SkipToken | Apollo.SuspenseQueryHookOptions<PeopleQuery, PeopleQueryVariables>): Apollo.UseSuspenseQueryResult<PeopleQuery | undefined, PeopleQueryVariables>;
export function usePeopleSuspenseQuery(baseOptions?: Apollo.SkipToken | Apollo.SuspenseQueryHookOptions<PeopleQuery, PeopleQueryVariables>) {
          const options = baseOptions === Apollo.skipToken ? baseOptions : {...defaultOptions, ...baseOptions}
          return Apollo.useSuspenseQuery<PeopleQuery, PeopleQueryVariables>(PeopleDocument, options);
        }
export type PeopleQueryHookResult = ReturnType<typeof usePeopleQuery>;
export type PeopleLazyQueryHookResult = ReturnType<typeof usePeopleLazyQuery>;
export type PeopleSuspenseQueryHookResult = ReturnType<typeof usePeopleSuspenseQuery>;
export type PeopleQueryResult = Apollo.QueryResult<PeopleQuery, PeopleQueryVariables>;