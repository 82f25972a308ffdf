import type { RoleResolvers } from '../__generated__/resolvers-types';
import { QA_SPHERE_ROLES } from '../qasphere/roles';
import type { Source } from '../__generated__/resolvers-types';
import { selectedFields, sourcesForPeople, warm } from './prefetch';
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
};
