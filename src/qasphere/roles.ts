import type { QaSphereRole } from './dto';

export interface RoleEntry {
  name: QaSphereRole;
  title: string;
  permissions: string;
}

/**
 * QA Sphere's role table, in its own words, from the most to the least powerful. One object per
 * role, shared: the Role type reads them as they are, so a person's role allocates nothing.
 */
export const QA_SPHERE_ROLES: Readonly<Record<QaSphereRole, Readonly<RoleEntry>>> = Object.freeze({
  owner: Object.freeze({ name: 'owner', title: 'Owner', permissions: 'Full system access with tenant management' }),
  admin: Object.freeze({ name: 'admin', title: 'Admin', permissions: 'Full project access with user management' }),
  user: Object.freeze({ name: 'user', title: 'User', permissions: 'Can create and manage test cases and runs' }),
  'test-runner': Object.freeze({ name: 'test-runner', title: 'Test Runner', permissions: 'Can execute test runs only' }),
  viewer: Object.freeze({ name: 'viewer', title: 'Viewer', permissions: 'Read-only access to projects' }),
});

/** Every role, from the most to the least powerful. */
export const ROLES: RoleEntry[] = Object.values(QA_SPHERE_ROLES);
