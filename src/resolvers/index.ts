import {
  GraphQLDate, GraphQLDateTime, GraphQLEmailAddress, GraphQLNonEmptyString, GraphQLPhoneNumber,
} from 'graphql-scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { HumanUser } from './HumanUser';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Role } from './Role';
import { Team } from './Team';
import { User } from './User';

/** The schema's scalars and the vendors' spellings of its enums: what any resolver map over this schema needs. */
export const scalarsAndEnums = {
  DateTime: GraphQLDateTime,
  Date: GraphQLDate,
  EmailAddress: GraphQLEmailAddress,
  PhoneNumber: GraphQLPhoneNumber,
  NonEmptyString: GraphQLNonEmptyString,
  // GraphQL's names outside, QA Sphere's spellings inside (codegen's enumValues match these).
  RoleName: { OWNER: 'owner', ADMIN: 'admin', USER: 'user', TEST_RUNNER: 'test-runner', VIEWER: 'viewer' },
  AuthorizationType: { PASSWORD: 'password', GOOGLE: 'google' },
} satisfies Resolvers;

export const resolvers: Resolvers = {
  ...scalarsAndEnums,
  Query,
  Mutation,
  User,
  Team,
  Role,
  HumanUser,
};
