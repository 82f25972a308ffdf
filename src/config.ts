import { parseGatewayKeys, type GatewayKey } from './auth';
import { ConfigError } from './errors';
import { readManifest, type TrustedDocumentsConfig } from './trusteddocuments';

/** Where a source is and the credential configured for it; a null key must come per request. */
export interface QualifiUpstream { baseUrl: string; apiKey: string | null }
export interface HumanApiUpstream { baseUrl: string; appId: string; appKey: string | null }
export interface QaSphereUpstream { baseUrl: string; apiKey: string | null }

/**
 * The sources this deployment has. A null one is not configured: it contributes no one to merged
 * answers, and what only it can answer fails with SOURCE_NOT_CONFIGURED; nothing is ever sent to it.
 */
export interface UpstreamsConfig {
  qualifi: QualifiUpstream | null;
  humanApi: HumanApiUpstream | null;
  qaSphere: QaSphereUpstream | null;
}

/** Every source configured: the sandbox, the bench. */
export type AllUpstreams = { [K in keyof UpstreamsConfig]: NonNullable<UpstreamsConfig[K]> };

/** How upstream calls are made: every value has a documented default (README, "Configuration"). */
export interface ResilienceConfig {
  /** Longest wait for one upstream call. */
  timeoutMs: number;
  /** Longest a whole GraphQL request may spend on upstream calls, retries included. */
  requestDeadlineMs: number;
  /** Extra attempts of a GET after a network error, 429, 502, 503 or 504. */
  retries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Consecutive failures (5xx, network, timeout) that open a source's circuit. */
  breakerFailures: number;
  /** How long an open circuit fails fast before it lets one probe through. */
  breakerHalfOpenMs: number;
  /** Largest upstream response body accepted. */
  maxResponseBytes: number;
}

/** Abuse limits on what a caller may send. */
export interface LimitsConfig {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
  bodyLimitBytes: number;
  /** Requests per minute from one address, for callers without a valid gateway key (open mode, refused keys). */
  rateLimitPerMinute: number;
  /** Requests per minute from one gateway key whose entry sets no limit of its own. */
  keyRateLimitPerMinute: number;
  introspection: boolean;
  fieldSuggestions: boolean;
  /** Origins allowed by CORS; empty: no CORS headers at all. */
  corsOrigins: string[];
}

/** The cross-request cache of upstream GET answers (off while ttlMs is 0). */
export interface CacheConfig {
  /** How long an answer is fresh. */
  ttlMs: number;
  /** How long past ttlMs a stale answer may still be served while one refresh runs in the background. */
  staleMs: number;
}

/** The vendors' own rate limits, kept on our side so that no call collects a 429 (vendorlimit.ts). */
export interface VendorLimitsConfig {
  /** Calls per second each source accepts per credential; null: unlimited. */
  perSecond: Record<SourceKey, number | null>;
  /** The replicas sharing REDIS_URL: while Redis is unreachable each keeps 1/expectedReplicas of every limit. */
  expectedReplicas: number;
}

export type SourceKey = keyof UpstreamsConfig;

/** How writes are made safe to repeat. */
export interface WritesConfig {
  /** How long the answer to a mutation sent with an Idempotency-Key is kept for its replays. */
  idempotencyTtlS: number;
}

/** OpenTelemetry trace export, from the standard OTEL_* variables (README, "Tracing"). */
export interface TracingConfig {
  serviceName: string;
  /** OTEL_RESOURCE_ATTRIBUTES: what else describes this deployment (service.name comes from serviceName). */
  resourceAttributes: Record<string, string>;
  /** Where spans are posted: the traces endpoint itself (…/v1/traces). */
  endpoint: string;
  protocol: 'http/protobuf' | 'http/json';
  /** Sent with every export (a tracing vendor's key): never logged. */
  headers: Record<string, string>;
  timeoutMs: number;
  compression: 'gzip' | 'none';
  sampler: { name: SamplerName; ratio: number };
  batch: { scheduledDelayMillis: number; exportTimeoutMillis: number; maxQueueSize: number; maxExportBatchSize: number };
}

export const SAMPLERS = ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'] as const;
export type SamplerName = typeof SAMPLERS[number];

