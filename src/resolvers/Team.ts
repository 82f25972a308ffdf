import type { TeamResolvers } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import type { QualifiTeamDto, QualifiUserTeamDto } from '../qualifi/dto';
import type { Source } from '../__generated__/resolvers-types';
import { paginate, pageRequest } from '../pagination';
import { byEmail, PEOPLE_BY_EMAIL } from './orderings';
import { usersFrom, usersOnPage } from './people';
import { selectedFields, selectedNodeFields, sourcesForPeople, warm } from './prefetch';
import { personFromQualifi, then } from './records';

const QUALIFI: ReadonlySet<Source> = new Set(['QUALIFI']);

/**
 * A team embedded in a user lacks the Teams API's branding fields: only a query that asks for
 * one of them costs the teams list call.
 */
const detail = <K extends keyof QualifiTeamDto>(key: K) =>
  (team: QualifiUserTeamDto, _args: unknown, { loaders }: Context) =>
    key in team ? (team as QualifiTeamDto)[key] : then(loaders.teamById.load(team.id), (t) => t?.[key] ?? null);

export const Team: TeamResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.teamById.load(id),
  logoUrl: detail('logoUrl'),
  accentColor: detail('accentColor'),
  buttonColor: detail('buttonColor'),
  backgroundImage: detail('backgroundImage'),
  archivedAt: detail('archivedAt'),
  members: async (team, _args, ctx, info) => {
    warm(sourcesForPeople(selectedFields(info), QUALIFI), ctx.loaders);
    const members = await ctx.partialErrors.recover(ctx.loaders.qualifiUsersByTeamId.load(team.id), [], info);
    return usersFrom(members.map(personFromQualifi), ctx, info);
  },
  // A failed list is an empty page beside the error, as for `members`.
  membersConnection: async (team, args, ctx, info) => {
    const page = pageRequest(args, PEOPLE_BY_EMAIL);
    warm(sourcesForPeople(selectedNodeFields(info), QUALIFI), ctx.loaders);
    const members = byEmail((await ctx.partialErrors.recover(ctx.loaders.qualifiUsersByTeamId.load(team.id), [], info)).map(personFromQualifi));
    return usersOnPage(paginate(members, page, PEOPLE_BY_EMAIL), ctx, info);
  },
};
