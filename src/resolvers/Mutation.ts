import type { CreateApiUserInput, CreateApiUserResult, MutationResolvers } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { badInputError, errorCode, type FieldProblem } from '../errors';
import { configured } from '../loaders';
import { emailKey, type Person } from '../model';
import type { QualifiClient } from '../qualifi/client';
import type { QualifiNewUserDto, QualifiUserDto } from '../qualifi/dto';
import { usersFrom } from './people';
import { selectedFields } from './prefetch';
import { personFromQualifi } from './records';

/** Our limit, not Qualifi's (which documents none): a bigger batch is a mistake or an abuse. */
const MAX_USERS_PER_CREATE = 100;

/**
 * The documented rules the scalars cannot express. Broken input is refused whole, naming every
 * field at fault, before anything is sent: Qualifi's create is all-or-nothing anyway.
 */
function createApiUsersProblems(users: CreateApiUserInput[]): FieldProblem[] {
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

/** Codes that mean the vendor answered and refused: nothing was written. Anything else leaves the outcome open. */
const REFUSED = new Set(['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'RATE_LIMITED']);
const outcomeUnknown = (error: unknown) => !REFUSED.has(errorCode(error) ?? '');

/** A result as resolvers hand it on: the person still to be resolved as a User. */
type CreateResult = Omit<CreateApiUserResult, 'user'> & { user: Person | null };

/**
 * After a create whose answer was lost (timeout, dropped connection, 5xx), look before reporting:
 * whoever Qualifi now lists was created; whoever it does not was not. Nothing is ever sent twice.
 */
async function verifyCreated(users: CreateApiUserInput[], lost: unknown, list: () => Promise<QualifiUserDto[]>): Promise<CreateResult[]> {
  const lostCode = errorCode(lost);
  let listed: Map<string, QualifiUserDto>;
  try {
    listed = new Map((await list()).map((u) => [emailKey(u.email), u]));
  } catch (error) {
    const reason = `the create's answer was lost (${(lost as Error).message}) and checking for the user failed too (${(error as Error).message})`;
    return users.map((u) => ({ email: u.email, status: 'UNKNOWN', user: null, reason, code: lostCode }));
  }
  return users.map((u): CreateResult => {
    const found = listed.get(emailKey(u.email));
    return found
      ? { email: u.email, status: 'CREATED', user: personFromQualifi(found), reason: null, code: null }
      : { email: u.email, status: 'FAILED', user: null, reason: `not created: ${(lost as Error).message}`, code: lostCode };
  });
}

/**
 * Creates those of `users` Qualifi does not list, and reports each user. Runs holding their
 * create locks; the list is read afresh, since a create that held a lock before may have just landed.
 */
async function createAbsent(users: CreateApiUserInput[], apiKey: string | null, qualifi: QualifiClient, afterWrite: Context['afterWrite']) {
  try {
    const existing = new Map((await qualifi.listUsers(apiKey, { fresh: true })).map((u) => [emailKey(u.email), u]));
    const toCreate = users.filter((u) => !existing.has(emailKey(u.email)));
    let outcomes: CreateResult[] = [];
    if (toCreate.length > 0) {
      try {
        const created = await qualifi.createUsers(apiKey, toCreate.map(toQualifi));
        outcomes = created.map((u) => ({ email: u.email, status: 'CREATED', user: personFromQualifi(u), reason: null, code: null }));
      } catch (error) {
        if (!outcomeUnknown(error)) throw error;
        outcomes = await verifyCreated(toCreate, error, () => qualifi.listUsers(apiKey, { fresh: true }));
      }
    }
    const byEmail = new Map(outcomes.map((o) => [emailKey(o.email), o]));
    const results = users.map((u): CreateResult => {
      const known = existing.get(emailKey(u.email));
      if (known) return { email: u.email, status: 'ALREADY_EXISTED', user: personFromQualifi(known), reason: null, code: null };
      return byEmail.get(emailKey(u.email))
        ?? { email: u.email, status: 'UNKNOWN', user: null, reason: 'Qualifi did not return this user', code: 'UPSTREAM_CONTRACT' };
    });
    return results;
  } finally {
    // Even a failed create may have landed upstream: never serve the old list after it. Done
    // before the locks are released, so the next holder's read cannot predate this write.
    await afterWrite('qualifi');
  }
}

export const Mutation: MutationResolvers = {
  /**
   * Users Qualifi already has (by email, any case) are reported ALREADY_EXISTED and not sent, so
   * repeating a call is safe, even at the same moment: the check and the create run holding each
   * email's create lock, and the check reads Qualifi's list afresh, so it sees any create that held
   * the lock before. A refusal by Qualifi fails the whole call (its create is all-or-nothing).
   */
  createApiUsers: async (_root, { input }, ctx, info) => {
    const { clients, credentials, createLocks, deadline, afterWrite } = ctx;
    const qualifi = configured(clients.qualifi, 'QUALIFI');
    const problems = createApiUsersProblems(input.users);
    if (problems.length > 0) throw badInputError(problems);
    const apiKey = credentials.qualifiApiKey;
    const results = await createLocks.hold(apiKey, input.users.map((u) => u.email), deadline, () => createAbsent(input.users, apiKey, qualifi, afterWrite));
    // The people reported, as Users: looked up after the locks are let go, as any read.
    const people = results.flatMap((r) => (r.user ? [r.user] : []));
    const fields = new Set([...selectedFields(info, ['results', 'user']), ...selectedFields(info, ['users'])]);
    const users = await usersFrom(people, ctx, info, fields);
    const userOf = new Map(people.map((person, i) => [person, users[i]]));
    const outcomes = results.map((r) => ({ ...r, user: r.user && userOf.get(r.user)! }));
    return { users: outcomes.filter((r) => r.status === 'CREATED').map((r) => r.user!), results: outcomes };
  },

  /** A DELETE is never repeated blindly: when its answer is lost, a GET tells whether the user is gone. */
  deleteHumanUser: async (_root, { humanId, appId }, { clients, credentials, loaders, afterWrite }) => {
    const humanApi = configured(clients.humanApi, 'HUMAN_API');
    if (!humanId.trim()) throw badInputError([{ field: 'humanId', message: 'must not be empty' }]);
    const app = loaders.humanApiApp(appId);
    try {
      await humanApi.deleteUser(credentials.humanApiAppKey, app, humanId);
      return { humanId, deleted: true };
    } catch (error) {
      if (!outcomeUnknown(error)) throw error;
      const still = await humanApi.getUser(credentials.humanApiAppKey, app, humanId, { fresh: true }).catch(() => undefined);
      if (still === null) return { humanId, deleted: true };
      throw error;
    } finally {
      await afterWrite('humanApi');
    }
  },
};