export interface Config {
  port: number;
  production: boolean;
  logLevel: string;
  /** Accepted gateway keys (hashes only); empty: the gateway is open (sandbox and development). */
  gatewayKeys: GatewayKey[];
  resilience: ResilienceConfig;
  limits: LimitsConfig;
  cache: CacheConfig;
  writes: WritesConfig;
  vendorLimits: VendorLimitsConfig;
  /** The Redis every replica shares (cache, create locks, idempotent answers, rate limits); null: each replica alone, in memory. */
  redisUrl: string | null;
  /** null: no source is configured, so `main` starts the embedded sandbox. */
  upstreams: UpstreamsConfig | null;
  /** null: no trace is recorded or exported, and vendor calls carry no traceparent. */
  tracing: TracingConfig | null;
  /** null: documents are sent as text only (and Apollo's automatic persisted queries stay on). */
  trustedDocuments: TrustedDocumentsConfig | null;
}

export const DEFAULT_RESILIENCE: ResilienceConfig = {
  timeoutMs: 5000, requestDeadlineMs: 10_000, retries: 2, retryBaseMs: 100, retryMaxMs: 2000,
  breakerFailures: 5, breakerHalfOpenMs: 10_000, maxResponseBytes: 20 * 1024 * 1024,
};

export const DEFAULT_LIMITS: Omit<LimitsConfig, 'introspection' | 'fieldSuggestions'> = {
  maxDepth: 10, maxAliases: 15, maxDirectives: 10, maxTokens: 2000, maxCost: 500,
  bodyLimitBytes: 100 * 1024, rateLimitPerMinute: 600, keyRateLimitPerMinute: 60_000, corsOrigins: [],
};

export { ConfigError };

export const DEFAULT_CACHE: CacheConfig = { ttlMs: 0, staleMs: 30_000 };

export const DEFAULT_WRITES: WritesConfig = { idempotencyTtlS: 86_400 };

/** QA Sphere documents 20 requests a second per key; Qualifi and Human API document no limit. */
export const DEFAULT_VENDOR_LIMITS: VendorLimitsConfig = { perSecond: { qualifi: null, humanApi: null, qaSphere: 20 }, expectedReplicas: 3 };

type Env = Record<string, string | undefined>;

/**
 * Each source's variables: the first that says where the source is configures it (Qualifi has a
 * default base URL, so its key says enough); any other one without it is half a configuration.
 */
const SOURCE_VARIABLES: Record<SourceKey, { name: string; where: string[]; why: string; others: string[] }> = {
  qualifi: { name: 'Qualifi', where: ['QUALIFI_BASE_URL', 'QUALIFI_API_KEY'], why: 'its API key, or its base URL', others: [] },
  humanApi: {
    name: 'Human API', where: ['HUMANAPI_APP_ID'], why: "the application's client id from Human API's Developer Portal",
    others: ['HUMANAPI_BASE_URL', 'HUMANAPI_APP_KEY'],
  },
  qaSphere: { name: 'QA Sphere', where: ['QASPHERE_BASE_URL'], why: "the workspace's URL, such as https://acme.eu1.qasphere.com", others: ['QASPHERE_API_KEY'] },
};
const SERVICE_CREDENTIALS = ['QUALIFI_API_KEY', 'HUMANAPI_APP_KEY', 'QASPHERE_API_KEY'] as const;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reading one environment: each reader names its variable when the value is wrong. */
function envReader(env: Env) {
  const value = (name: string) => {
    const v = env[name]?.trim();
    return v ? v : null;
  };
  const integer = (name: string, fallback: number, min: number, max: number) => {
    const raw = value(name);
    if (raw === null) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
    return n;
  };
  const url = (name: string, fallback?: string) => {
    const raw = value(name) ?? fallback;
    if (!raw) throw new ConfigError(`${name} is not set`);
    let parsed: URL;
    try { parsed = new URL(raw); } catch { throw new ConfigError(`${name} is not a URL: "${raw}"`); }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new ConfigError(`${name} must be an http(s) URL, not "${raw}"`);
    if (parsed.username || parsed.password || parsed.search || parsed.hash) throw new ConfigError(`${name} must be a base URL without credentials, query or fragment`);
    return parsed.href.replace(/\/+$/, '');
  };
  const boolean = (name: string, fallback: boolean) => {
    const raw = value(name);
    if (raw === null) return fallback;
    if (raw !== 'true' && raw !== 'false') throw new ConfigError(`${name} must be true or false, not "${raw}"`);
    return raw === 'true';
  };
  /** One of `choices`, or the fallback when unset. */
  const oneOf = <T extends string>(name: string, choices: readonly T[], fallback: T): T => {
    const raw = value(name) ?? fallback;
    if (!choices.includes(raw as T)) throw new ConfigError(`${name} must be one of ${choices.join(', ')}, not "${raw}"`);
    return raw as T;
  };
  return { value, integer, url, boolean, oneOf };
}

