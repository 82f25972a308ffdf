import { ConfigError, loadConfig } from '../src/config';

const UPSTREAM = {
  QUALIFI_API_KEY: 'k', HUMANAPI_APP_ID: 'app', HUMANAPI_APP_KEY: 'ak',
  QASPHERE_BASE_URL: 'https://acme.eu1.qasphere.com/', QASPHERE_API_KEY: 'acme.1.x',
};

describe('loadConfig', () => {
  it('starts the sandbox when no upstream is configured', () => {
    expect(loadConfig({})).toEqual({ port: 4000, production: false, logLevel: 'info', timeoutMs: 5000, upstreams: null });
  });

  it('reads the upstreams with their documented defaults', () => {
    const config = loadConfig({ ...UPSTREAM, PORT: '8080', UPSTREAM_TIMEOUT_MS: '1500', NODE_ENV: 'production' });
    expect(config).toMatchObject({ port: 8080, timeoutMs: 1500, production: true });
    expect(config.upstreams).toEqual({
      qualifi: { baseUrl: 'https://api.prod.qualifi.hr', apiKey: 'k' },
      humanApi: { baseUrl: 'https://api.humanapi.co', appId: 'app', appKey: 'ak' },
      qaSphere: { baseUrl: 'https://acme.eu1.qasphere.com', apiKey: 'acme.1.x' },
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each([
    [{ ...UPSTREAM, PORT: '70000' }, /PORT/],
    [{ ...UPSTREAM, UPSTREAM_TIMEOUT_MS: 'soon' }, /UPSTREAM_TIMEOUT_MS/],
    [{ ...UPSTREAM, QASPHERE_BASE_URL: 'acme.qasphere.com' }, /QASPHERE_BASE_URL is not a URL/],
    [{ ...UPSTREAM, QUALIFI_BASE_URL: 'ftp://x' }, /QUALIFI_BASE_URL must be an http\(s\) URL/],
    [{ ...UPSTREAM, HUMANAPI_BASE_URL: 'https://user:pw@api.humanapi.co' }, /HUMANAPI_BASE_URL must be a base URL without credentials/],
    [{ QUALIFI_API_KEY: 'k', HUMANAPI_APP_ID: 'a' }, /QASPHERE_BASE_URL is not set/],
    [{ QASPHERE_BASE_URL: 'https://acme.eu1.qasphere.com' }, /HUMANAPI_APP_ID is not set/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
  ])('stops start-up with a sentence naming the variable (%#)', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never puts a key in its messages', () => {
    try { loadConfig({ ...UPSTREAM, QASPHERE_API_KEY: 'secret-qa-key', PORT: 'x' }); } catch (e) {
      expect((e as Error).message).not.toContain('secret-qa-key');
    }
    expect.assertions(1);
  });
});
