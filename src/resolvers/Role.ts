import type { RoleResolvers } from '../__generated__/resolvers-types';
import { QA_SPHERE_ROLES } from '../qasphere/roles';
import { personFromQaSphere } from './records';

export const Role: RoleResolvers = {
  name: (role) => role,
  title: (role) => QA_SPHERE_ROLES[role].title,
  permissions: (role) => QA_SPHERE_ROLES[role].permissions,
  users: (role, _args, { loaders, partialErrors }, info) =>
    partialErrors.recover(loaders.qaSphereUsersByRole.load(role).then((users) => users.map(personFromQaSphere)), [], info),
};
