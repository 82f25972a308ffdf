import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express from 'express';
import { forbiddenMutationError, type GatewayKey } from './auth';
import {
  DEFAULT_VENDOR_LIMITS, DEFAULT_WRITES,
  type CacheConfig, type LimitsConfig, type ResilienceConfig, type SourceKey, type TracingConfig, type UpstreamsConfig, type VendorLimitsConfig, type WritesConfig,
} from './config';
import { createCacheStore, createUpstreamCache } from './cache';
import { createClientLimits } from './clientlimit';
import { createContext, type Context } from './context';
import { createCreateLocks } from './createlocks';
import { errorCode, formatError, type Source } from './errors';
import { createCollapsing } from './collapsing';
import { compiledExecution } from './execution';
import { graphqlEndpoint, requestIdFor } from './endpoint';
import { createGuards } from './guards';
import { createSourcePool, type SourcePool, type SourcePools } from './http';
import { createIdempotencyStore, idempotencyPlugin } from './idempotency';
import type { Logger } from './logger';
import { partialErrorsPlugin } from './partial';
import { createPrefetch } from './prefetch';
import { responseCachePlugin } from './responsecache';
import { resolvers } from './resolvers';
import { createMetrics } from './metrics';
import { connectRedis } from './redis';
import { PageSizeRule, unlessPageSizeRefused } from './pagination';
import { NoServiceSdl, loadTypeDefs } from './schema';
import { checkTrustedDocuments, trustedDocuments as createTrustedDocuments, type TrustedDocumentsConfig } from './trusteddocuments';
import { createVendorLimits } from './vendorlimit';

export interface ServerOptions {
  port: number;
  upstreams: UpstreamsConfig;
  logger: Logger;
  resilience: ResilienceConfig;
  limits: LimitsConfig;
  cache: CacheConfig;
  /** Idempotency-Key answers: how long they are kept (default DEFAULT_WRITES). */
  writes?: WritesConfig;
  /** The vendors' rate limits, kept before each call (default DEFAULT_VENDOR_LIMITS: QA Sphere's 20 a second). */
  vendorLimits?: VendorLimitsConfig;
  /** The Redis the replicas share (REDIS_URL); none: each replica keeps its own, in memory. */
  redisUrl?: string | null;
  /** Empty: the gateway is open (sandbox and development only; production refuses it at start-up). */
  gatewayKeys: GatewayKey[];
  /** How documents are executed: compiled by default; graphql-js to compare the two (tests, bench). */
  execution?: 'compiled' | 'graphql-js';
  /** Identical queries in flight share one execution (collapsing.ts); off only to measure what each execution costs (bench). */
  collapsing?: boolean;
  /** Where traces go (OTEL_* variables); none: nothing is traced. */
  tracing?: TracingConfig | null;
  /** The documents callers may name by id (TRUSTED_DOCUMENTS), and whether only they run. */
  trustedDocuments?: TrustedDocumentsConfig | null;
}

export interface RunningServer {
  url: string;
  /** Forget every cached upstream answer, on every replica sharing the cache. */
  invalidateCache(): Promise<void>;
  /** Stops taking requests, lets in-flight ones finish, then closes upstream pools. */
  close(): Promise<void>;
}

/** How long a create lock or an Idempotency-Key claim outlives its request's deadline: the cache invalidation after the write. */
const WRITE_MARGIN_MS = 2000;

/** @apollo/subgraph's resolver map type (not exported by name); our typed resolvers are one. */
type SubgraphResolvers = Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>['resolvers'];

/** Upstream failures are logged where they happen (http.ts); here only what no code expected. */
const logUnexpectedErrors = (logger: Logger): ApolloServerPlugin<Context> => ({
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, operationName, contextValue }) {
        for (const error of errors) {
          if (errorCode(error.originalError ?? error) === undefined && !error.extensions?.code) {
            (contextValue.logger ?? logger).error({ err: error.originalError ?? error, operationName }, 'unexpected error');
          }
        }
      },
    };
  },
});

/** A read key may run queries only: refused after parsing and validation, before any resolver runs. */
const scopePlugin: ApolloServerPlugin<Context> = {
  async requestDidStart({ contextValue }) {
    // A write key may run anything: its requests get no hook (each costs every request a promise per stage).
    if (contextValue.scope === 'write') return undefined;
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation === 'mutation') throw forbiddenMutationError();
      },
    };
  },
};

