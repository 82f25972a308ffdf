import { RLWrapperTimeouts, RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { KEY_PREFIX, REDIS_TIMEOUT_MS, type RedisClient } from './redis';

// The gateway's own limit per client, per minute: one count across replicas through Redis
// (rate-limiter-flexible), and each replica's own count, at the same limit, whenever Redis is
// unreachable or slow, so a limit is never lifted by an outage.

/** A limiter per distinct limit (a gateway key may carry its own); each counts per client id. */
export function createClientLimits(redis: RedisClient | null) {
  const limiters = new Map<number, RateLimiterAbstract>();
  const create = (perMinute: number): RateLimiterAbstract => {
    const local = new RateLimiterMemory({ points: perMinute, duration: 60 });
    if (!redis) return local;
    return new RLWrapperTimeouts({
      timeoutMs: REDIS_TIMEOUT_MS,
      limiter: new RateLimiterRedis({
        storeClient: redis, useRedisPackage: true, rejectIfRedisNotReady: true,
        keyPrefix: `${KEY_PREFIX}clientlimit`, points: perMinute, duration: 60, insuranceLimiter: local,
      }),
    });
  };
  return (perMinute: number) => {
    let limiter = limiters.get(perMinute);
    if (!limiter) limiters.set(perMinute, limiter = create(perMinute));
    return limiter;
  };
}

export type ClientLimits = ReturnType<typeof createClientLimits>;
