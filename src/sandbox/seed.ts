import { createHash } from 'node:crypto';
import type { HumanUserDto } from '../humanapi/dto';
import type { QaSphereRole, QaSphereUserDto } from '../qasphere/dto';
import type { QualifiTeamDto, QualifiUserDto } from '../qualifi/dto';

// The emulators' states. Each emulator deep-copies the state it is given, so tests never share users.

/** Qualifi keeps teamIds on the user and renders teams on the way out. */
export type QualifiStoredUser = Omit<QualifiUserDto, 'teams' | 'teamIds'> & { teamIds: string[] };
export interface QualifiState {
  /** The one key of the one organisation. */
  apiKey: string;
  organizationId: string;
  teams: QualifiTeamDto[];
  users: QualifiStoredUser[];
}

export interface HumanApiApp {
  appId: string;
  appKey: string;
  users: HumanUserDto[];
}
export interface HumanApiState {
  apps: HumanApiApp[];
}

/** A QA Sphere user as the vendor stores it: the list entry plus what only /users/me shows. */
export type QaSphereAccount = QaSphereUserDto & { id: number; avatar: string | null };
export interface QaSphereState {
  tenantId: string;
  users: QaSphereAccount[];
  /** API keys (`{tenantID}.{apiKeyID}.{apiKeyToken}`), each created by the user with that email. */
  apiKeys: { key: string; email: string }[];
  /** OAuth access tokens, each consented to by the user with that email. */
  oauthTokens: { token: string; email: string }[];
}

export interface SandboxSeed {
  qualifi: QualifiState;
  humanApi: HumanApiState;
  qaSphere: QaSphereState;
}

const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Margaret', 'Dennis', 'Radia', 'Tim', 'Hedy', 'Linus', 'Katherine', 'John', 'Sophie', 'Niklaus'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson', 'Hamilton', 'Ritchie', 'Perlman', 'Berners-Lee', 'Lamarr', 'Torvalds', 'Johnson', 'Backus', 'Wilson', 'Wirth'];
const TEAMS = [
  ['engineering', 'Engineering', 'Engineering and development team'],
  ['sales', 'Sales', null],
  ['support', 'Support', 'Customer support'],
  ['design', 'Design', 'Product design and research'],
  ['data', 'Data', 'Analytics and data platform'],
  ['operations', 'Operations', null],
  ['recruiting', 'Recruiting', 'Has no members yet'],
] as const;
/** Which sources know the i-th person (Qualifi, QA Sphere, Human API): overlapping, and each alone somewhere. */
const MEMBERSHIP = ['QAH', 'QA', 'QH', 'QA', 'QAH', 'A', 'QAH', 'Q', 'H', 'QA', 'QAH', 'Q'];
const ROLES: QaSphereRole[] = ['admin', 'user', 'user', 'test-runner', 'viewer', 'user', 'test-runner'];

