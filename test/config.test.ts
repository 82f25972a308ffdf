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
      cache: DEFAULT_CACHE, writes: DEFAULT_WRITES, vendorLimits: DEFAULT_VENDOR_LIMITS, redisUrl: null,
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
