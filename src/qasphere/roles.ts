import type { QaSphereRole } from './dto';

/** QA Sphere's role table, in its own words, from the most to the least powerful. */
export const QA_SPHERE_ROLES: Record<QaSphereRole, { title: string; permissions: string }> = {
  owner: { title: 'Owner', permissions: 'Full system access with tenant management' },
  admin: { title: 'Admin', permissions: 'Full project access with user management' },
  user: { title: 'User', permissions: 'Can create and manage test cases and runs' },
  'test-runner': { title: 'Test Runner', permissions: 'Can execute test runs only' },
  viewer: { title: 'Viewer', permissions: 'Read-only access to projects' },
};

export const ROLE_NAMES = Object.keys(QA_SPHERE_ROLES) as QaSphereRole[];
