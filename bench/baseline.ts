import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { RESTDataSource, type AugmentedRequest, type DataSourceConfig } from '@apollo/datasource-rest';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parse } from 'graphql';
import { scalarsAndEnums } from '../src/resolvers';
import type { AllUpstreams, HumanApiUpstream, QaSphereUpstream, QualifiUpstream } from '../src/config';
import type { HumanUserDto } from '../src/humanapi/dto';
import { emailKey, isEmail } from '../src/model';
import type { QaSphereMeResponseDto, QaSphereRole, QaSphereUserDto, QaSphereUsersResponseDto } from '../src/qasphere/dto';
import { QA_SPHERE_ROLES } from '../src/qasphere/roles';
import type { QualifiNewUserDto, QualifiTeamsResponseDto, QualifiUserDto, QualifiUsersResponseDto } from '../src/qualifi/dto';
import { loadTypeDefs } from '../src/schema';

// The baseline: how a team would write this graph the plain way, as Apollo documents it. Apollo
// Server 5, the same subgraph schema, one RESTDataSource per vendor made per request (its per-request
// GET dedup is the only sharing), merged by email in the resolvers. No guards, no checks of what the
// vendors answer, no cache, no retries: what the layer adds over this is what it costs.

class QualifiAPI extends RESTDataSource {
  constructor(private readonly upstream: QualifiUpstream, config: DataSourceConfig) {
    super(config);
    this.baseURL = `${upstream.baseUrl}/qsi/gather/`;
  }
  protected override willSendRequest(_path: string, request: AugmentedRequest) {
    if (this.upstream.apiKey) request.headers['x-api-key'] = this.upstream.apiKey;
  }
  // Qualifi wraps every answer in { data, meta }.
  async users() { return (await this.get<QualifiUsersResponseDto>('users', { params: { includeTeams: 'true' } })).data.users; }
  async teams() { return (await this.get<QualifiTeamsResponseDto>('teams')).data.teams; }
  async createUsers(users: QualifiNewUserDto[]) { return (await this.post<QualifiUsersResponseDto>('users', { body: { users } })).data.users; }
}

class HumanAPI extends RESTDataSource {
  constructor(private readonly upstream: HumanApiUpstream, config: DataSourceConfig) {
    super(config);
    this.baseURL = `${upstream.baseUrl}/v1/apps/`;
  }
  protected override willSendRequest(_path: string, request: AugmentedRequest) {
    // Basic auth: the app key as user name, a blank password.
    if (this.upstream.appKey) request.headers.authorization = `Basic ${Buffer.from(`${this.upstream.appKey}:`).toString('base64')}`;
  }
  // A bare array, no envelope.
  users() { return this.get<HumanUserDto[]>(`${encodeURIComponent(this.upstream.appId)}/users`); }
}

class QaSphereAPI extends RESTDataSource {
  constructor(private readonly upstream: QaSphereUpstream, config: DataSourceConfig) {
    super(config);
    this.baseURL = `${upstream.baseUrl}/api/public/v0/`;
  }
  protected override willSendRequest(_path: string, request: AugmentedRequest) {
    if (this.upstream.apiKey) request.headers.authorization = `Bearer ${this.upstream.apiKey}`;
  }
  async users() { return (await this.get<QaSphereUsersResponseDto>('users')).users; }
  async me() { return (await this.get<QaSphereMeResponseDto>('users/me')).user; }
}

interface Context { dataSources: { qualifi: QualifiAPI; humanApi: HumanAPI; qaSphere: QaSphereAPI } }

type Source = 'QUALIFI' | 'HUMAN_API' | 'QA_SPHERE';
interface Records { qualifi?: QualifiUserDto; qaSphere?: QaSphereUserDto; humanApi: HumanUserDto[] }

const roleOf = (role: QaSphereRole) => ({ ...QA_SPHERE_ROLES[role] });

/** One person as the schema's User, every field computed up front: default resolvers do the rest. */
function toUser(email: string, { qualifi, qaSphere, humanApi }: Records) {
  const sources: Source[] = [];
  if (qualifi) sources.push('QUALIFI');
  if (humanApi.length) sources.push('HUMAN_API');
  if (qaSphere) sources.push('QA_SPHERE');
  return {
    email,
    name: qaSphere?.name ?? (qualifi ? `${qualifi.firstName} ${qualifi.lastName}` : null),
    firstName: qualifi?.firstName ?? null,
    lastName: qualifi?.lastName ?? null,
    phone: qualifi?.phone ?? null,
    isApiUser: qualifi?.isApiUser ?? null,
    teams: qualifi?.teams ?? [],
    role: qaSphere ? roleOf(qaSphere.role) : null,
    twoFactorEnabled: qaSphere?.totpEnabled ?? null,
    authorizationTypes: qaSphere?.authorizationTypes ?? null,
    lastActivity: qaSphere?.lastActivity ?? null,
    sources,
    qualifi: qualifi ?? null,
    qaSphere: qaSphere ?? null,
    humanApi,
  };
}
type User = ReturnType<typeof toUser>;

