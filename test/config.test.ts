import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateGatewayKey } from '../src/auth';
import { ConfigError, DEFAULT_CACHE, DEFAULT_LIMITS, DEFAULT_RESILIENCE, DEFAULT_VENDOR_LIMITS, DEFAULT_WRITES, loadConfig } from '../src/config';

const UPSTREAM = {
  QUALIFI_API_KEY: 'k', HUMANAPI_APP_ID: 'app', HUMANAPI_APP_KEY: 'ak',
  QASPHERE_BASE_URL: 'https://acme.eu1.qasphere.com/', QASPHERE_API_KEY: 'acme.1.x',
};

describe('loadConfig', () => {
  it('starts the sandbox when no upstream is configured', () => {
    expect(loadConfig({})).toEqual({
      port: 4000, production: false, logLevel: 'info', gatewayKeys: [], upstreams: null,
      resilience: DEFAULT_RESILIENCE,
      cache: DEFAULT_CACHE, writes: DEFAULT_WRITES, vendorLimits: DEFAULT_VENDOR_LIMITS, redisUrl: null, tracing: null, trustedDocuments: null,
      limits: { ...DEFAULT_LIMITS, introspection: true, fieldSuggestions: true },
    });
  });

  it('reads the upstreams with their documented defaults', () => {
    const { entry } = generateGatewayKey('read');
    const config = loadConfig({ ...UPSTREAM, PORT: '8080', UPSTREAM_TIMEOUT_MS: '1500', NODE_ENV: 'production', GATEWAY_API_KEYS: entry });
    expect(config).toMatchObject({ port: 8080, resilience: { timeoutMs: 1500 }, production: true });
    // Production turns introspection and suggestions off unless asked for.
    expect(config.limits).toMatchObject({ introspection: false, fieldSuggestions: false, corsOrigins: [] });
    expect(config.upstreams).toEqual({
      qualifi: { baseUrl: 'https://api.prod.qualifi.hr', apiKey: 'k' },
      humanApi: { baseUrl: 'https://api.humanapi.co', appId: 'app', appKey: 'ak' },
      qaSphere: { baseUrl: 'https://acme.eu1.qasphere.com', apiKey: 'acme.1.x' },
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each([
    [{ QUALIFI_API_KEY: 'k' }, ['qualifi']],
    [{ QUALIFI_BASE_URL: 'https://qualifi.internal' }, ['qualifi']],
    [{ HUMANAPI_APP_ID: 'app' }, ['humanApi']],
    [{ QASPHERE_BASE_URL: 'https://acme.eu1.qasphere.com' }, ['qaSphere']],
    [{ QUALIFI_API_KEY: 'k', HUMANAPI_APP_ID: 'app' }, ['qualifi', 'humanApi']],
    [{ QUALIFI_API_KEY: 'k', QASPHERE_BASE_URL: 'https://acme.eu1.qasphere.com' }, ['qualifi', 'qaSphere']],
    [{ HUMANAPI_APP_ID: 'app', QASPHERE_BASE_URL: 'https://acme.eu1.qasphere.com' }, ['humanApi', 'qaSphere']],
  ])('configures the sources whose variables say where they are, and only those (%#)', (env, present) => {
    const { upstreams } = loadConfig(env);
    expect(Object.entries(upstreams!).filter(([, where]) => where !== null).map(([source]) => source)).toEqual(present);
  });

  it('reads each source with its defaults when configured alone', () => {
    expect(loadConfig({ QUALIFI_API_KEY: 'k' }).upstreams).toEqual({ qualifi: { baseUrl: 'https://api.prod.qualifi.hr', apiKey: 'k' }, humanApi: null, qaSphere: null });
    expect(loadConfig({ HUMANAPI_APP_ID: 'app' }).upstreams).toEqual({ qualifi: null, humanApi: { baseUrl: 'https://api.humanapi.co', appId: 'app', appKey: null }, qaSphere: null });
  });

  it.each([
    [{ ...UPSTREAM, PORT: '70000' }, /PORT/],
    [{ ...UPSTREAM, UPSTREAM_TIMEOUT_MS: 'soon' }, /UPSTREAM_TIMEOUT_MS/],
    [{ ...UPSTREAM, QASPHERE_BASE_URL: 'acme.qasphere.com' }, /QASPHERE_BASE_URL is not a URL/],
    [{ ...UPSTREAM, QUALIFI_BASE_URL: 'ftp://x' }, /QUALIFI_BASE_URL must be an http\(s\) URL/],
    [{ ...UPSTREAM, HUMANAPI_BASE_URL: 'https://user:pw@api.humanapi.co' }, /HUMANAPI_BASE_URL must be a base URL without credentials/],
    [{ QUALIFI_API_KEY: 'k', HUMANAPI_APP_KEY: 'ak' }, /^HUMANAPI_APP_KEY is set but HUMANAPI_APP_ID is not \(the application's client id.*unset HUMANAPI_APP_KEY to run without Human API$/],
    [{ HUMANAPI_BASE_URL: 'https://api.humanapi.co', HUMANAPI_APP_KEY: 'ak' }, /^HUMANAPI_BASE_URL and HUMANAPI_APP_KEY are set but HUMANAPI_APP_ID is not/],
    [{ QASPHERE_API_KEY: 'acme.1.x' }, /^QASPHERE_API_KEY is set but QASPHERE_BASE_URL is not \(the workspace's URL.*without QA Sphere$/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ REDIS_URL: 'http://cache:6379' }, /REDIS_URL must be a redis/],
    [{ IDEMPOTENCY_TTL_S: '0' }, /IDEMPOTENCY_TTL_S must be a whole number from 1/],
    [{ MAX_DEPTH: '0' }, /MAX_DEPTH must be a whole number from 1/],
    [{ QASPHERE_RATE_LIMIT_PER_SECOND: '-1' }, /QASPHERE_RATE_LIMIT_PER_SECOND must be a whole number from 0/],
    [{ QUALIFI_RATE_LIMIT_PER_SECOND: 'fast' }, /QUALIFI_RATE_LIMIT_PER_SECOND must be a whole number from 0/],
    [{ HUMANAPI_RATE_LIMIT_PER_SECOND: '2.5' }, /HUMANAPI_RATE_LIMIT_PER_SECOND must be a whole number from 0/],
    [{ EXPECTED_REPLICAS: '0' }, /EXPECTED_REPLICAS must be a whole number from 1/],
    [{ GATEWAY_KEY_RATE_LIMIT_PER_MINUTE: '-60' }, /GATEWAY_KEY_RATE_LIMIT_PER_MINUTE must be a whole number from 1/],
    [{ INTROSPECTION: 'yes' }, /INTROSPECTION must be true or false/],
    [{ CORS_ORIGINS: 'https://app.example.com/path' }, /CORS_ORIGINS must list origins/],
    [{ CORS_ORIGINS: '*' }, /CORS_ORIGINS must list origins/],
    [{ GATEWAY_API_KEYS: 'admin:abc' }, /GATEWAY_API_KEYS entry 1 must be/],
    [{ ...UPSTREAM, NODE_ENV: 'production' }, /GATEWAY_API_KEYS is not.*npm run keygen/],
  ])('stops start-up with a sentence naming the variable (%#)', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads limits, CORS origins and gateway keys', () => {
    const read = generateGatewayKey('read');
    const write = generateGatewayKey('write');
    const config = loadConfig({ MAX_ALIASES: '3', RATE_LIMIT_PER_MINUTE: '60', CORS_ORIGINS: 'https://a.example, https://b.example:8443', GATEWAY_API_KEYS: `${read.entry},${write.entry}` });
    expect(loadConfig({ IDEMPOTENCY_TTL_S: '3600', REDIS_URL: 'redis://cache:6379/2' })).toMatchObject({ writes: { idempotencyTtlS: 3600 }, redisUrl: 'redis://cache:6379/2' });
    expect(config.limits).toMatchObject({ maxAliases: 3, rateLimitPerMinute: 60, corsOrigins: ['https://a.example', 'https://b.example:8443'] });
    expect(config.gatewayKeys.map((k) => [k.scope, k.hash.toString('hex')])).toEqual([['read', read.entry.slice(5)], ['write', write.entry.slice(6)]]);
  });

  it("limits QA Sphere to its documented 20 calls a second and the others not at all, unless told otherwise", () => {
    expect(loadConfig({}).vendorLimits).toEqual({ perSecond: { qualifi: null, humanApi: null, qaSphere: 20 }, expectedReplicas: 3 });
    expect(loadConfig({ QUALIFI_RATE_LIMIT_PER_SECOND: '50', QASPHERE_RATE_LIMIT_PER_SECOND: '0', EXPECTED_REPLICAS: '4' }).vendorLimits)
      .toEqual({ perSecond: { qualifi: 50, humanApi: null, qaSphere: null }, expectedReplicas: 4 });
    expect(loadConfig({}).limits).toMatchObject({ rateLimitPerMinute: 600, keyRateLimitPerMinute: 60_000 });
  });

  it('lets production start without gateway keys only while no service credential is configured', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).production).toBe(true);
  });

  it('never puts a key in its messages', () => {
    try { loadConfig({ ...UPSTREAM, QASPHERE_API_KEY: 'secret-qa-key', PORT: 'x' }); } catch (e) {
      expect((e as Error).message).not.toContain('secret-qa-key');
    }
    expect.assertions(1);
  });
});

describe('tracing, from the OpenTelemetry variables', () => {
  const OTLP = { OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example.com:4318/' };

  it('is off unless an OTLP endpoint or exporter is set, and when the SDK or the exporter is turned off', () => {
    expect(loadConfig({ OTEL_SERVICE_NAME: 'gw' }).tracing).toBeNull();
    expect(loadConfig({ ...OTLP, OTEL_SDK_DISABLED: 'true' }).tracing).toBeNull();
    expect(loadConfig({ ...OTLP, OTEL_TRACES_EXPORTER: 'none' }).tracing).toBeNull();
    expect(loadConfig({ OTEL_TRACES_EXPORTER: 'otlp' }).tracing?.endpoint).toBe('http://localhost:4318/v1/traces');
  });

  it('reads the specification\'s defaults', () => {
    expect(loadConfig(OTLP).tracing).toEqual({
      serviceName: 'user-graph', resourceAttributes: {}, endpoint: 'https://otel.example.com:4318/v1/traces', protocol: 'http/protobuf',
      headers: {}, timeoutMs: 10_000, compression: 'none', sampler: { name: 'parentbased_always_on', ratio: 1 },
      batch: { scheduledDelayMillis: 5000, exportTimeoutMillis: 30_000, maxQueueSize: 2048, maxExportBatchSize: 512 },
    });
  });

  it('reads every variable, the traces-specific ones over the general ones', () => {
    const tracing = loadConfig({
      ...OTLP, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example.com/otlp/v1/traces', OTEL_SERVICE_NAME: 'gw-eu',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=prod,team=identity%20platform',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_HEADERS: 'x-general=1', OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x-honeycomb-team=abc%3D%3D,x-dataset=gw',
      OTEL_EXPORTER_OTLP_TIMEOUT: '2000', OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25',
      OTEL_BSP_SCHEDULE_DELAY: '1000', OTEL_BSP_EXPORT_TIMEOUT: '5000', OTEL_BSP_MAX_QUEUE_SIZE: '4096', OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '1024',
    }).tracing;
    expect(tracing).toEqual({
      serviceName: 'gw-eu', resourceAttributes: { 'deployment.environment.name': 'prod', team: 'identity platform' },
      endpoint: 'https://traces.example.com/otlp/v1/traces', protocol: 'http/json',
      headers: { 'x-honeycomb-team': 'abc==', 'x-dataset': 'gw' }, timeoutMs: 2000, compression: 'gzip',
      sampler: { name: 'parentbased_traceidratio', ratio: 0.25 },
      batch: { scheduledDelayMillis: 1000, exportTimeoutMillis: 5000, maxQueueSize: 4096, maxExportBatchSize: 1024 },
    });
  });

  it.each([
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'otel-collector:4318' }, 'OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL'],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'not a url' }, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is not a URL'],
    [{ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }, 'OTEL_EXPORTER_OTLP_PROTOCOL is grpc, which user-graph does not export: use http/protobuf or http/json'],
    [{ OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http' }, 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL must be one of http/protobuf, http/json, not "http"'],
    [{ OTEL_TRACES_EXPORTER: 'jaeger' }, 'OTEL_TRACES_EXPORTER must be otlp or none'],
    [{ OTEL_TRACES_SAMPLER: 'sometimes' }, 'OTEL_TRACES_SAMPLER must be one of always_on, always_off, traceidratio'],
    [{ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '1.5' }, 'OTEL_TRACES_SAMPLER_ARG must be a ratio from 0 to 1 for traceidratio, not "1.5"'],
    [{ OTEL_BSP_SCHEDULE_DELAY: 'soon' }, 'OTEL_BSP_SCHEDULE_DELAY must be a whole number'],
    [{ OTEL_BSP_MAX_QUEUE_SIZE: '100', OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '200' }, 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE (200) must not exceed OTEL_BSP_MAX_QUEUE_SIZE (100)'],
    [{ OTEL_EXPORTER_OTLP_TIMEOUT: '-1' }, 'OTEL_EXPORTER_OTLP_TIMEOUT must be a whole number'],
    [{ OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: 'zstd' }, 'OTEL_EXPORTER_OTLP_TRACES_COMPRESSION must be one of gzip, none'],
    [{ OTEL_RESOURCE_ATTRIBUTES: 'team' }, 'OTEL_RESOURCE_ATTRIBUTES must be a list of key=value pairs separated by commas; entry 1 is not one'],
    [{ OTEL_SDK_DISABLED: 'yes' }, 'OTEL_SDK_DISABLED must be true or false'],
  ])('stops start-up on a bad value, naming the variable (%#)', (env, message) => {
    expect(() => loadConfig({ ...OTLP, ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ ...OTLP, ...env })).toThrow(message);
  });

  it('never repeats a header\'s value in its message: it may be a tracing vendor\'s key', () => {
    expect(() => loadConfig({ ...OTLP, OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Basic%20c2VjcmV0,broken-secret-pair' }))
      .toThrow(/^OTEL_EXPORTER_OTLP_HEADERS must be a list of key=value pairs separated by commas; entry 2 is not one$/);
  });
});

describe('trusted documents', () => {
  const document = '{ users { email } }';
  const manifest = { [createHash('sha256').update(document).digest('hex')]: document };
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'config-manifest-'));
    file = path.join(dir, 'persisted-documents.json');
    writeFileSync(file, JSON.stringify(manifest));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const production = () => ({ ...UPSTREAM, NODE_ENV: 'production', GATEWAY_API_KEYS: generateGatewayKey('read').entry });

  it('runs only the manifest\'s documents in production, unless TRUSTED_DOCUMENTS_ONLY is false', () => {
    expect(loadConfig({ ...production(), TRUSTED_DOCUMENTS: file }).trustedDocuments).toEqual({ documents: manifest, only: true });
    expect(loadConfig({ ...production(), TRUSTED_DOCUMENTS: file, TRUSTED_DOCUMENTS_ONLY: 'false' }).trustedDocuments).toEqual({ documents: manifest, only: false });
  });

  it('runs them beside text elsewhere, unless TRUSTED_DOCUMENTS_ONLY is true', () => {
    expect(loadConfig({ TRUSTED_DOCUMENTS: file }).trustedDocuments).toEqual({ documents: manifest, only: false });
    expect(loadConfig({ TRUSTED_DOCUMENTS: file, TRUSTED_DOCUMENTS_ONLY: 'true' }).trustedDocuments).toEqual({ documents: manifest, only: true });
  });

  it('stops start-up on TRUSTED_DOCUMENTS_ONLY without a manifest, and on a manifest that cannot be read', () => {
    expect(() => loadConfig({ TRUSTED_DOCUMENTS_ONLY: 'true' })).toThrow(/TRUSTED_DOCUMENTS_ONLY is true but TRUSTED_DOCUMENTS is not set/);
    expect(() => loadConfig({ TRUSTED_DOCUMENTS: path.join(dir, 'absent.json') })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUSTED_DOCUMENTS: file, TRUSTED_DOCUMENTS_ONLY: 'sometimes' })).toThrow(/TRUSTED_DOCUMENTS_ONLY/);
  });
});
