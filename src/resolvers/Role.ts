import type { RoleResolvers } from '../__generated__/resolvers-types';
import { QA_SPHERE_ROLES } from '../qasphere/roles';
import type { Source } from '../__generated__/resolvers-types';
import { paginate, pageRequest } from '../pagination';
import { byEmail, PEOPLE_BY_EMAIL } from './orderings';
import { selectedFields, selectedNodeFields, sourcesForPeople, warm } from './prefetch';
import { personFromQaSphere } from './records';

const QA_SPHERE: ReadonlySet<Source> = new Set(['QA_SPHERE']);

export const Role: RoleResolvers = {
  name: (role) => role,
  title: (role) => QA_SPHERE_ROLES[role].title,
  permissions: (role) => QA_SPHERE_ROLES[role].permissions,
  users: (role, _args, { loaders, partialErrors }, info) => {
    warm(sourcesForPeople(selectedFields(info), QA_SPHERE), loaders);
    return partialErrors.recover(loaders.qaSphereUsersByRole.load(role).then((users) => users.map(personFromQaSphere)), [], info);
  },
  // A failed list is an empty page beside the error, as for `users`.
  usersConnection: async (role, args, { loaders, partialErrors }, info) => {
    const page = pageRequest(args, PEOPLE_BY_EMAIL);
    warm(sourcesForPeople(selectedNodeFields(info), QA_SPHERE), loaders);
    const users = byEmail((await partialErrors.recover(loaders.qaSphereUsersByRole.load(role), [], info)).map(personFromQaSphere));
    return paginate(users, page, PEOPLE_BY_EMAIL);
  },
};
