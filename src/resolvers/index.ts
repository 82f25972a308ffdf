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

export const resolvers: Resolvers = {
  DateTime: GraphQLDateTime,
  Date: GraphQLDate,
  EmailAddress: GraphQLEmailAddress,
  PhoneNumber: GraphQLPhoneNumber,
  NonEmptyString: GraphQLNonEmptyString,
  // GraphQL's names outside, QA Sphere's spellings inside (codegen's enumValues match these).
  RoleName: { OWNER: 'owner', ADMIN: 'admin', USER: 'user', TEST_RUNNER: 'test-runner', VIEWER: 'viewer' },
  AuthorizationType: { PASSWORD: 'password', GOOGLE: 'google' },
  Query,
  Mutation,
  User,
  Team,
  Role,
  HumanUser,
};
