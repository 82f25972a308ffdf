import { randomUUID } from 'node:crypto';
import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import KeyvRedis, { Keyv } from '@keyv/redis';
import { sha256 } from './auth';
import type { CacheConfig } from './config';
import type { Source } from './errors';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import { NAMESPACE, withTimeout, type RedisClient } from './redis';

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
  /** A fresh answer, or a stale one while `load` refreshes it in the background; `load` on a miss. `served` hears of a hit. */
  read(source: Source, key: string, load: () => Promise<unknown>, served?: (lookup: 'hit' | 'stale') => void): Promise<unknown>;
  invalidate(source: Source): Promise<void>;
}

/** Longest a cache operation may take before the request goes on without it. */
const CACHE_OP_TIMEOUT_MS = 250;

/**
 * Where cached things live: process memory, or Redis shared by every replica. Holds the per-source
 * write generations that the upstream cache and the answer cache (responsecache.ts) both check.
 * The store is an optimisation: an operation that fails or is slow answers "nothing", and the
 * request goes on as if the store were empty.
 */
export interface CacheStore {
  /** Shared by replicas (Redis), or this process's own memory. */
  shared: boolean;
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: object | string, ttlMs: number): Promise<void>;
  /** Each source's current generation; a missing one (first use, evicted) is started anew, so old entries never revive. */
  generations(sources: readonly Source[]): Promise<string[]>;
  /** After a write: every replica misses every entry stamped with the source's old generation. */
  invalidate(source: Source): Promise<void>;
}

/**
 * Redis through Keyv (as Apollo's KeyvAdapter expects), on the replica's one Redis connection
 * (redis.ts), which logs when Redis is unreachable. Every cache operation is guarded below.
 */
export function createCacheStore(redis: RedisClient | null, logger: Logger): CacheStore {
  const keyv = redis ? new Keyv<object | string>({ store: new KeyvRedis(redis, { throwOnConnectError: false }), namespace: NAMESPACE }) : null;
  keyv?.on('error', () => undefined); // redis.ts has said so
  // In memory, entries are counted rather than sized: a few lists per credential, each possibly large.
  const store: KeyValueCache<object | string> = keyv ? new KeyvAdapter(keyv) : new InMemoryLRUCache<object | string>({ max: 200 });
  const generationKey = (source: Source) => `generation:${source}`;

  const guarded = async <T>(what: string, op: () => Promise<T>, fallback: T): Promise<T> => {
    try { return await withTimeout(op(), CACHE_OP_TIMEOUT_MS); } catch (error) {
      logger.warn({ err: (error as Error).message }, `cache ${what} failed; going on without it`);
      return fallback;
    }
  };

  return {
    shared: keyv !== null,
    get: <T>(key: string) => guarded('read', () => store.get(key) as Promise<T | undefined>, undefined),
    set: (key, value, ttlMs) => guarded('write', () => store.set(key, value, { ttl: Math.ceil(ttlMs / 1000) }), undefined),
    async generations(sources) {
      const known = await guarded('read', () => Promise.all(sources.map((s) => store.get(generationKey(s)) as Promise<string | undefined>)), []);
      return Promise.all(sources.map(async (source, i) => {
        if (known[i] !== undefined) return known[i]!;
        const fresh = randomUUID();
        await guarded('write', () => store.set(generationKey(source), fresh), undefined);
        return fresh;
      }));
    },
    invalidate: (source) => guarded('invalidate', () => store.set(generationKey(source), randomUUID()), undefined),
  };
}

export function createUpstreamCache(store: CacheStore, { ttlMs, staleMs }: CacheConfig, metrics?: Metrics): UpstreamCache {
  const entryKey = (source: Source, key: string) => `entry:${source}:${sha256(key).toString('hex')}`;

  return {
    async read(source, key, load, served) {
      const [[generation], entry] = await Promise.all([store.generations([source]), store.get<Entry>(entryKey(source, key))]);
      if (entry?.generation === generation) {
        const age = Date.now() - entry.storedAt;
        if (age < ttlMs) {
          metrics?.cacheLookup(source, 'hit');
          served?.('hit');
          return entry.value;
        }
        if (age < ttlMs + staleMs) {
          metrics?.cacheLookup(source, 'stale');
          served?.('stale');
          put(source, key, generation, load).catch(() => undefined); // the caller already has an answer
          return entry.value;
        }
      }
      metrics?.cacheLookup(source, 'miss');
      return put(source, key, generation, load);
    },
    invalidate: (source) => store.invalidate(source),
  };

  async function put(source: Source, key: string, generation: string, load: () => Promise<unknown>) {
    const value = await load();
    const entry: Entry = { generation, storedAt: Date.now(), value };
    await store.set(entryKey(source, key), entry, ttlMs + staleMs);
    return value;
  }
}