/** The GraphQL API at /graphql (Apollo's landing page on GET), /healthz and /readyz, on one HTTP server. */
export async function startServer({
  port, upstreams, logger, resilience, limits, cache: cacheConfig, writes = DEFAULT_WRITES, vendorLimits = DEFAULT_VENDOR_LIMITS,
  redisUrl = null, gatewayKeys, execution = 'compiled', collapsing = true, tracing: tracingConfig = null, trustedDocuments = null,
}: ServerOptions): Promise<RunningServer> {
  const schema = buildSubgraphSchema({ typeDefs: parse(loadTypeDefs().join('\n')), resolvers: resolvers as SubgraphResolvers });
  // Before anything is opened: a manifest made for another schema stops start-up.
  const trusted = trustedDocuments ? checkTrustedDocuments(schema, trustedDocuments.documents) : [];
  const metrics = createMetrics();
  // Loaded only when used: with tracing off, the OpenTelemetry SDK is not even in memory.
  const tracing = tracingConfig ? (await import('./tracing')).createTracing(tracingConfig) : undefined;
  const redis = redisUrl ? await connectRedis(redisUrl, logger) : null;
  const store = cacheConfig.ttlMs > 0 ? createCacheStore(redis, logger) : undefined;
  // A lock outlives a replica that died holding it by no more than its request could have run.
  const writeTtlMs = resilience.requestDeadlineMs + WRITE_MARGIN_MS;
  // Without Qualifi no create is made, so no lock is ever taken.
  const createLocks = createCreateLocks({ redis, lockTtlMs: writeTtlMs, qualifiBaseUrl: upstreams.qualifi?.baseUrl ?? '', logger, metrics });
  const cache = store && createUpstreamCache(store, cacheConfig, metrics);
  const limitOf = createVendorLimits({ expectedReplicas: vendorLimits.expectedReplicas, redis, logger, metrics });
  const pool = (key: SourceKey, source: Source) => upstreams[key] &&
    createSourcePool(source, { resilience, logger, cache, limit: limitOf(source, vendorLimits.perSecond[key]), metrics });
  const pools: SourcePools = { qualifi: pool('qualifi', 'QUALIFI'), humanApi: pool('humanApi', 'HUMAN_API'), qaSphere: pool('qaSphere', 'QA_SPHERE') };
  const configuredPools = Object.values(pools).filter((p) => p !== null);
  let draining = false;

  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    // No allow-list: __typename aliases cost like any other.
    maxAliases: { n: limits.maxAliases, allowList: [] },
    maxDirectives: { n: limits.maxDirectives },
    // graphql-js counts tokens itself (parseOptions below); armor's Apollo version turns syntax errors into 500s (graphql-armor#571).
    maxTokens: { enabled: false },
    costLimit: { maxCost: limits.maxCost },
    blockFieldSuggestion: { enabled: !limits.fieldSuggestions },
  }).protect();

  const app = express();
  let graphql: ReturnType<typeof graphqlEndpoint> | undefined;
  // /graphql straight to its endpoint (no router); everything else through Express.
  const httpServer = http.createServer((req, res) => {
    const path = req.url?.split('?', 1)[0];
    if (graphql && (path === '/graphql' || path === '/graphql/')) void graphql(req, res);
    else app(req, res);
  });
  // With whole answers cached, an identical request is answered from the cache: nothing to send ahead.
  const collapsed = collapsing ? createCollapsing(upstreams, { metrics, prefetch: store ? undefined : createPrefetch() }) : undefined;
  const apollo = new ApolloServer<Context>({
    ...(execution === 'compiled' ? { gateway: compiledExecution(schema, trusted) } : { schema }),
    // With a manifest, documents run by id only from it: no caller may register one (APQ).
    ...(trustedDocuments ? { persistedQueries: false as const } : {}),
    formatError,
    introspection: limits.introspection,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    // Federation's _service { sdl } is introspection by another name.
    validationRules: [PageSizeRule, ...armor.validationRules.map(unlessPageSizeRefused), ...(limits.introspection ? [] : [NoServiceSdl])],
    parseOptions: { maxTokens: limits.maxTokens },
    plugins: [
      ...(armor.plugins as ApolloServerPlugin<Context>[]),
      scopePlugin, partialErrorsPlugin, metrics.plugin as ApolloServerPlugin<Context>, logUnexpectedErrors(logger),
      idempotencyPlugin({ store: createIdempotencyStore(redis, logger), ttlMs: writes.idempotencyTtlS * 1000, pendingTtlMs: writeTtlMs, upstreams, metrics }),
      ...(store ? [responseCachePlugin(store, cacheConfig, upstreams, metrics)] : []),
      ...(collapsed ? [collapsed.plugin] : []),
      ...(tracing ? [tracing.plugin] : []),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // No HTTP cache hints and no GraphOS traces here: both wrap every resolver of every request.
      ApolloServerPluginCacheControlDisabled(), ApolloServerPluginInlineTraceDisabled(),
    ],
  });
  await apollo.start();

  app.disable('x-powered-by');
  app.use((req, res, next) => { requestIdFor(req, res); next(); });
  app.get('/healthz', (_req, res) => { res.json({ status: 'ok' }); });
  app.get('/readyz', (_req, res) => {
    const state = (pool: SourcePool | null) => pool?.circuit() ?? 'not-configured';
    const sources = { QUALIFI: state(pools.qualifi), HUMAN_API: state(pools.humanApi), QA_SPHERE: state(pools.qaSphere) };
    // An open circuit does not make this replica unready: it still answers, with partial results.
    res.status(draining ? 503 : 200).json({ status: draining ? 'draining' : 'ready', sources });
  });

  const guards = createGuards(gatewayKeys, limits, createClientLimits(redis));
  // Operational figures only (no user data), but operation names and error rates are still the
  // gateway's business: with keys configured, a scraper needs one (any scope).
  app.get('/metrics', guards.requireKey, async (_req, res) => {
    res.set('content-type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  graphql = graphqlEndpoint({
    apollo, admit: guards.admit, logger, tracing, collapsing: collapsed,
    resolveDocument: trustedDocuments ? createTrustedDocuments(trustedDocuments) : undefined,
    context: (req, caller, requestId, trace) => createContext({
      pools, upstreams, headers: req.headers, requestId, caller, createLocks, trace,
      deadline: Date.now() + resilience.requestDeadlineMs, logger,
    }),
  });

  await new Promise<void>((resolve) => httpServer.listen(port, resolve));
  const { port: bound } = httpServer.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://localhost:${bound}/graphql`,
    invalidateCache: async () => { await Promise.all(configuredPools.map((p) => p.invalidate())); },
    close: () => (closing ??= (async () => {
      draining = true;
      await apollo.stop(); // the drain plugin waits for in-flight requests
      for (const p of configuredPools) p.close();
      await tracing?.shutdown(); // the last requests' spans are exported
      if (redis?.isOpen) await redis.close().catch(() => redis.destroy());
      else redis?.destroy();
    })()),
  };
}
