import { randomUUID } from 'node:crypto';
import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import KeyvRedis, { Keyv } from '@keyv/redis';
import { sha256 } from './auth';
import type { CacheConfig } from './config';
import type { Source } from './errors';
import type { Logger } from './logger';
import type { Metrics } from './metrics';

/** One cached upstream answer, stamped with the source's generation when its call started. */
interface Entry {
  generation: string;
  storedAt: number;
  value: unknown;
}

/**
 * A cross-request cache of upstream GET answers, shared by replicas when it lives in Redis.
 *
 * Keys hash the URL together with the credential, so one caller never sees what another's
 * credential fetched, and no credential is written to the store. A write bumps its source's
 * generation: every replica then misses every entry of that source, whatever credential stored
 * it. An entry records the generation read before its call began, so an answer that raced a
 * write is never served after it.
 */
export interface UpstreamCache {
  /** A fresh answer, or a stale one while `load` refreshes it in the background; `load` on a miss. */
  read(source: Source, key: string, load: () => Promise<unknown>): Promise<unknown>;
  invalidate(source: Source): Promise<void>;
  close(): Promise<void>;
}

/** Longest a cache operation may take before the request goes upstream without it. */
const CACHE_OP_TIMEOUT_MS = 250;

/**
 * Redis through Keyv, as Apollo's KeyvAdapter expects. Commands fail at once while Redis is
 * unreachable (no offline queue) and the client keeps reconnecting in the background.
 */
function redisStore(url: string, logger: Logger) {
  const store = new KeyvRedis({ url, disableOfflineQueue: true, socket: { connectTimeout: 1000 } }, { throwOnConnectError: false });
  const keyv = new Keyv<Entry | string>({ store, namespace: 'user-graph' });
  let warned = false;
  keyv.on('error', (error: Error) => {
    if (!warned) logger.warn({ err: error.message }, 'Redis cache unavailable; reading upstream until it is back');
    warned = true;
  });
  return keyv;
}

export function createUpstreamCache({ ttlMs, staleMs, redisUrl }: CacheConfig, logger: Logger, metrics?: Metrics): UpstreamCache {
  const keyv = redisUrl ? redisStore(redisUrl, logger) : null;
  // In memory, entries are counted rather than sized: a few lists per credential, each possibly large.
  const store: KeyValueCache<Entry | string> = keyv ? new KeyvAdapter(keyv) : new InMemoryLRUCache<Entry | string>({ max: 200 });
  const generationKey = (source: Source) => `generation:${source}`;
  const entryKey = (source: Source, key: string) => `entry:${source}:${sha256(key).toString('hex')}`;

  /** The store is an optimisation: when it fails, calls go upstream as if it were empty. */
  const guarded = async <T>(what: string, op: () => Promise<T>, fallback: T): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer in ${CACHE_OP_TIMEOUT_MS} ms`)), CACHE_OP_TIMEOUT_MS); });
    try { return await Promise.race([op(), timeout]); } catch (error) {
      logger.warn({ err: (error as Error).message }, `cache ${what} failed; going upstream`);
      return fallback;
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    async read(source, key, load) {
      const [generation, entry] = await guarded('read', () => Promise.all([
        store.get(generationKey(source)) as Promise<string | undefined>,
        store.get(entryKey(source, key)) as Promise<Entry | undefined>,
      ]), [undefined, undefined] as const);
      if (generation === undefined) {
        metrics?.cacheLookup(source, 'miss');
        // A missing generation (first use, or evicted) must never revive old entries: start a new one.
        const fresh = randomUUID();
        await guarded('write', () => store.set(generationKey(source), fresh), undefined);
        return put(source, key, fresh, load);
      }
      if (entry?.generation === generation) {
        const age = Date.now() - entry.storedAt;
        if (age < ttlMs) {
          metrics?.cacheLookup(source, 'hit');
          return entry.value;
        }
        if (age < ttlMs + staleMs) {
          metrics?.cacheLookup(source, 'stale');
          put(source, key, generation, load).catch(() => undefined); // the caller already has an answer
          return entry.value;
        }
      }
      metrics?.cacheLookup(source, 'miss');
      return put(source, key, generation, load);
    },
    invalidate: (source) => guarded('invalidate', () => store.set(generationKey(source), randomUUID()), undefined),
    close: async () => { await keyv?.disconnect().catch(() => undefined); },
  };

  async function put(source: Source, key: string, generation: string, load: () => Promise<unknown>) {
    const value = await load();
    const entry: Entry = { generation, storedAt: Date.now(), value };
    await guarded('write', () => store.set(entryKey(source, key), entry, { ttl: Math.ceil((ttlMs + staleMs) / 1000) }), undefined);
    return value;
  }
}
