import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { LRUCache } from 'lru-cache';
import { sha256 } from './auth';
import { rateLimitedError, type Source } from './errors';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import { KEY_PREFIX, REDIS_TIMEOUT_MS, outageLog, withTimeout, type RedisClient } from './redis';

// A vendor's rate limit, kept here before each call goes out, so that the vendor never answers 429
// and a caller waits its turn instead of a Retry-After. Per source and credential, across replicas
// through Redis.
//
// "N calls in any second" needs a sliding log: a fixed window (rate-limiter-flexible's, for one)
// admits 2N across its edge, 39 at a limit of 20 in our measurements. The log holds the times of
// calls made and of turns handed out: a call over the limit is given the earliest time at which
// the log has room, and sleeps until then. Turns are handed out in the order asked for, with no
// polling, in one script on Redis's clock, so replicas whose clocks differ still agree.
//
// The log also allows only a tenth of N (rounded up) in any tenth of the window. Without that, a
// saturated limit hands out its N turns in a burst and then nothing for the rest of the window;
// with it, the two QA Sphere calls one request can need still go at once, and turns come evenly.

/**
 * The window a limit is counted over: a second, plus room for the network. N calls in any 1.1 s
 * reach the vendor as at most N in any second while no call takes 100 ms longer than another to get there.
 */
const VENDOR_WINDOW_MS = 1100;

/**
 * How late a call may go out after its turn: half the window's room for the network. A call
 * later than that (the event loop paused, by a long garbage collection say) would reach the vendor
 * among the turns after its own, so it takes a new turn; the one it missed stays logged.
 */
const TURN_GRACE_MS = 50;

/** How many calls in how long: the limit over the window, and a tenth of it over a tenth. */
interface Span { calls: number; ms: number }
const spansOf = (limit: number): Span[] => [
  { calls: limit, ms: VENDOR_WINDOW_MS },
  { calls: Math.ceil(limit / 10), ms: VENDOR_WINDOW_MS / 10 },
];

/**
 * KEYS[1]: one credential's log (times, possibly in the future). ARGV: (calls, ms) per span, longest
 * first; the longest wait acceptable; a unique member. A turn at time t has room when, for every
 * span, the calls-th latest entry is at least ms before t (turns are handed out in order, so every
 * entry is at or before t). Returns the wait and logs the turn, or minus the wait when it is too long.
 */
const TAKE_TURN = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local longest = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - longest)
local at = now
local latest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if latest[2] then at = math.max(at, tonumber(latest[2])) end
for i = 1, #ARGV - 2, 2 do
  local calls, span = tonumber(ARGV[i]), tonumber(ARGV[i + 1])
  local nth = redis.call('ZRANGE', KEYS[1], -calls, -calls, 'WITHSCORES')
  if nth[2] then at = math.max(at, tonumber(nth[2]) + span) end
end
local wait = at - now
if wait > tonumber(ARGV[#ARGV - 1]) then return -wait end
redis.call('ZADD', KEYS[1], at, ARGV[#ARGV])
redis.call('PEXPIRE', KEYS[1], wait + longest)
return wait`;

/**
 * The same log in this process's memory: the count for one replica alone, or while Redis is
 * unreachable. It also logs the turns Redis handed out, so that a replica falling back mid-second
 * counts the calls it has just made.
 */
function localLog() {
  const logs = new LRUCache<string, number[]>({ max: 10_000 });
  const recent = (key: string, now: number) => {
    const log = (logs.get(key) ?? []).filter((at) => now - at < VENDOR_WINDOW_MS);
    logs.set(key, log);
    return log;
  };
  return {
    /** As TAKE_TURN. */
    take(key: string, spans: Span[], maxWait: number): number {
      const now = Date.now();
      const log = recent(key, now);
      let at = Math.max(now, log.at(-1) ?? now);
      for (const { calls, ms } of spans) if (log.length >= calls) at = Math.max(at, log[log.length - calls] + ms);
      if (at - now > maxWait) return now - at;
      log.push(at);
      return at - now;
    },
    record(key: string, wait: number) {
      const now = Date.now();
      recent(key, now).push(now + wait);
    },
  };
}

/** One source's limit. */
export interface VendorLimit {
  /**
   * Resolves when a call with `credential` (the headers that carry it, and where it goes) may be
   * sent. Fails with RATE_LIMITED at once, taking no turn, when its turn would come after `deadline`.
   */
  turn(credential: string, deadline: number): Promise<void>;
}

export interface VendorLimitsOptions {
  /** Replicas expected to share Redis: while it is unreachable each keeps 1/expectedReplicas of a limit. */
  expectedReplicas: number;
  redis: RedisClient | null;
  logger: Logger;
  metrics?: Metrics;
}

export function createVendorLimits({ expectedReplicas, redis, logger, metrics }: VendorLimitsOptions) {
  const local = localLog();
  const outage = outageLog(logger,
    `Redis is unreachable: each replica now counts vendor rate limits alone, at 1/${expectedReplicas} of each (EXPECTED_REPLICAS)`,
    'Redis is reachable again: vendor rate limits are counted across replicas again');

  /**
   * The quickest recent round trip to Redis. A turn is due that long after it was asked for: a
   * reply later than that was held up here (a paused event loop), not on the way. It rises by 1 ms
   * an ask, so a Redis that has become slower for good is soon its new measure.
   */
  let quickestRoundTrip = Infinity;

  /**
   * This call's turn (now logged): how long until it, and when it is due on this process's clock;
   * or a negative wait, minus how long it would be, when that is longer than `maxWait` (nothing logged).
   */
  async function take(key: string, limit: number, maxWait: number): Promise<{ wait: number; due: number }> {
    const fromHere = (wait: number) => ({ wait, due: Date.now() + wait });
    if (!redis) return fromHere(local.take(key, spansOf(limit), maxWait));
    try {
      const spans = spansOf(limit).flatMap(({ calls, ms }) => [String(calls), String(ms)]);
      const args = [...spans, String(Math.floor(maxWait)), randomUUID()];
      const asked = Date.now();
      const wait = Number(await withTimeout(redis.eval(TAKE_TURN, { keys: [key], arguments: args }), REDIS_TIMEOUT_MS));
      quickestRoundTrip = Math.min(Date.now() - asked, quickestRoundTrip + 1);
      outage.recovered();
      if (wait >= 0) local.record(key, wait);
      return { wait, due: asked + quickestRoundTrip + wait };
    } catch (error) {
      outage.failed(error as Error);
      // A replica alone never exceeds the limit; replicas together, only if more run than expected.
      return fromHere(local.take(key, spansOf(Math.max(1, Math.floor(limit / expectedReplicas))), maxWait));
    }
  }

  /** `source`'s limit of `limit` calls a second per credential; undefined without one, so its calls pay nothing. */
  return (source: Source, limit: number | null): VendorLimit | undefined => {
    if (!limit) return undefined;
    return {
      async turn(credential, deadline) {
        const key = `${KEY_PREFIX}vendorlimit:${source}:${sha256(credential).toString('hex')}`;
        for (;;) {
          const { wait, due } = await take(key, limit, deadline - Date.now());
          if (wait < 0) {
            metrics?.vendorRateLimited(source);
            throw rateLimitedError(source, -wait);
          }
          if (wait > 0) {
            metrics?.vendorRateLimitWait(source, wait / 1000);
            await sleep(wait);
          }
          if (Date.now() - due <= TURN_GRACE_MS) return;
        }
      },
    };
  };
}
