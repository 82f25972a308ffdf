import { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import { UserView } from '../resolvers/UserView';
import { QualifiUserTeamDto, QualifiUserDto } from '../qualifi/dto';
import { QaSphereRecord } from '../model';
import { HumanUserDto } from '../humanapi/dto';
import { RoleEntry } from '../qasphere/roles';
import { QaSphereRole, QaSphereAuthorizationType } from '../qasphere/dto';
import { Context } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A calendar date, ISO 8601 (e.g. 2024-11-14). */
  Date: { input: Date; output: Date | string; }
  /** An instant in time, RFC 3339 (e.g. 2024-01-01T00:00:00.000Z). */
  DateTime: { input: Date; output: Date | string; }
  /** An email address (RFC 5322 addr-spec). */
  EmailAddress: { input: string; output: string; }
  /** A string with at least one character that is not white space. */
  NonEmptyString: { input: string; output: string; }
  /** A telephone number, preferably E.164 (e.g. +14155551000). */
  PhoneNumber: { input: string; output: string; }
  _FieldSet: { input: string; output: string; }
};

/** How a person signs in to QA Sphere. */
export type AuthorizationType =
  /** Google sign-in. */
  | 'google'
  /** Email address and password. */
  | 'password';

/** One API user to create in Qualifi. */
export type CreateApiUserInput = {
  /** True to create a regular user with an Auth0 account (UI access); false for an API user. */
  createAuth0Account?: InputMaybe<Scalars['Boolean']['input']>;
  /** Email address; must not belong to an existing user. */
  email: Scalars['EmailAddress']['input'];
  /** First name. */
  firstName: Scalars['NonEmptyString']['input'];
  /** Last name. */
  lastName: Scalars['NonEmptyString']['input'];
  /** Phone number. */
  phone?: InputMaybe<Scalars['PhoneNumber']['input']>;
  /** The Qualifi teams to put the user in: at least one, all of the caller's organisation. */
  teamIds: Array<Scalars['ID']['input']>;
};

/** One user of a createApiUsers call and its outcome. */
export type CreateApiUserResult = {
  __typename?: 'CreateApiUserResult';
  /** The error code behind FAILED or UNKNOWN, e.g. UPSTREAM_TIMEOUT. */
  code?: Maybe<Scalars['String']['output']>;
  /** The email asked for. */
  email: Scalars['EmailAddress']['output'];
  /** Why the user was not created (FAILED), or why the outcome is not known (UNKNOWN). */
  reason?: Maybe<Scalars['String']['output']>;
  /** What became of the user. */
  status: CreateApiUserStatus;
  /** The person, when Qualifi has them now (CREATED or ALREADY_EXISTED). */
  user?: Maybe<User>;
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

/** The result of createApiUsers. */
export type CreateApiUsersPayload = {
  __typename?: 'CreateApiUsersPayload';
  /** What became of each user asked for, in the order given. */
  results: Array<CreateApiUserResult>;
  /** The users this call created, merged with what the other sources know of them. */
  users: Array<User>;
};

/** The result of deleteHumanUser. */
export type DeleteHumanUserPayload = {
  __typename?: 'DeleteHumanUserPayload';
  /** True once Human API confirmed the deletion. */
  deleted: Scalars['Boolean']['output'];
  /** The user deleted. */
  humanId: Scalars['ID']['output'];
};

/** A user of a Human API application. */
export type HumanUser = {
  __typename?: 'HumanUser';
  /** The application the user belongs to. */
  appId: Scalars['ID']['output'];
  /** When Human API created the user. */
  createdAt: Scalars['DateTime']['output'];
  /** The id the application gave the user; often an email address. */
  externalId: Scalars['String']['output'];
  /** Human API's id for the user. */
  humanId: Scalars['ID']['output'];
  /** When Human API last changed the user. */
  updatedAt: Scalars['DateTime']['output'];
  /** The person whose email address is the externalId; null when the externalId is not an email address. */
  user?: Maybe<User>;
};

/** A page of Human API users, in Human API's order. */
export type HumanUserConnection = {
  __typename?: 'HumanUserConnection';
  /** The users of the page, each with its cursor. */
  edges: Array<HumanUserEdge>;
  /** The users of the page, for a caller that needs no cursors but the page's ends. */
  nodes: Array<HumanUser>;
  /** Where the page sits in the list. */
  pageInfo: PageInfo;
  /** How many users the whole list holds, across every page. */
  totalCount: Scalars['Int']['output'];
};

/** One Human API user of a page and the cursor that names them. */
export type HumanUserEdge = {
  __typename?: 'HumanUserEdge';
  /** Pass as `after` for the users after this one, or as `before` for those before it. */
  cursor: Scalars['String']['output'];
  /** The user. */
  node: HumanUser;
};

/** Writes: Qualifi's bulk create and Human API's delete, the only writes the vendors offer. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Creates API users in Qualifi in bulk. Invalid input is refused before anything is sent. */
  createApiUsers: CreateApiUsersPayload;
  /** Deletes a Human API user. Deleting one already gone is NOT_FOUND. */
  deleteHumanUser: DeleteHumanUserPayload;
};


