import type { RoleResolvers } from '../__generated__/resolvers-types';
import type { Source } from '../__generated__/resolvers-types';
import { paginate, pageRequest } from '../pagination';
import { byEmail, PEOPLE_BY_EMAIL } from './orderings';
import { usersFrom, usersOnPage } from './people';
import { selectedFields, selectedNodeFields, sourcesForPeople, warm } from './prefetch';
import { personFromQaSphere } from './records';

const QA_SPHERE: ReadonlySet<Source> = new Set(['QA_SPHERE']);

export const Role: RoleResolvers = {
  // name, title and permissions are the role entry's own (QA_SPHERE_ROLES).
  users: async ({ name }, _args, ctx, info) => {
    warm(sourcesForPeople(selectedFields(info), QA_SPHERE), ctx.loaders);
    const holders = await ctx.partialErrors.recover(ctx.loaders.qaSphereUsersByRole.load(name), [], info);
    return usersFrom(holders.map(personFromQaSphere), ctx, info);
  },
  // A failed list is an empty page beside the error, as for `users`.
  usersConnection: async ({ name }, args, ctx, info) => {
    const page = pageRequest(args, PEOPLE_BY_EMAIL);
    warm(sourcesForPeople(selectedNodeFields(info), QA_SPHERE), ctx.loaders);
    const holders = byEmail((await ctx.partialErrors.recover(ctx.loaders.qaSphereUsersByRole.load(name), [], info)).map(personFromQaSphere));
    return usersOnPage(paginate(holders, page, PEOPLE_BY_EMAIL), ctx, info);
  },
};