type EnvReader = ReturnType<typeof envReader>;

/** Reads and validates the environment once, at start-up; fails with a sentence naming the variable. */
export function loadConfig(env: Env): Config {
  const read = envReader(env);
  const { value, integer, url, boolean } = read;
  /** A per-second vendor limit: 0 turns it off. */
  const perSecond = (name: string, fallback: number | null) => integer(name, fallback ?? 0, 0, 1_000_000) || null;
  /** Whether a source is configured; half a configuration stops start-up naming what is missing. */
  const configured = (source: SourceKey) => {
    const { name, where, why, others } = SOURCE_VARIABLES[source];
    if (where.some((v) => value(v) !== null)) return true;
    const given = others.filter((v) => value(v) !== null);
    if (given.length === 0) return false;
    const list = given.join(' and ');
    throw new ConfigError(`${list} ${given.length > 1 ? 'are' : 'is'} set but ${where.join(' or ')} is not (${why}): set it, or unset ${list} to run without ${name}`);
  };

  const logLevel = read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info');

  const present = { qualifi: configured('qualifi'), humanApi: configured('humanApi'), qaSphere: configured('qaSphere') };
  const production = value('NODE_ENV') === 'production';
  const gatewayKeys = parseGatewayKeys(value('GATEWAY_API_KEYS'));
  const credentialed = SERVICE_CREDENTIALS.filter((name) => value(name) !== null);
  if (production && credentialed.length > 0 && gatewayKeys.length === 0) {
    throw new ConfigError(
      `NODE_ENV is production and ${credentialed.join(', ')} ${credentialed.length > 1 ? 'are' : 'is'} set, but GATEWAY_API_KEYS is not: `
      + 'anyone who reaches this port could act with those admin credentials. Create a key with `npm run keygen -- read` '
      + '(or `write`) and set GATEWAY_API_KEYS to the entry it prints.',
    );
  }
  const D = DEFAULT_RESILIENCE;
  const L = DEFAULT_LIMITS;
  const config: Config = {
    port: integer('PORT', 4000, 0, 65535),
    production,
    logLevel,
    gatewayKeys,
    resilience: {
      timeoutMs: integer('UPSTREAM_TIMEOUT_MS', D.timeoutMs, 1, 600_000),
      requestDeadlineMs: integer('REQUEST_DEADLINE_MS', D.requestDeadlineMs, 1, 600_000),
      retries: integer('UPSTREAM_RETRIES', D.retries, 0, 10),
      retryBaseMs: integer('UPSTREAM_RETRY_BASE_MS', D.retryBaseMs, 1, 60_000),
      retryMaxMs: integer('UPSTREAM_RETRY_MAX_MS', D.retryMaxMs, 1, 600_000),
      breakerFailures: integer('CIRCUIT_BREAKER_FAILURES', D.breakerFailures, 1, 1000),
      breakerHalfOpenMs: integer('CIRCUIT_BREAKER_RESET_MS', D.breakerHalfOpenMs, 1, 3_600_000),
      maxResponseBytes: integer('UPSTREAM_MAX_RESPONSE_BYTES', D.maxResponseBytes, 1024, 1024 ** 3),
    },
    limits: {
      maxDepth: integer('MAX_DEPTH', L.maxDepth, 1, 100),
      maxAliases: integer('MAX_ALIASES', L.maxAliases, 0, 1000),
      maxDirectives: integer('MAX_DIRECTIVES', L.maxDirectives, 0, 1000),
      maxTokens: integer('MAX_TOKENS', L.maxTokens, 10, 1_000_000),
      maxCost: integer('MAX_COST', L.maxCost, 1, 10_000_000),
      bodyLimitBytes: integer('BODY_LIMIT_BYTES', L.bodyLimitBytes, 1024, 100 * 1024 * 1024),
      rateLimitPerMinute: integer('RATE_LIMIT_PER_MINUTE', L.rateLimitPerMinute, 1, 1_000_000),
      keyRateLimitPerMinute: integer('GATEWAY_KEY_RATE_LIMIT_PER_MINUTE', L.keyRateLimitPerMinute, 1, 1_000_000_000),
      introspection: boolean('INTROSPECTION', !production),
      fieldSuggestions: boolean('FIELD_SUGGESTIONS', !production),
      corsOrigins: corsOrigins(value('CORS_ORIGINS')),
    },
    cache: {
      ttlMs: integer('CACHE_TTL_MS', DEFAULT_CACHE.ttlMs, 0, 86_400_000),
      staleMs: integer('CACHE_STALE_MS', DEFAULT_CACHE.staleMs, 0, 86_400_000),
    },
    writes: {
      idempotencyTtlS: integer('IDEMPOTENCY_TTL_S', DEFAULT_WRITES.idempotencyTtlS, 1, 30 * 86_400),
    },
    vendorLimits: {
      perSecond: {
        qualifi: perSecond('QUALIFI_RATE_LIMIT_PER_SECOND', DEFAULT_VENDOR_LIMITS.perSecond.qualifi),
        humanApi: perSecond('HUMANAPI_RATE_LIMIT_PER_SECOND', DEFAULT_VENDOR_LIMITS.perSecond.humanApi),
        qaSphere: perSecond('QASPHERE_RATE_LIMIT_PER_SECOND', DEFAULT_VENDOR_LIMITS.perSecond.qaSphere),
      },
      expectedReplicas: integer('EXPECTED_REPLICAS', DEFAULT_VENDOR_LIMITS.expectedReplicas, 1, 1000),
    },
    redisUrl: redisUrl(value('REDIS_URL')),
    tracing: tracingConfig(read),
    trustedDocuments: trustedDocumentsConfig(read, production),
    upstreams: !present.qualifi && !present.humanApi && !present.qaSphere ? null : {
      qualifi: present.qualifi ? { baseUrl: url('QUALIFI_BASE_URL', 'https://api.prod.qualifi.hr'), apiKey: value('QUALIFI_API_KEY') } : null,
      humanApi: present.humanApi
        ? { baseUrl: url('HUMANAPI_BASE_URL', 'https://api.humanapi.co'), appId: value('HUMANAPI_APP_ID')!, appKey: value('HUMANAPI_APP_KEY') }
        : null,
      qaSphere: present.qaSphere ? { baseUrl: url('QASPHERE_BASE_URL'), apiKey: value('QASPHERE_API_KEY') } : null,
    },
  };
  return Object.freeze(config);
}

