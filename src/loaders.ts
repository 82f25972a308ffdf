import DataLoader from 'dataloader';
import { sourceNotConfiguredError, type Source } from './errors';
import type { HumanApiClient } from './humanapi/client';
import type { HumanUserDto } from './humanapi/dto';
import { emailKey, isEmail } from './model';
import type { QaSphereClient } from './qasphere/client';
import type { QaSphereRole, QaSphereUserDto } from './qasphere/dto';
import type { QualifiClient } from './qualifi/client';
import type { QualifiTeamDto, QualifiUserDto } from './qualifi/dto';

/** null for a source that is not configured. */
export interface Clients {
  qualifi: QualifiClient | null;
  humanApi: HumanApiClient | null;
  qaSphere: QaSphereClient | null;
}

/** The client of a source only it can answer for, or SOURCE_NOT_CONFIGURED. */
export function configured<C>(client: C | null, source: Source): C {
  if (client === null) throw sourceNotConfiguredError(source);
  return client;
}

/** The credential each source gets for this request: forwarded by the caller, else configured. */
export interface Credentials {
  qualifiApiKey: string | null;
  humanApiAppKey: string | null;
  qaSphereAuthorization: string | null;
}

export type Loaders = ReturnType<typeof createLoaders>;

/**
 * A keyless upstream call made at most once per request. The promise is kept even when it
 * rejects, so a failing source is asked once per request, not once per field that needs it.
 */
function once<T>(call: () => Promise<T>) {
  let promise: Promise<T> | undefined;
  const load = () => (promise ??= call());
  return Object.assign(load, { clear: () => { promise = undefined; } });
}

/** What a source that is not configured adds to a merged answer: no one (shared, so never written to). */
const NO_ONE: Promise<never[]> = Promise.resolve(Object.freeze([]) as never[]);
/** A source-only call to a source that is not configured. */
const notConfigured = (source: Source) => () => Promise.reject(sourceNotConfiguredError(source));

function groupBy<T>(items: T[], keysOf: (item: T) => Iterable<string>) {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    for (const key of keysOf(item)) {
      const group = groups.get(key);
      if (group) group.push(item); else groups.set(key, [item]);
    }
  }
  return groups;
}

/** Looks keys up in an index built (once per answer) from a list call; the loader's only upstream cost is that call. */
function lookup<L, I, V>(list: () => Promise<L>, index: (list: L) => I, get: (index: I, key: string) => V) {
  return new DataLoader<string, V>(async (keys) => {
    const built = index(await list());
    return keys.map((key) => get(built, key));
  });
}

/**
 * Derived data kept as long as its source object lives: a cached answer (checked once, see
 * contract.ts) is indexed once, not once per request. Keyed by identity, so it can only ever serve
 * whoever already holds that answer.
 */
function memoByIdentity<K extends object, V>(build: (key: K) => V) {
  const memo = new WeakMap<K, V>();
  return (key: K) => {
    let value = memo.get(key);
    if (value === undefined) { value = build(key); memo.set(key, value); }
    return value;
  };
}

const indexQualifiUsers = memoByIdentity((users: QualifiUserDto[]) => ({
  byEmail: new Map(users.map((u) => [emailKey(u.email), u])),
  byTeam: groupBy(users, (u) => u.teams?.map((t) => t.id) ?? u.teamIds ?? []),
}));
const indexQualifiTeams = memoByIdentity((teams: QualifiTeamDto[]) => ({ byId: new Map(teams.map((t) => [t.id, t])) }));
const indexQaSphereUsers = memoByIdentity((users: QaSphereUserDto[]) => ({
  byEmail: new Map(users.map((u) => [emailKey(u.email), u])), byRole: groupBy(users, (u) => [u.role]),
}));
const indexHumanUsers = memoByIdentity((users: HumanUserDto[]) => ({
  byEmail: groupBy(users, (u) => (isEmail(u.externalId) ? [emailKey(u.externalId)] : [])),
}));

/**
 * Built per request, so everything cached here was fetched with this caller's credentials and
 * dies with the request (the indexes above hang off the answers themselves). Each source's list is
 * fetched once; it is indexed once, and only when a lookup by email, team or role first needs it
 * (a whole list read in order, `users`, builds no index: at 10,000 people that is three Maps saved).
 *
 * A source that is not configured lists no one for merged answers (people, a person's fields);
 * what only it can answer (teams, roles' holders, the caller, an app's users) fails SOURCE_NOT_CONFIGURED.
 */
