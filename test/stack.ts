import { Writable } from 'node:stream';
import { createClient } from '@redis/client';
import type { GatewayKey } from '../src/auth';
import {
  DEFAULT_CACHE, DEFAULT_LIMITS, DEFAULT_RESILIENCE, DEFAULT_VENDOR_LIMITS, DEFAULT_WRITES,
  type AllUpstreams, type CacheConfig, type LimitsConfig, type ResilienceConfig, type UpstreamsConfig, type VendorLimitsConfig, type WritesConfig,
} from '../src/config';
import { createLogger } from '../src/logger';
import { startSandbox } from '../src/sandbox';
import { seedOrganisation } from '../src/sandbox/seed';
import { startServer } from '../src/server';
import type { TrustedDocumentsConfig } from '../src/trusteddocuments';

export interface GraphQLBody {
  data?: Record<string, any> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/** The server over the three emulators, as a caller meets it: real HTTP on loopback ports. */
export interface StackOptions {
  /** The sources this deployment has, from the sandbox's three (null: not configured). */
  upstreams?: (u: AllUpstreams) => UpstreamsConfig;
  resilience?: Partial<ResilienceConfig>;
  limits?: Partial<LimitsConfig>;
  cache?: Partial<CacheConfig>;
  writes?: Partial<WritesConfig>;
  /** QA Sphere's documented 20 a second unless given (the emulator enforces it too). */
  vendorLimits?: Partial<VendorLimitsConfig['perSecond']>;
  redisUrl?: string | null;
  gatewayKeys?: GatewayKey[];
  /** How many people the sandbox seeds per source (its default when not given). */
  people?: number;
  /** The documents callers may name by id, and whether only they run (TRUSTED_DOCUMENTS). */
  trustedDocuments?: TrustedDocumentsConfig | null;
}

export async function startStack({ upstreams, resilience, limits, cache, writes, vendorLimits, redisUrl = null, gatewayKeys = [], people, trustedDocuments = null }: StackOptions = {}) {
  const sandbox = await startSandbox({ people });
  const logLines: string[] = [];
  const logger = createLogger('debug', new Writable({ write(chunk, _enc, done) { logLines.push(String(chunk)); done(); } }));
  const serverOptions = {
    port: 0,
    upstreams: upstreams ? upstreams(sandbox.upstreams) : sandbox.upstreams,
    logger,
    resilience: { ...DEFAULT_RESILIENCE, timeoutMs: 2000, ...resilience },
    limits: { ...DEFAULT_LIMITS, introspection: true, fieldSuggestions: true, ...limits },
    cache: { ...DEFAULT_CACHE, ...cache },
    writes: { ...DEFAULT_WRITES, ...writes },
    vendorLimits: { ...DEFAULT_VENDOR_LIMITS, perSecond: { ...DEFAULT_VENDOR_LIMITS.perSecond, ...vendorLimits } },
    redisUrl,
    gatewayKeys,
    trustedDocuments,
  };
  const server = await startServer(serverOptions);
  const { qualifi, humanApi, qaSphere } = sandbox.emulators;
  return {
    url: server.url,
    server,
    /** What a second replica needs to serve the same vendors. */
    serverOptions,
    qualifi, humanApi, qaSphere,
    /** What the emulators were seeded with: expected values are computed from it, never typed in. */
    seed: seedOrganisation(people),
    logLines,
    /** Fresh vendor state and empty call logs for each test. */
    async reset() { qualifi.reset(); humanApi.reset(); qaSphere.reset(); logLines.length = 0; await server.invalidateCache(); },
    async close() { await server.close(); await sandbox.close(); },
  };
}

export type Stack = Awaited<ReturnType<typeof startStack>>;

export async function gql(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as GraphQLBody };
}

/** One figure from the stack's /metrics (its whole line up to the value), 0 when absent. */
export async function metric(stack: Stack, line: string) {
  const text = await (await fetch(stack.url.replace('/graphql', '/metrics'))).text();
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found ? Number(found.split(' ')[1]) : 0;
}

export const codes = (body: GraphQLBody) => (body.errors ?? []).map((e) => e.extensions?.code);

/** Every call the stack's vendors have had since its last reset. */
export const vendorCalls = (stack: Stack) => [...stack.qualifi.calls, ...stack.qaSphere.calls, ...stack.humanApi.calls];

/** The bulk create, as a client sends it. */
export const CREATE_API_USERS = 'mutation Create($input: CreateApiUsersInput!) { createApiUsers(input: $input) { results { email status } } }';

/** Removes what this project wrote to a Redis database that a test file has to itself. */
export async function removeOurKeys(redisUrl: string) {
  const redis = await createClient({ url: redisUrl }).connect();
  for await (const keys of redis.scanIterator({ MATCH: '*user-graph:*' })) if (keys.length) await redis.del(keys);
  redis.destroy();
}