/** Writes: Qualifi's bulk create and Human API's delete, the only writes the vendors offer. */
export type MutationCreateApiUsersArgs = {
  input: CreateApiUsersInput;
};


/** Writes: Qualifi's bulk create and Human API's delete, the only writes the vendors offer. */
export type MutationDeleteHumanUserArgs = {
  appId?: InputMaybe<Scalars['ID']['input']>;
  humanId: Scalars['ID']['input'];
};

/** Where a page sits in its list (Relay's PageInfo). */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** The cursor of the page's last item; null for an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** True when the list has items after this page, whichever way the page was asked for. */
  hasNextPage: Scalars['Boolean']['output'];
  /** True when the list has items before this page, whichever way the page was asked for. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** The cursor of the page's first item; null for an empty page. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** A user as QA Sphere records it. */
export type QaSphereUser = {
  __typename?: 'QaSphereUser';
  /** How the user signs in. */
  authorizationTypes: Array<AuthorizationType>;
  /** Avatar URL; QA Sphere shows it only for the caller's own identity (currentUser). */
  avatar?: Maybe<Scalars['String']['output']>;
  /** When the user was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Email address, as QA Sphere spells it. */
  email: Scalars['EmailAddress']['output'];
  /** QA Sphere's numeric id; QA Sphere shows it only for the caller's own identity (currentUser). */
  id?: Maybe<Scalars['Int']['output']>;
  /** The last day the user was active. */
  lastActivity?: Maybe<Scalars['Date']['output']>;
  /** Display name. */
  name: Scalars['String']['output'];
  /** Role in the workspace. */
  role: RoleName;
  /** Whether two-factor authentication (TOTP) is on. */
  totpEnabled: Scalars['Boolean']['output'];
};

/** A user as Qualifi records it. */
export type QualifiUser = {
  __typename?: 'QualifiUser';
  /** When Qualifi created the user. */
  createdAt: Scalars['DateTime']['output'];
  /** Email address, as Qualifi spells it. */
  email: Scalars['EmailAddress']['output'];
  /** First name. */
  firstName: Scalars['String']['output'];
  /** Qualifi's id for the user. */
  id: Scalars['ID']['output'];
  /** True for an API user (no UI access), false for a regular user with an Auth0 account. */
  isApiUser: Scalars['Boolean']['output'];
  /** Last name. */
  lastName: Scalars['String']['output'];
  /** The organisation the user belongs to. */
  organizationId: Scalars['ID']['output'];
  /** Phone number. */
  phone?: Maybe<Scalars['PhoneNumber']['output']>;
  /** When Qualifi last changed the user. */
  updatedAt: Scalars['DateTime']['output'];
};