export function createLoaders({ qualifi, humanApi, qaSphere }: Clients, credentials: Credentials, humanApiAppId: string | null) {
  const qualifiUsers = once(qualifi ? () => qualifi.listUsers(credentials.qualifiApiKey) : () => NO_ONE);
  const qualifiTeams = once(qualifi ? () => qualifi.listTeams(credentials.qualifiApiKey) : notConfigured('QUALIFI'));
  const qualifiRoster = qualifi ? qualifiUsers : notConfigured('QUALIFI');
  const qaSphereUsers = once(qaSphere ? () => qaSphere.listUsers(credentials.qaSphereAuthorization) : () => NO_ONE);
  const qaSphereRoster = qaSphere ? qaSphereUsers : notConfigured('QA_SPHERE');
  const qaSphereMe = once(qaSphere ? () => qaSphere.me(credentials.qaSphereAuthorization) : notConfigured('QA_SPHERE'));

  // Keyed by app: one list call per application, whatever asks for it.
  const humanUsersByAppId = new DataLoader<string, HumanUserDto[]>(async (appIds) => {
    const client = configured(humanApi, 'HUMAN_API');
    return Promise.all(appIds.map((appId) => client.listUsers(credentials.humanApiAppKey, appId).catch((e: Error) => e)));
  });
  const defaultAppUsers = once(humanApi && humanApiAppId ? () => humanUsersByAppId.load(humanApiAppId) : () => NO_ONE);
  const humanUserById = new DataLoader<{ appId: string; humanId: string }, HumanUserDto | null, string>(
    async (keys) => {
      const client = configured(humanApi, 'HUMAN_API');
      return Promise.all(keys.map(({ appId, humanId }) => client.getUser(credentials.humanApiAppKey, appId, humanId).catch((e: Error) => e)));
    },
    { cacheKeyFn: ({ appId, humanId }) => `${appId}/${humanId}` },
  );

  return {
    /** The Human API application a call is for: the one asked for, else HUMANAPI_APP_ID. */
    humanApiApp(appId: string | null | undefined): string {
      const app = appId ?? humanApiAppId;
      if (app === null) throw sourceNotConfiguredError('HUMAN_API');
      return app;
    },
    qualifiUsers,
    qualifiTeams,
    qaSphereUsers,
    qaSphereMe,
    humanUsersByAppId,
    humanUserById,
    defaultAppHumanUsers: defaultAppUsers,

    qualifiUserByEmail: lookup(qualifiUsers, indexQualifiUsers, (d, email): QualifiUserDto | null => d.byEmail.get(emailKey(email)) ?? null),
    qualifiUsersByTeamId: lookup(qualifiRoster, indexQualifiUsers, (d, teamId): QualifiUserDto[] => d.byTeam.get(teamId) ?? []),
    teamById: lookup(qualifiTeams, indexQualifiTeams, (d, id): QualifiTeamDto | null => d.byId.get(id) ?? null),
    qaSphereUserByEmail: lookup(qaSphereUsers, indexQaSphereUsers, (d, email): QaSphereUserDto | null => d.byEmail.get(emailKey(email)) ?? null),
    qaSphereUsersByRole: lookup(qaSphereRoster, indexQaSphereUsers, (d, role): QaSphereUserDto[] => d.byRole.get(role as QaSphereRole) ?? []),
    humanUsersByEmail: lookup(defaultAppUsers, indexHumanUsers, (d, email): HumanUserDto[] => d.byEmail.get(emailKey(email)) ?? []),

    /** After a write, the same request must read the new state: drop what the write could have changed. */
    clearQualifi() {
      qualifiUsers.clear();
      qualifiTeams.clear();
      for (const loader of [this.qualifiUserByEmail, this.qualifiUsersByTeamId, this.teamById]) loader.clearAll();
    },
    clearHumanApi() {
      defaultAppUsers.clear();
      for (const loader of [this.humanUsersByAppId, this.humanUserById, this.humanUsersByEmail]) loader.clearAll();
    },
  };
}
