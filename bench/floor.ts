import type { Credentials, Clients } from '../src/loaders';
import { emailKey, mergePeople, type Person } from '../src/model';
import type { QaSphereUserDto } from '../src/qasphere/dto';
import { QA_SPHERE_ROLES } from '../src/qasphere/roles';
import type { QualifiUserDto } from '../src/qualifi/dto';

// The floor: the same upstream calls through the same HTTP client, in parallel, merged by hand into
// the JSON the layer answers, with no GraphQL. What the layer adds is measured against this.
// run.ts checks that each read's JSON equals the layer's `data`.

type Variables = Record<string, any>;

const roleName = (role: string) => role.toUpperCase().replace('-', '_');
const teamsOf = (u: QualifiUserDto | null | undefined) => (u?.teams ?? []).map((t) => ({ id: t.id, name: t.name }));
const nameOf = (qaSphere: QaSphereUserDto | null | undefined, qualifi: QualifiUserDto | null | undefined) =>
  qaSphere?.name ?? (qualifi ? `${qualifi.firstName} ${qualifi.lastName}` : null);
// User.email is the merge key: lower case whatever a source's spelling.
const view = (p: Person) => ({
  email: emailKey(p.email),
  name: nameOf(p.qaSphere, p.qualifi),
  teams: teamsOf(p.qualifi),
  role: p.qaSphere ? { name: roleName(p.qaSphere.role) } : null,
  twoFactorEnabled: p.qaSphere?.totpEnabled ?? null,
  humanApi: (p.humanApi ?? []).map((h) => ({ humanId: h.humanId })),
});
/** The `every field` scenario's person, with the schema's enum spellings. */
const everyFieldView = ({ email, qualifi, qaSphere, humanApi = [] }: Person) => ({
  email: emailKey(email),
  name: nameOf(qaSphere, qualifi),
  firstName: qualifi?.firstName ?? null,
  lastName: qualifi?.lastName ?? null,
  phone: qualifi?.phone ?? null,
  isApiUser: qualifi?.isApiUser ?? null,
  teams: (qualifi?.teams ?? []).map((t) => ({ id: t.id, name: t.name, displayName: t.displayName })),
  role: qaSphere ? { name: roleName(qaSphere.role), title: QA_SPHERE_ROLES[qaSphere.role].title } : null,
  twoFactorEnabled: qaSphere?.totpEnabled ?? null,
  authorizationTypes: qaSphere?.authorizationTypes.map((a) => a.toUpperCase()) ?? null,
  lastActivity: qaSphere?.lastActivity ?? null,
  sources: [...(qualifi ? ['QUALIFI'] : []), ...(humanApi.length ? ['HUMAN_API'] : []), ...(qaSphere ? ['QA_SPHERE'] : [])],
  qualifi: qualifi ? { id: qualifi.id } : null,
  qaSphere: qaSphere ? { email: qaSphere.email } : null,
  humanApi: humanApi.map((h) => ({ humanId: h.humanId, externalId: h.externalId })),
});

/** The floor runs over every source. */
export type AllClients = { [K in keyof Clients]: NonNullable<Clients[K]> };

export function floorHandlers(clients: AllClients, credentials: Credentials, appId: string): Record<string, (v: Variables) => Promise<unknown>> {
  const { qualifiApiKey, qaSphereAuthorization, humanApiAppKey } = credentials;
  const everySource = () => Promise.all([
    clients.qualifi.listUsers(qualifiApiKey), clients.qaSphere.listUsers(qaSphereAuthorization), clients.humanApi.listUsers(humanApiAppKey, appId),
  ]);
  return {
    __typename: async () => ({ __typename: 'Query' }),
    everyone: async () => {
      const [qualifi, qaSphere, humanApi] = await everySource();
      return { users: mergePeople({ qualifi, qaSphere, humanApi }).map(view) };
    },
    'every field': async () => {
      const [qualifi, qaSphere, humanApi] = await everySource();
      return { users: mergePeople({ qualifi, qaSphere, humanApi }).map(everyFieldView) };
    },
    'one by email': async ({ email }) => {
      const [qualifi, qaSphere, humanApi] = await everySource();
      const key = emailKey(email);
      const person: Person = {
        email,
        qualifi: qualifi.find((u) => emailKey(u.email) === key) ?? null,
        qaSphere: qaSphere.find((u) => emailKey(u.email) === key) ?? null,
        humanApi: humanApi.filter((u) => emailKey(u.externalId) === key),
      };
      return { user: view(person) };
    },
    'team members': async ({ id }) => {
      const [teams, qualifi, qaSphere] = await Promise.all([
        clients.qualifi.listTeams(qualifiApiKey), clients.qualifi.listUsers(qualifiApiKey), clients.qaSphere.listUsers(qaSphereAuthorization),
      ]);
      const team = teams.find((t) => t.id === id);
      const byEmail = new Map(qaSphere.map((u) => [emailKey(u.email), u]));
      const members = qualifi.filter((u) => u.teams?.some((t) => t.id === id)).map((u) => {
        const qa = byEmail.get(emailKey(u.email));
        return { email: emailKey(u.email), name: nameOf(qa, u), role: qa ? { name: roleName(qa.role) } : null };
      });
      return { team: team && { id: team.id, displayName: team.displayName, members } };
    },
    currentUser: async () => {
      const [me, qualifi] = await Promise.all([clients.qaSphere.me(qaSphereAuthorization), clients.qualifi.listUsers(qualifiApiKey)]);
      const mine = qualifi.find((u) => emailKey(u.email) === emailKey(me.email));
      return { currentUser: { email: emailKey(me.email), name: me.name, role: { name: roleName(me.role) }, teams: teamsOf(mine) } };
    },
    'createApiUsers x10': async ({ input }) => {
      const existing = new Set((await clients.qualifi.listUsers(qualifiApiKey)).map((u) => emailKey(u.email)));
      const toCreate = (input.users as { email: string; firstName: string; lastName: string; teamIds: string[] }[]).filter((u) => !existing.has(emailKey(u.email)));
      const created = await clients.qualifi.createUsers(qualifiApiKey, toCreate.map((u) => ({ ...u, createAuth0Account: false })));
      return { createApiUsers: { results: created.map((u) => ({ email: u.email, status: 'CREATED' })) } };
    },
  };
}