/** Reads across the three sources. */
export type Query = {
  __typename?: 'Query';
  /** The person behind the QA Sphere credential in use (QA Sphere's /users/me), merged with their other records. */
  currentUser?: Maybe<User>;
  /** One Human API user; null when Human API does not know it. */
  humanUser?: Maybe<HumanUser>;
  /** The users of a Human API application (by default the configured one). */
  humanUsers?: Maybe<Array<HumanUser>>;
  /**
   * The users of a Human API application, a page at a time (a Relay connection), in Human API's
   * order; the arguments work as on Query.usersConnection.
   */
  humanUsersConnection: HumanUserConnection;
  /** One role. */
  role: Role;
  /** QA Sphere's roles, from the most to the least powerful. */
  roles: Array<Role>;
  /** One team by id; null when the organisation has no such team. */
  team?: Maybe<Team>;
  /** Every team of the organisation, members or none. */
  teams?: Maybe<Array<Team>>;
  /** One person by email address (any case); null when no source knows it. */
  user?: Maybe<User>;
  /**
   * People across all sources, ordered by email. Each filter narrows the list; together they must
   * all hold. When a source fails, the people the other sources know are returned with an error naming it.
   */
  users: Array<User>;
  /**
   * The people of `users`, a page at a time (a Relay connection), with the same filters and order.
   * A page costs the upstream calls the whole list does (shared with the cache); only the page is
   * resolved and sent. Give `first` (with `after`) to page forward or `last` (with `before`) to page
   * back, not both; 50 when neither is given, at most 500.
   */
  usersConnection: UserConnection;
};


/** Reads across the three sources. */
export type QueryHumanUserArgs = {
  appId?: InputMaybe<Scalars['ID']['input']>;
  humanId: Scalars['ID']['input'];
};


/** Reads across the three sources. */
export type QueryHumanUsersArgs = {
  appId?: InputMaybe<Scalars['ID']['input']>;
};


/** Reads across the three sources. */
export type QueryHumanUsersConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  appId?: InputMaybe<Scalars['ID']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Reads across the three sources. */
export type QueryRoleArgs = {
  name: RoleName;
};


/** Reads across the three sources. */
export type QueryTeamArgs = {
  id: Scalars['ID']['input'];
};


/** Reads across the three sources. */
export type QueryUserArgs = {
  email: Scalars['EmailAddress']['input'];
};


/** Reads across the three sources. */
export type QueryUsersArgs = {
  role?: InputMaybe<RoleName>;
  source?: InputMaybe<Source>;
  teamId?: InputMaybe<Scalars['ID']['input']>;
};


/** Reads across the three sources. */
export type QueryUsersConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  role?: InputMaybe<RoleName>;
  source?: InputMaybe<Source>;
  teamId?: InputMaybe<Scalars['ID']['input']>;
};

/** A QA Sphere role and what it allows. */
export type Role = {
  __typename?: 'Role';
  /** The role. */
  name: RoleName;
  /** What the role may do, in QA Sphere's words. */
  permissions: Scalars['String']['output'];
  /** The role's name as QA Sphere shows it (e.g. Test Runner). */
  title: Scalars['String']['output'];
  /** The people with this role. */
  users: Array<User>;
  /** The people with this role, a page at a time, by email (see Query.usersConnection for the arguments). */
  usersConnection: UserConnection;
};


/** A QA Sphere role and what it allows. */
export type RoleUsersConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** The roles of a QA Sphere workspace. */
export type RoleName =
  /** Full project access with user management. */
  | 'admin'
  /** Full system access with tenant management. */
  | 'owner'
  /** Can execute test runs only. */
  | 'test-runner'
  /** Can create and manage test cases and runs. */
  | 'user'
  /** Read-only access to projects. */
  | 'viewer';

/** The upstream systems this graph federates. */
export type Source =
  /** Human API: an application's users. */
  | 'HUMAN_API'
  /** QA Sphere: workspace users, roles and two-factor authentication. */
  | 'QA_SPHERE'
  /** Qualifi / Humanly "gather": API users and their teams. */
  | 'QUALIFI';