/**
 * TRUSTED_DOCUMENTS: the persisted-documents manifest. In production only its documents run,
 * unless TRUSTED_DOCUMENTS_ONLY=false; TRUSTED_DOCUMENTS_ONLY=true asks for that anywhere.
 */
function trustedDocumentsConfig({ value, boolean }: EnvReader, production: boolean): TrustedDocumentsConfig | null {
  const path = value('TRUSTED_DOCUMENTS');
  const only = boolean('TRUSTED_DOCUMENTS_ONLY', production && path !== null);
  if (path === null) {
    if (only) throw new ConfigError('TRUSTED_DOCUMENTS_ONLY is true but TRUSTED_DOCUMENTS is not set: set it to the persisted-documents manifest, or unset TRUSTED_DOCUMENTS_ONLY');
    return null;
  }
  return { documents: readManifest(path, 'TRUSTED_DOCUMENTS'), only };
}

/**
 * The OpenTelemetry SDK's environment variables, as its specification defines them. Tracing is on
 * when an OTLP endpoint is set (or OTEL_TRACES_EXPORTER=otlp asks for the default one), and
 * OTEL_SDK_DISABLED or OTEL_TRACES_EXPORTER=none keep it off. The SDK itself would warn and go on
 * with a default; a gateway stops instead, so that a typo never silently loses every trace.
 */
