import type { CreateApiUserInput, MutationResolvers } from '../__generated__/resolvers-types';
import { badInputError, type FieldProblem } from '../errors';
import { emailKey } from '../model';
import type { QualifiNewUserDto } from '../qualifi/dto';
import { personFromQualifi } from './records';

/** Our limit, not Qualifi's (which documents none): a bigger batch is a mistake or an abuse. */
export const MAX_USERS_PER_CREATE = 100;

/**
 * The documented rules the scalars cannot express. Broken input is refused whole, naming every
 * field at fault, before anything is sent: Qualifi's create is all-or-nothing anyway.
 */
export function createApiUsersProblems(users: CreateApiUserInput[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (users.length === 0) problems.push({ field: 'input.users', message: 'must list at least one user' });
  if (users.length > MAX_USERS_PER_CREATE) problems.push({ field: 'input.users', message: `must list at most ${MAX_USERS_PER_CREATE} users` });
  const firstIndexByEmail = new Map<string, number>();
  users.forEach((user, i) => {
    const at = `input.users[${i}]`;
    if (user.teamIds.length === 0) problems.push({ field: `${at}.teamIds`, message: 'must name at least one team' });
    if (user.teamIds.some((id) => !id.trim())) problems.push({ field: `${at}.teamIds`, message: 'must not contain an empty id' });
    const first = firstIndexByEmail.get(emailKey(user.email));
    if (first !== undefined) problems.push({ field: `${at}.email`, message: `repeats input.users[${first}].email` });
    else firstIndexByEmail.set(emailKey(user.email), i);
  });
  return problems;
}

const toQualifi = (user: CreateApiUserInput): QualifiNewUserDto => ({
  firstName: user.firstName.trim(),
  lastName: user.lastName.trim(),
  email: user.email,
  ...(user.phone ? { phone: user.phone } : {}),
  teamIds: user.teamIds,
  createAuth0Account: user.createAuth0Account ?? false,
});

export const Mutation: MutationResolvers = {
  createApiUsers: async (_root, { input }, { clients, credentials, loaders }) => {
    const problems = createApiUsersProblems(input.users);
    if (problems.length > 0) throw badInputError(problems);
    try {
      const created = await clients.qualifi.createUsers(credentials.qualifiApiKey, input.users.map(toQualifi));
      return { users: created.map(personFromQualifi) };
    } finally {
      // Even a failed create may have landed upstream: never serve the old list after it.
      loaders.clearQualifi();
    }
  },

  deleteHumanUser: async (_root, { humanId, appId }, { clients, credentials, loaders }) => {
    if (!humanId.trim()) throw badInputError([{ field: 'humanId', message: 'must not be empty' }]);
    try {
      await clients.humanApi.deleteUser(credentials.humanApiAppKey, appId ?? loaders.humanApiAppId, humanId);
      return { humanId, deleted: true };
    } finally {
      loaders.clearHumanApi();
    }
  },
};