/** A Qualifi team. A team with no members exists all the same. */
export type Team = {
  __typename?: 'Team';
  /** Branding: the accent colour. */
  accentColor?: Maybe<Scalars['String']['output']>;
  /** When the team was archived; null while it is active. */
  archivedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Branding: the background image URL. */
  backgroundImage?: Maybe<Scalars['String']['output']>;
  /** Branding: the button colour. */
  buttonColor?: Maybe<Scalars['String']['output']>;
  /** When the team was created. */
  createdAt: Scalars['DateTime']['output'];
  /** What the team is for. */
  description?: Maybe<Scalars['String']['output']>;
  /** The name to show. */
  displayName: Scalars['String']['output'];
  /** Qualifi's id for the team. */
  id: Scalars['ID']['output'];
  /** URL of the team's logo. */
  logoUrl?: Maybe<Scalars['String']['output']>;
  /** The people in the team. */
  members: Array<User>;
  /** The people in the team, a page at a time, by email (see Query.usersConnection for the arguments). */
  membersConnection: UserConnection;
  /** The team's name. */
  name: Scalars['String']['output'];
  /** The organisation the team belongs to. */
  organizationId: Scalars['ID']['output'];
  /** When the team was last changed. */
  updatedAt: Scalars['DateTime']['output'];
};


/** A Qualifi team. A team with no members exists all the same. */
export type TeamMembersConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/**
 * A person, merged across Qualifi, QA Sphere and Human API by email address, compared
 * case-insensitively. Fields from a source are null (or empty) when the person is not in it.
 */
export type User = {
  __typename?: 'User';
  /** How the person signs in to QA Sphere. */
  authorizationTypes?: Maybe<Array<AuthorizationType>>;
  /**
   * The person's email address in lower case: the key they are merged (and federated) by, the same
   * whichever sources answered. Each source's own spelling is on its record (qualifi, qaSphere).
   */
  email: Scalars['EmailAddress']['output'];
  /** First name, from Qualifi. */
  firstName?: Maybe<Scalars['String']['output']>;
  /** The Human API users whose externalId is this person's email address. */
  humanApi: Array<HumanUser>;
  /** From Qualifi: true for an API user without UI access, false for a regular user with an Auth0 account. */
  isApiUser?: Maybe<Scalars['Boolean']['output']>;
  /** The person's last day of activity in QA Sphere. */
  lastActivity?: Maybe<Scalars['Date']['output']>;
  /** Last name, from Qualifi. */
  lastName?: Maybe<Scalars['String']['output']>;
  /** Display name: QA Sphere's name, else Qualifi's first and last names. */
  name?: Maybe<Scalars['String']['output']>;
  /** Phone number, from Qualifi. */
  phone?: Maybe<Scalars['PhoneNumber']['output']>;
  /** The person's QA Sphere record. */
  qaSphere?: Maybe<QaSphereUser>;
  /** The person's Qualifi record. */
  qualifi?: Maybe<QualifiUser>;
  /** The person's QA Sphere role. */
  role?: Maybe<Role>;
  /** The sources that know this person. */
  sources: Array<Source>;
  /** The Qualifi teams the person belongs to. */
  teams: Array<Team>;
  /** Whether the person has two-factor authentication (TOTP) on in QA Sphere. */
  twoFactorEnabled?: Maybe<Scalars['Boolean']['output']>;
};

/** A page of people, in the list's order (by email). */
export type UserConnection = {
  __typename?: 'UserConnection';
  /** The people of the page, each with its cursor. */
  edges: Array<UserEdge>;
  /** The people of the page, for a caller that needs no cursors but the page's ends. */
  nodes: Array<User>;
  /** Where the page sits in the list. */
  pageInfo: PageInfo;
  /** How many people the whole list holds, across every page. */
  totalCount: Scalars['Int']['output'];
};

