import { Mutex } from 'redis-semaphore';
import { sha256 } from './auth';
import { errorCode, timeoutError } from './errors';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import { emailKey } from './model';
import { KEY_PREFIX, outageLog, type RedisClient } from './redis';

// One create per email at a time. Every create first asks Qualifi who already exists; two creates
// of one email that ask at once both hear "nobody", and Qualifi (which documents no duplicate
// check) would make two users. So a create holds a lock per email, under its Qualifi credential,
// from that question until its answer is in and the caches are invalidated: within this process
// always, and across replicas through Redis.

export interface CreateLocks {
  /**
   * Runs `write` holding the lock of every email in `emails` under `credential`, taken in one
   * canonical order (sorted merge keys) so that overlapping batches cannot deadlock. Waits at most
   * until `deadline`, then fails with UPSTREAM_TIMEOUT having sent nothing.
   */
  hold<T>(credential: string | null, emails: readonly string[], deadline: number, write: () => Promise<T>): Promise<T>;
}

/** Polling interval while another replica holds a lock. */
const RETRY_MS = 20;

const stillInFlight = () => timeoutError('QUALIFI', 0, 'another create of the same email was still in flight when the request deadline passed');

/** redis-semaphore speaks ioredis; these are the four commands it sends, on node-redis. */
const asIoredis = (client: RedisClient) => ({
  eval: (script: string, keys: number, ...args: unknown[]) => client.sendCommand(['EVAL', script, String(keys), ...args.map(String)]),
  evalsha: (sha: string, keys: number, ...args: unknown[]) => client.sendCommand(['EVALSHA', sha, String(keys), ...args.map(String)]),
  get: (key: string) => client.get(key),
  set: (...args: unknown[]) => client.sendCommand(['SET', ...args.map(String)]),
});

/** In-process locks: a chain of promises per key. An entry lives only while someone holds or awaits it. */
function localLocks() {
  const tails = new Map<string, Promise<void>>();
  return async (key: string): Promise<() => void> => {
    const before = tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => { release = resolve; });
    const tail = before.then(() => mine);
    tails.set(key, tail);
    await before;
    return () => {
      release();
      if (tails.get(key) === tail) tails.delete(key);
    };
  };
}

/**
 * `lockTtlMs` bounds how long a crashed replica's lock outlives it: the request deadline (every
 * upstream call of the holder ends by then) plus a margin for the cache invalidation after it.
 */
export function createCreateLocks({ redis, lockTtlMs, qualifiBaseUrl, logger, metrics }: {
  redis: RedisClient | null;
  lockTtlMs: number;
  qualifiBaseUrl: string;
  logger: Logger;
  metrics?: Metrics;
}): CreateLocks {
  const local = localLocks();
  const ioredis = redis && asIoredis(redis);
  const outage = outageLog(logger, 'creates are not serialized across replicas until Redis is back: each replica serializes its own',
    'creates are serialized across replicas again');

  /** The lock across replicas, or null while Redis is unreachable (said once per outage). */
  async function shared(key: string, deadline: number): Promise<Mutex | null> {
    if (!ioredis) return null;
    // No refresh: the holder's work ends by its deadline, within the lock's TTL.
    const mutex = new Mutex(ioredis as never, `${KEY_PREFIX}create:${key}`, {
      lockTimeout: lockTtlMs, acquireTimeout: Math.max(0, deadline - Date.now()), retryInterval: RETRY_MS, refreshInterval: 0,
    });
    try {
      if (!(await mutex.tryAcquire())) throw stillInFlight();
    } catch (error) {
      if (errorCode(error) === 'UPSTREAM_TIMEOUT') throw error;
      outage.failed(error as Error);
      return null;
    }
    outage.recovered();
    return mutex;
  }

  return {
    async hold(credential, emails, deadline, write) {
      const scope = sha256(`${qualifiBaseUrl}\n${credential ?? ''}`).toString('hex');
      const keys = [...new Set(emails.map((email) => sha256(`${scope}\n${emailKey(email)}`).toString('hex')))].sort();
      const releases: (() => Promise<void> | void)[] = [];
      const started = performance.now();
      try {
        for (const key of keys) {
          releases.push(await withDeadline(local(key), deadline));
          const mutex = await shared(key, deadline);
          if (mutex) releases.push(() => mutex.release().catch(() => undefined));
        }
        metrics?.createLockWait((performance.now() - started) / 1000);
        return await write();
      } finally {
        for (const release of releases.reverse()) await release();
      }
    },
  };
}

/** A local lock awaited no longer than the deadline; one granted after giving up is passed straight on. */
async function withDeadline(lock: Promise<() => void>, deadline: number): Promise<() => void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      lock.then((release) => release());
      reject(stillInFlight());
    }, Math.max(0, deadline - Date.now()));
  });
  try { return await Promise.race([lock, late]); } finally { clearTimeout(timer); }
}