/** Everyone in the three lists, by lower-cased email (Human API records whose externalId is no email are nobody). */
async function everyone({ dataSources }: Context) {
  const [qualifi, qaSphere, humanApi] = await Promise.all([dataSources.qualifi.users(), dataSources.qaSphere.users(), dataSources.humanApi.users()]);
  const people = new Map<string, Records>();
  const at = (email: string) => {
    const key = emailKey(email);
    let records = people.get(key);
    if (!records) people.set(key, (records = { humanApi: [] }));
    return records;
  };
  for (const u of qualifi) at(u.email).qualifi = u;
  for (const u of qaSphere) at(u.email).qaSphere = u;
  for (const h of humanApi) if (isEmail(h.externalId)) at(h.externalId).humanApi.push(h);
  return new Map([...people].map(([email, records]) => [email, toUser(email, records)]));
}

const byEmail = (a: User, b: User) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0);

const resolvers = {
  // The scalars and the enums' vendor spellings belong to the schema, not to the merge: the layer's.
  ...scalarsAndEnums,
  Query: {
    users: async (_root: unknown, { teamId, role, source }: { teamId?: string; role?: QaSphereRole; source?: Source }, ctx: Context) =>
      [...(await everyone(ctx)).values()].sort(byEmail).filter((u) =>
        (!teamId || u.teams.some((t) => t.id === teamId)) && (!role || u.role?.name === role) && (!source || u.sources.includes(source))),
    user: async (_root: unknown, { email }: { email: string }, ctx: Context) => (await everyone(ctx)).get(emailKey(email)) ?? null,
    team: async (_root: unknown, { id }: { id: string }, { dataSources }: Context) => (await dataSources.qualifi.teams()).find((t) => t.id === id) ?? null,
    // The caller: /users/me gives name and role, Qualifi the rest.
    currentUser: async (_root: unknown, _args: unknown, { dataSources }: Context) => {
      const [me, qualifi] = await Promise.all([dataSources.qaSphere.me(), dataSources.qualifi.users()]);
      const email = emailKey(me.email);
      return { ...toUser(email, { qualifi: qualifi.find((u) => emailKey(u.email) === email), humanApi: [] }), name: me.name, role: roleOf(me.role) };
    },
  },
  Team: {
    // Members carry their Qualifi and QA Sphere records (what the team scenario reads).
    members: async (team: { id: string }, _args: unknown, { dataSources }: Context) => {
      const [qualifi, qaSphere] = await Promise.all([dataSources.qualifi.users(), dataSources.qaSphere.users()]);
      const qaSphereByEmail = new Map(qaSphere.map((u) => [emailKey(u.email), u]));
      return qualifi.filter((u) => u.teams?.some((t) => t.id === team.id))
        .map((u) => toUser(emailKey(u.email), { qualifi: u, qaSphere: qaSphereByEmail.get(emailKey(u.email)), humanApi: [] }));
    },
  },
  Mutation: {
    // Whoever Qualifi has already is not sent again; its create is all-or-nothing, so the rest are CREATED.
    createApiUsers: async (_root: unknown, { input }: { input: { users: QualifiNewUserDto[] } }, { dataSources }: Context) => {
      const existing = new Map((await dataSources.qualifi.users()).map((u) => [emailKey(u.email), u]));
      const toCreate = input.users.filter((u) => !existing.has(emailKey(u.email)));
      const created = toCreate.length ? await dataSources.qualifi.createUsers(toCreate) : [];
      const createdByEmail = new Map(created.map((u) => [emailKey(u.email), u]));
      const userOf = (qualifi?: QualifiUserDto) => (qualifi ? toUser(emailKey(qualifi.email), { qualifi, humanApi: [] }) : null);
      return {
        users: created.map(userOf),
        results: input.users.map((u) => {
          const known = existing.get(emailKey(u.email));
          return known
            ? { email: u.email, status: 'ALREADY_EXISTED', user: userOf(known) }
            : { email: u.email, status: 'CREATED', user: userOf(createdByEmail.get(emailKey(u.email))) };
        }),
      };
    },
  },
} satisfies GraphQLResolverMap<Context>;

/** Serves the baseline on 127.0.0.1 at any free port; GraphQL answers on every path. */
export async function startBaseline(upstreams: AllUpstreams): Promise<number> {
  const server = new ApolloServer<Context>({
    // buildSubgraphSchema types the context as unknown; Apollo Server passes ours.
    schema: buildSubgraphSchema({ typeDefs: parse(loadTypeDefs().join('\n')), resolvers: resolvers as GraphQLResolverMap<unknown> }),
    // The layer turns these off too: both wrap every resolver.
    plugins: [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginInlineTraceDisabled()],
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async () => {
      const { cache } = server;
      return { dataSources: { qualifi: new QualifiAPI(upstreams.qualifi, { cache }), humanApi: new HumanAPI(upstreams.humanApi, { cache }), qaSphere: new QaSphereAPI(upstreams.qaSphere, { cache }) } };
    },
  });
  return Number(new URL(url).port);
}