/** One person of a page and the cursor that names them. */
export type UserEdge = {
  __typename?: 'UserEdge';
  /** Pass as `after` for the people after this one, or as `before` for those before it. */
  cursor: Scalars['String']['output'];
  /** The person. */
  node: User;
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  Team: Team;
  User: User;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Team:
    ( { __typename: 'Team' }
    & GraphQLRecursivePick<FederationTypes['Team'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"email":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AuthorizationType: ResolverTypeWrapper<QaSphereAuthorizationType>;
  CreateApiUserInput: CreateApiUserInput;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  CreateApiUserResult: ResolverTypeWrapper<Omit<CreateApiUserResult, 'user'> & { user?: Maybe<ResolversTypes['User']> }>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  CreateApiUserStatus: CreateApiUserStatus;
  CreateApiUsersInput: CreateApiUsersInput;
  CreateApiUsersPayload: ResolverTypeWrapper<Omit<CreateApiUsersPayload, 'results' | 'users'> & { results: Array<ResolversTypes['CreateApiUserResult']>, users: Array<ResolversTypes['User']> }>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DeleteHumanUserPayload: ResolverTypeWrapper<DeleteHumanUserPayload>;
  EmailAddress: ResolverTypeWrapper<Scalars['EmailAddress']['output']>;
  HumanUser: ResolverTypeWrapper<HumanUserDto>;
  HumanUserConnection: ResolverTypeWrapper<Omit<HumanUserConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['HumanUserEdge']>, nodes: Array<ResolversTypes['HumanUser']> }>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  HumanUserEdge: ResolverTypeWrapper<Omit<HumanUserEdge, 'node'> & { node: ResolversTypes['HumanUser'] }>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  NonEmptyString: ResolverTypeWrapper<Scalars['NonEmptyString']['output']>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PhoneNumber: ResolverTypeWrapper<Scalars['PhoneNumber']['output']>;
  QaSphereUser: ResolverTypeWrapper<QaSphereRecord>;
  QualifiUser: ResolverTypeWrapper<QualifiUserDto>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Role: ResolverTypeWrapper<RoleEntry>;
  RoleName: ResolverTypeWrapper<QaSphereRole>;
  Source: Source;
  Team: ResolverTypeWrapper<QualifiUserTeamDto>;
  User: ResolverTypeWrapper<UserView>;
  UserConnection: ResolverTypeWrapper<Omit<UserConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['UserEdge']>, nodes: Array<ResolversTypes['User']> }>;
  UserEdge: ResolverTypeWrapper<Omit<UserEdge, 'node'> & { node: ResolversTypes['User'] }>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  CreateApiUserInput: CreateApiUserInput;
  Boolean: Scalars['Boolean']['output'];
  ID: Scalars['ID']['output'];
  CreateApiUserResult: Omit<CreateApiUserResult, 'user'> & { user?: Maybe<ResolversParentTypes['User']> };
  String: Scalars['String']['output'];
  CreateApiUsersInput: CreateApiUsersInput;
  CreateApiUsersPayload: Omit<CreateApiUsersPayload, 'results' | 'users'> & { results: Array<ResolversParentTypes['CreateApiUserResult']>, users: Array<ResolversParentTypes['User']> };
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  DeleteHumanUserPayload: DeleteHumanUserPayload;
  EmailAddress: Scalars['EmailAddress']['output'];
  HumanUser: HumanUserDto;
  HumanUserConnection: Omit<HumanUserConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['HumanUserEdge']>, nodes: Array<ResolversParentTypes['HumanUser']> };
  Int: Scalars['Int']['output'];
  HumanUserEdge: Omit<HumanUserEdge, 'node'> & { node: ResolversParentTypes['HumanUser'] };
  Mutation: Record<PropertyKey, never>;
  NonEmptyString: Scalars['NonEmptyString']['output'];
  PageInfo: PageInfo;
  PhoneNumber: Scalars['PhoneNumber']['output'];
  QaSphereUser: QaSphereRecord;
  QualifiUser: QualifiUserDto;
  Query: Record<PropertyKey, never>;
  Role: RoleEntry;
  Team: QualifiUserTeamDto;
  User: UserView;
  UserConnection: Omit<UserConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['UserEdge']>, nodes: Array<ResolversParentTypes['User']> };
  UserEdge: Omit<UserEdge, 'node'> & { node: ResolversParentTypes['User'] };
}>;