/** A stable hex id: the same seed always yields the same organisation. */
const hex = (label: string, length = 32) => createHash('sha256').update(label).digest('hex').slice(0, length);
const uuid = (label: string) => {
  const h = hex(label);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString();

export const SANDBOX_CREDENTIALS = {
  qualifiApiKey: 'qk_sandbox_7f3a9c2e51b84d06',
  humanApiAppId: hex('app:main', 40),
  humanApiAppKey: hex('appkey:main', 40),
  /** The owner's admin key. */
  qaSphereApiKey: 'acme.k1.9b2f4c7d1e8a3f60',
  /** A key created by a viewer: /users/me works, /users answers 403. */
  qaSphereViewerKey: 'acme.k2.5d1c8e2b7a4f9036',
  /** An OAuth token consented to by an admin. */
  qaSphereOAuthToken: 'oauth_sandbox_c41e0b7d92f3',
} as const;

/**
 * A realistic organisation of `people` people: most are in Qualifi, about two thirds in QA Sphere
 * and half in Human API, overlapping, some in one source only. QA Sphere spells some emails in
 * another case, and a few Human API records have externalIds that are not email addresses.
 */
export function seedOrganisation(people = 36): SandboxSeed {
  const organizationId = uuid('org:acme');
  const teams: QualifiTeamDto[] = TEAMS.map(([name, displayName, description], i) => ({
    id: uuid(`team:${name}`), name: `${displayName} Team`, displayName, description, organizationId,
    logoUrl: i % 2 === 0 ? `https://cdn.acme.example/teams/${name}.png` : null,
    accentColor: ['#1d4ed8', '#047857', '#b45309', '#7c3aed', '#be123c', '#0f766e', '#4b5563'][i],
    buttonColor: i % 3 === 0 ? '#111827' : null,
    backgroundImage: null,
    createdAt: day(i), updatedAt: day(i + 30),
    archivedAt: null,
  }));
  const memberTeams = teams.slice(0, TEAMS.length - 1);

  const qualifiUsers: QualifiStoredUser[] = [];
  const qaSphereUsers: QaSphereAccount[] = [];
  const humanUsers: HumanUserDto[] = [];
  const appId = SANDBOX_CREDENTIALS.humanApiAppId;

  for (let i = 0; i < people; i++) {
    const firstName = FIRST[i % FIRST.length];
    const lastName = LAST[(i * 7) % LAST.length];
    const email = `${firstName}.${lastName}${i >= FIRST.length ? i : ''}@acme.example`.toLowerCase();
    const sources = MEMBERSHIP[i % MEMBERSHIP.length];
    const inQualifi = sources.includes('Q');
    const inQaSphere = sources.includes('A');
    const inHumanApi = sources.includes('H');
    if (inQualifi) {
      qualifiUsers.push({
        id: uuid(`user:${i}`), firstName, lastName, email,
        phone: i % 4 === 3 ? null : `+1415555${String(1000 + i).slice(-4)}`,
        isApiUser: i % 5 === 4,
        teamIds: [memberTeams[i % memberTeams.length].id, ...(i % 4 === 0 ? [memberTeams[(i + 2) % memberTeams.length].id] : [])],
        organizationId, createdAt: day(40 + i), updatedAt: day(60 + i),
      });
    }
    if (inQaSphere) {
      qaSphereUsers.push({
        id: 100 + i,
        // QA Sphere keeps the case its users typed: merging must not depend on it.
        email: i % 4 === 1 ? email.replace(/^./, (c) => c.toUpperCase()) : email,
        name: `${firstName} ${lastName}`,
        role: i === 0 ? 'owner' : ROLES[i % ROLES.length],
        authorizationTypes: i % 3 === 0 ? ['password', 'google'] : ['password'],
        totpEnabled: i % 2 === 0,
        createdAt: day(10 + i), lastActivity: day(300 + (i % 20)).slice(0, 10),
        avatar: i % 5 === 0 ? `https://cdn.acme.example/avatars/${i}.png` : null,
      });
    }
    if (inHumanApi) {
      humanUsers.push({ humanId: hex(`human:${i}`), externalId: email, appId, createdAt: day(100 + i), updatedAt: day(120 + i) });
    }
  }
  for (let j = 0; j < Math.max(1, Math.floor(people / 12)); j++) {
    humanUsers.push({ humanId: hex(`human:external:${j}`), externalId: `patient-${String(4200 + j)}`, appId, createdAt: day(200 + j), updatedAt: day(200 + j) });
  }

  const owner = qaSphereUsers[0];
  const viewer = qaSphereUsers.find((u) => u.role === 'viewer') ?? owner;
  const admin = qaSphereUsers.find((u) => u.role === 'admin') ?? owner;
  return {
    qualifi: { apiKey: SANDBOX_CREDENTIALS.qualifiApiKey, organizationId, teams, users: qualifiUsers },
    humanApi: { apps: [{ appId, appKey: SANDBOX_CREDENTIALS.humanApiAppKey, users: humanUsers }] },
    qaSphere: {
      tenantId: 'acme',
      users: qaSphereUsers,
      apiKeys: [
        { key: SANDBOX_CREDENTIALS.qaSphereApiKey, email: owner.email },
        { key: SANDBOX_CREDENTIALS.qaSphereViewerKey, email: viewer.email },
      ],
      oauthTokens: [{ token: SANDBOX_CREDENTIALS.qaSphereOAuthToken, email: admin.email }],
    },
  };
}