function tracingConfig({ value, integer, url, boolean, oneOf }: EnvReader): TracingConfig | null {
  /** The traces-specific variable wins over the general one. */
  const either = (suffix: string) => (value(`OTEL_EXPORTER_OTLP_TRACES_${suffix}`) !== null ? `OTEL_EXPORTER_OTLP_TRACES_${suffix}` : `OTEL_EXPORTER_OTLP_${suffix}`);
  if (boolean('OTEL_SDK_DISABLED', false)) return null;
  const exporter = value('OTEL_TRACES_EXPORTER');
  if (exporter !== null && exporter !== 'otlp' && exporter !== 'none') {
    throw new ConfigError(`OTEL_TRACES_EXPORTER must be otlp or none (user-graph exports traces over OTLP/HTTP), not "${exporter}"`);
  }
  const endpointSet = value('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') !== null || value('OTEL_EXPORTER_OTLP_ENDPOINT') !== null;
  if (exporter === 'none' || (exporter === null && !endpointSet)) return null;

  const protocolVariable = either('PROTOCOL');
  if (value(protocolVariable) === 'grpc') throw new ConfigError(`${protocolVariable} is grpc, which user-graph does not export: use http/protobuf or http/json`);
  const sampler = oneOf('OTEL_TRACES_SAMPLER', SAMPLERS, 'parentbased_always_on');
  const ratioText = value('OTEL_TRACES_SAMPLER_ARG');
  const ratio = ratioText === null || !sampler.endsWith('traceidratio') ? 1 : Number(ratioText);
  if (!(ratio >= 0 && ratio <= 1)) throw new ConfigError(`OTEL_TRACES_SAMPLER_ARG must be a ratio from 0 to 1 for ${sampler}, not "${ratioText}"`);
  const batch = {
    scheduledDelayMillis: integer('OTEL_BSP_SCHEDULE_DELAY', 5000, 0, 3_600_000),
    exportTimeoutMillis: integer('OTEL_BSP_EXPORT_TIMEOUT', 30_000, 1, 3_600_000),
    maxQueueSize: integer('OTEL_BSP_MAX_QUEUE_SIZE', 2048, 1, 1_000_000),
    maxExportBatchSize: integer('OTEL_BSP_MAX_EXPORT_BATCH_SIZE', 512, 1, 1_000_000),
  };
  if (batch.maxExportBatchSize > batch.maxQueueSize) {
    throw new ConfigError(`OTEL_BSP_MAX_EXPORT_BATCH_SIZE (${batch.maxExportBatchSize}) must not exceed OTEL_BSP_MAX_QUEUE_SIZE (${batch.maxQueueSize})`);
  }
  return {
    serviceName: value('OTEL_SERVICE_NAME') ?? 'user-graph',
    resourceAttributes: keyValueList('OTEL_RESOURCE_ATTRIBUTES', value('OTEL_RESOURCE_ATTRIBUTES')),
    endpoint: value('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') !== null
      ? url('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT')
      : `${url('OTEL_EXPORTER_OTLP_ENDPOINT', 'http://localhost:4318')}/v1/traces`,
    protocol: oneOf(protocolVariable, ['http/protobuf', 'http/json'], 'http/protobuf'),
    headers: keyValueList(either('HEADERS'), value(either('HEADERS'))),
    timeoutMs: integer(either('TIMEOUT'), 10_000, 1, 600_000),
    compression: oneOf(either('COMPRESSION'), ['gzip', 'none'], 'none'),
    sampler: { name: sampler, ratio },
    batch,
  };
}

/**
 * The W3C Baggage form the OTEL_* lists use: `key=value,key2=value2`, values percent-encoded.
 * Errors name the variable and the position, never a value: these may hold a tracing vendor's key.
 */
function keyValueList(name: string, raw: string | null): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const [index, entry] of (raw ?? '').split(',').entries()) {
    if (!entry.trim()) continue;
    const equals = entry.indexOf('=');
    let key = '';
    let decoded: string | undefined;
    try {
      key = decodeURIComponent(entry.slice(0, equals).trim());
      decoded = decodeURIComponent(entry.slice(equals + 1).trim());
    } catch { /* reported below */ }
    if (equals < 1 || !key || decoded === undefined) throw new ConfigError(`${name} must be a list of key=value pairs separated by commas; entry ${index + 1} is not one`);
    pairs[key] = decoded;
  }
  return pairs;
}

/** CORS_ORIGINS: comma-separated origins such as `https://app.example.com`; `*` is refused (no wildcard with keys). */
function corsOrigins(raw: string | null): string[] {
  if (raw === null) return [];
  return raw.split(',').map((o) => o.trim()).filter(Boolean).map((origin) => {
    let parsed: URL | undefined;
    try { parsed = new URL(origin); } catch { /* reported below */ }
    if (!parsed || parsed.origin !== origin) throw new ConfigError(`CORS_ORIGINS must list origins like https://app.example.com, not "${origin}"`);
    return origin;
  });
}

/** REDIS_URL: `redis://` or `rediss://`; the message never repeats it, since it may hold a password. */
function redisUrl(raw: string | null): string | null {
  if (raw === null) return null;
  let parsed: URL | undefined;
  try { parsed = new URL(raw); } catch { /* reported below */ }
  if (!parsed || (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')) throw new ConfigError('REDIS_URL must be a redis:// or rediss:// URL');
  return raw;
}