export type AuthorizationTypeResolvers = { GOOGLE: 'google', PASSWORD: 'password' };

export type CreateApiUserResultResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CreateApiUserResult'] = ResolversParentTypes['CreateApiUserResult']> = ResolversObject<{
  code?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  email?: Resolver<ResolversTypes['EmailAddress'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CreateApiUserStatus'], ParentType, ContextType>;
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
}>;

export type CreateApiUsersPayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CreateApiUsersPayload'] = ResolversParentTypes['CreateApiUsersPayload']> = ResolversObject<{
  results?: Resolver<Array<ResolversTypes['CreateApiUserResult']>, ParentType, ContextType>;
  users?: Resolver<Array<ResolversTypes['User']>, ParentType, ContextType>;
}>;

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeleteHumanUserPayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DeleteHumanUserPayload'] = ResolversParentTypes['DeleteHumanUserPayload']> = ResolversObject<{
  deleted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  humanId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export interface EmailAddressScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['EmailAddress'], any> {
  name: 'EmailAddress';
}

export type HumanUserResolvers<ContextType = Context, ParentType extends ResolversParentTypes['HumanUser'] = ResolversParentTypes['HumanUser']> = ResolversObject<{
  appId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  externalId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  humanId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
}>;

export type HumanUserConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['HumanUserConnection'] = ResolversParentTypes['HumanUserConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['HumanUserEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['HumanUser']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type HumanUserEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['HumanUserEdge'] = ResolversParentTypes['HumanUserEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['HumanUser'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  createApiUsers?: Resolver<ResolversTypes['CreateApiUsersPayload'], ParentType, ContextType, RequireFields<MutationCreateApiUsersArgs, 'input'>>;
  deleteHumanUser?: Resolver<ResolversTypes['DeleteHumanUserPayload'], ParentType, ContextType, RequireFields<MutationDeleteHumanUserArgs, 'humanId'>>;
}>;

export interface NonEmptyStringScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['NonEmptyString'], any> {
  name: 'NonEmptyString';
}

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export interface PhoneNumberScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['PhoneNumber'], any> {
  name: 'PhoneNumber';
}

export type QaSphereUserResolvers<ContextType = Context, ParentType extends ResolversParentTypes['QaSphereUser'] = ResolversParentTypes['QaSphereUser']> = ResolversObject<{
  authorizationTypes?: Resolver<Array<ResolversTypes['AuthorizationType']>, ParentType, ContextType>;
  avatar?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  email?: Resolver<ResolversTypes['EmailAddress'], ParentType, ContextType>;
  id?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  lastActivity?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['RoleName'], ParentType, ContextType>;
  totpEnabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type QualifiUserResolvers<ContextType = Context, ParentType extends ResolversParentTypes['QualifiUser'] = ResolversParentTypes['QualifiUser']> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  email?: Resolver<ResolversTypes['EmailAddress'], ParentType, ContextType>;
  firstName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isApiUser?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  lastName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  organizationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['PhoneNumber']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  currentUser?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  humanUser?: Resolver<Maybe<ResolversTypes['HumanUser']>, ParentType, ContextType, RequireFields<QueryHumanUserArgs, 'humanId'>>;
  humanUsers?: Resolver<Maybe<Array<ResolversTypes['HumanUser']>>, ParentType, ContextType, Partial<QueryHumanUsersArgs>>;
  humanUsersConnection?: Resolver<ResolversTypes['HumanUserConnection'], ParentType, ContextType, Partial<QueryHumanUsersConnectionArgs>>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType, RequireFields<QueryRoleArgs, 'name'>>;
  roles?: Resolver<Array<ResolversTypes['Role']>, ParentType, ContextType>;
  team?: Resolver<Maybe<ResolversTypes['Team']>, ParentType, ContextType, RequireFields<QueryTeamArgs, 'id'>>;
  teams?: Resolver<Maybe<Array<ResolversTypes['Team']>>, ParentType, ContextType>;
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType, RequireFields<QueryUserArgs, 'email'>>;
  users?: Resolver<Array<ResolversTypes['User']>, ParentType, ContextType, Partial<QueryUsersArgs>>;
  usersConnection?: Resolver<ResolversTypes['UserConnection'], ParentType, ContextType, Partial<QueryUsersConnectionArgs>>;
}>;

export type RoleResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Role'] = ResolversParentTypes['Role']> = ResolversObject<{
  name?: Resolver<ResolversTypes['RoleName'], ParentType, ContextType>;
  permissions?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  users?: Resolver<Array<ResolversTypes['User']>, ParentType, ContextType>;
  usersConnection?: Resolver<ResolversTypes['UserConnection'], ParentType, ContextType, Partial<RoleUsersConnectionArgs>>;
}>;

