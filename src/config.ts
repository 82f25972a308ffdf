/** Where each upstream is and the credentials configured for it; a null key must come per request. */
export interface UpstreamsConfig {
  qualifi: { baseUrl: string; apiKey: string | null };
  humanApi: { baseUrl: string; appId: string; appKey: string | null };
  qaSphere: { baseUrl: string; apiKey: string | null };
}

export interface Config {
  port: number;
  production: boolean;
  logLevel: string;
  timeoutMs: number;
  /** null: nothing upstream is configured, so `main` starts the embedded sandbox. */
  upstreams: UpstreamsConfig | null;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

const UPSTREAM_VARIABLES = [
  'QUALIFI_BASE_URL', 'QUALIFI_API_KEY',
  'HUMANAPI_BASE_URL', 'HUMANAPI_APP_ID', 'HUMANAPI_APP_KEY',
  'QASPHERE_BASE_URL', 'QASPHERE_API_KEY',
] as const;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and validates the environment once, at start-up; fails with a sentence naming the variable. */
export function loadConfig(env: Env): Config {
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
  const required = (name: string, why: string) => {
    const v = value(name);
    if (v === null) throw new ConfigError(`${name} is not set (${why})`);
    return v;
  };

  const logLevel = value('LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${logLevel}"`);

  const sandbox = UPSTREAM_VARIABLES.every((name) => value(name) === null);
  const config: Config = {
    port: integer('PORT', 4000, 0, 65535),
    production: value('NODE_ENV') === 'production',
    logLevel,
    timeoutMs: integer('UPSTREAM_TIMEOUT_MS', 5000, 1, 600_000),
    upstreams: sandbox ? null : {
      qualifi: { baseUrl: url('QUALIFI_BASE_URL', 'https://api.prod.qualifi.hr'), apiKey: value('QUALIFI_API_KEY') },
      humanApi: {
        baseUrl: url('HUMANAPI_BASE_URL', 'https://api.humanapi.co'),
        appId: required('HUMANAPI_APP_ID', "the application's client id from Human API's Developer Portal"),
        appKey: value('HUMANAPI_APP_KEY'),
      },
      qaSphere: { baseUrl: url('QASPHERE_BASE_URL'), apiKey: value('QASPHERE_API_KEY') },
    },
  };
  return Object.freeze(config);
}
