import { once } from 'node:events';
import { createClient } from '@redis/client';
import type { Logger } from './logger';

// The one Redis connection of a replica (REDIS_URL), shared by what replicas share: the cache
// (cache.ts), the create locks (createlocks.ts) and idempotent answers (idempotency.ts).

/** Every key this project writes starts with `${NAMESPACE}:`, so a Redis shared with others is never trodden on. */
export const NAMESPACE = 'user-graph';
export const KEY_PREFIX = `${NAMESPACE}:`;

/** What goes on without Redis says so once when Redis fails, and once when it answers again. */
export function outageLog(logger: Logger, whileDown: string, whenBack?: string) {
  let down = false;
  return {
    failed(error: Error) {
      if (!down) logger.warn({ err: error.message }, whileDown);
      down = true;
    },
    recovered() {
      if (down && whenBack) logger.info(whenBack);
      down = false;
    },
  };
}

/** Longest a rate limit's Redis round trip may take before the replica counts on its own. */
export const REDIS_TIMEOUT_MS = 200;

/** `promise`, or a rejection once `ms` have passed: a slow Redis counts as an unreachable one. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Longest start-up waits for the first connection; after that the replica starts without Redis and keeps trying. */
const CONNECT_TIMEOUT_MS = 1000;

/**
 * Resolves once connected, or once the first attempt has failed, and keeps reconnecting. Commands
 * fail at once while Redis is unreachable (no offline queue): every user of this client has a
 * fallback and must not hang. Each user logs its own fallback; the client's own errors are logged
 * here, once per outage.
 */
export async function connectRedis(url: string, logger: Logger) {
  const client = createClient({
    url, disableOfflineQueue: true,
    socket: { connectTimeout: CONNECT_TIMEOUT_MS, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000) },
  });
  const outage = outageLog(logger, 'Redis is unreachable; each replica goes on alone until it is back', 'Redis is reachable again');
  client.on('error', outage.failed);
  client.on('ready', outage.recovered);
  client.connect().catch(() => undefined);
  // 'error' rejects once(): either way the first attempt is over.
  await once(client, 'ready', { signal: AbortSignal.timeout(CONNECT_TIMEOUT_MS) }).catch(() => undefined);
  return client;
}

export type RedisClient = Awaited<ReturnType<typeof connectRedis>>;