export type RoleNameResolvers = { ADMIN: 'admin', OWNER: 'owner', TEST_RUNNER: 'test-runner', USER: 'user', VIEWER: 'viewer' };

export type TeamResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Team'] = ResolversParentTypes['Team'], FederationReferenceType extends FederationReferenceTypes['Team'] = FederationReferenceTypes['Team']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Team']> | FederationReferenceType, FederationReferenceType, ContextType>;
  accentColor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  archivedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  backgroundImage?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  buttonColor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  logoUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  members?: Resolver<Array<ResolversTypes['User']>, ParentType, ContextType>;
  membersConnection?: Resolver<ResolversTypes['UserConnection'], ParentType, ContextType, Partial<TeamMembersConnectionArgs>>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  organizationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = Context, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  authorizationTypes?: Resolver<Maybe<Array<ResolversTypes['AuthorizationType']>>, ParentType, ContextType>;
  email?: Resolver<ResolversTypes['EmailAddress'], ParentType, ContextType>;
  firstName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  humanApi?: Resolver<Array<ResolversTypes['HumanUser']>, ParentType, ContextType>;
  isApiUser?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  lastActivity?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  lastName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['PhoneNumber']>, ParentType, ContextType>;
  qaSphere?: Resolver<Maybe<ResolversTypes['QaSphereUser']>, ParentType, ContextType>;
  qualifi?: Resolver<Maybe<ResolversTypes['QualifiUser']>, ParentType, ContextType>;
  role?: Resolver<Maybe<ResolversTypes['Role']>, ParentType, ContextType>;
  sources?: Resolver<Array<ResolversTypes['Source']>, ParentType, ContextType>;
  teams?: Resolver<Array<ResolversTypes['Team']>, ParentType, ContextType>;
  twoFactorEnabled?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
}>;

export type UserConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['UserConnection'] = ResolversParentTypes['UserConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['UserEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['User']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type UserEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['UserEdge'] = ResolversParentTypes['UserEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = Context> = ResolversObject<{
  AuthorizationType?: AuthorizationTypeResolvers;
  CreateApiUserResult?: CreateApiUserResultResolvers<ContextType>;
  CreateApiUsersPayload?: CreateApiUsersPayloadResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  DeleteHumanUserPayload?: DeleteHumanUserPayloadResolvers<ContextType>;
  EmailAddress?: GraphQLScalarType;
  HumanUser?: HumanUserResolvers<ContextType>;
  HumanUserConnection?: HumanUserConnectionResolvers<ContextType>;
  HumanUserEdge?: HumanUserEdgeResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  NonEmptyString?: GraphQLScalarType;
  PageInfo?: PageInfoResolvers<ContextType>;
  PhoneNumber?: GraphQLScalarType;
  QaSphereUser?: QaSphereUserResolvers<ContextType>;
  QualifiUser?: QualifiUserResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Role?: RoleResolvers<ContextType>;
  RoleName?: RoleNameResolvers;
  Team?: TeamResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  UserConnection?: UserConnectionResolvers<ContextType>;
  UserEdge?: UserEdgeResolvers<ContextType>;
}>;

