import type { GraphQLResolveInfo } from 'graphql';
import type { QueryResolvers, QueryUsersArgs, Source } from '../__generated__/resolvers-types';
import type { HumanUserDto } from '../humanapi/dto';
import type { QaSphereUserDto } from '../qasphere/dto';
import type { QualifiUserDto } from '../qualifi/dto';
import type { Context } from '../context';
import { mergedPeople, type SourceLists } from '../model';
import { paginate, pageRequest } from '../pagination';
import { QA_SPHERE_ROLES, ROLES } from '../qasphere/roles';
import { HUMAN_USERS_IN_ORDER, PEOPLE_BY_EMAIL } from './orderings';
import { userFrom, usersFrom, usersOnPage } from './people';
import { selectedFields, selectedNodeFields, sourcesForPeople, warm } from './prefetch';

/** Fetches the lists of the sources asked for; a failed one is reported beside the data and left out. */
async function sourceLists(needed: ReadonlySet<Source>, { loaders, partialErrors }: Context, info: GraphQLResolveInfo) {
  const fetch = <T>(source: Source, list: () => Promise<T>) =>
    needed.has(source) ? partialErrors.recover<T | undefined>(list(), undefined, info) : undefined;
  const [qualifi, qaSphere, humanApi] = await Promise.all([
    fetch('QUALIFI', loaders.qualifiUsers),
    fetch('QA_SPHERE', loaders.qaSphereUsers),
    fetch('HUMAN_API', loaders.defaultAppHumanUsers),
  ]);
  return { qualifi, qaSphere, humanApi } satisfies SourceLists;
}

const ALL_SOURCES: ReadonlySet<Source> = new Set(['QUALIFI', 'QA_SPHERE', 'HUMAN_API']);
const NONE: ReadonlySet<Source> = new Set();

/** A team's members come from Qualifi's users list; start it, and what the members' fields need, with the team. */
function warmTeamMembers(info: GraphQLResolveInfo, loaders: Context['loaders']) {
  if (!selectedFields(info).has('members')) return;
  warm(['QUALIFI', ...sourcesForPeople(selectedFields(info, ['members']), new Set(['QUALIFI']))], loaders);
}

/**
 * Everyone the filters leave, ordered by email. `userFields` are the User fields selected
 * beneath, whose lists come in the same round trip.
 */
async function listPeople({ teamId, role, source }: QueryUsersArgs, ctx: Context, info: GraphQLResolveInfo, userFields: Set<string>) {
  // Each filter needs one source's list; with no filter, everyone in every source.
  const needed = new Set<Source>();
  if (teamId) needed.add('QUALIFI');
  if (role) needed.add('QA_SPHERE');
  if (source) needed.add(source);
  // The filters drop whoever the lists for the selected fields add.
  if (needed.size) for (const s of sourcesForPeople(userFields, needed)) needed.add(s);
  let people = mergedPeople(await sourceLists(needed.size ? needed : ALL_SOURCES, ctx, info));
  if (teamId) people = people.filter((p) => p.qualifi?.teams?.some((t) => t.id === teamId) ?? p.qualifi?.teamIds?.includes(teamId));
  if (role) people = people.filter((p) => p.qaSphere?.role === role);
  if (source === 'QUALIFI') people = people.filter((p) => p.qualifi);
  if (source === 'QA_SPHERE') people = people.filter((p) => p.qaSphere);
  if (source === 'HUMAN_API') people = people.filter((p) => p.humanApi?.length);
  return people;
}

export const Query: QueryResolvers = {
  users: async (_root, filters, ctx, info) => {
    const fields = selectedFields(info);
    return usersFrom(await listPeople(filters, ctx, info, fields), ctx, info, fields);
  },
  usersConnection: async (_root, { first, after, last, before, ...filters }, ctx, info) => {
    const page = pageRequest({ first, after, last, before }, PEOPLE_BY_EMAIL);
    return usersOnPage(paginate(await listPeople(filters, ctx, info, selectedNodeFields(info)), page, PEOPLE_BY_EMAIL), ctx, info);
  },

  user: async (_root, { email }, ctx, info) => {
    const { loaders, partialErrors } = ctx;
    const [qualifi, qaSphere, humanApi] = await Promise.all([
      partialErrors.recover<QualifiUserDto | null | undefined>(loaders.qualifiUserByEmail.load(email), undefined, info),
      partialErrors.recover<QaSphereUserDto | null | undefined>(loaders.qaSphereUserByEmail.load(email), undefined, info),
      partialErrors.recover<HumanUserDto[] | undefined>(loaders.humanUsersByEmail.load(email), undefined, info),
    ]);
    if (!qualifi && !qaSphere && !humanApi?.length) return null;
    return userFrom({ email: qualifi?.email ?? qaSphere?.email ?? email, qualifi, qaSphere, humanApi }, ctx, info);
  },

  currentUser: async (_root, _args, ctx, info) => {
    const fields = selectedFields(info);
    warm(sourcesForPeople(fields, NONE, true), ctx.loaders);
    const me = await ctx.loaders.qaSphereMe();
    return userFrom({ email: me.email, me }, ctx, info, fields);
  },

  teams: (_root, _args, { loaders }, info) => {
    warmTeamMembers(info, loaders);
    return loaders.qualifiTeams();
  },
  team: (_root, { id }, { loaders }, info) => {
    warmTeamMembers(info, loaders);
    return loaders.teamById.load(id);
  },

  roles: () => ROLES,
  role: (_root, { name }) => QA_SPHERE_ROLES[name],

  humanUsers: (_root, { appId }, { loaders }, info) => {
    warm(sourcesForPeople(selectedFields(info, ['user']), NONE), loaders);
    return loaders.humanUsersByAppId.load(loaders.humanApiApp(appId));
  },
  humanUsersConnection: async (_root, { appId, ...args }, { loaders }, info) => {
    const page = pageRequest(args, HUMAN_USERS_IN_ORDER);
    warm(sourcesForPeople(selectedNodeFields(info, ['user']), NONE), loaders);
    return paginate(await loaders.humanUsersByAppId.load(loaders.humanApiApp(appId)), page, HUMAN_USERS_IN_ORDER);
  },
  humanUser: (_root, { humanId, appId }, { loaders }, info) => {
    warm(sourcesForPeople(selectedFields(info, ['user']), NONE), loaders);
    return loaders.humanUserById.load({ appId: loaders.humanApiApp(appId), humanId });
  },
};
