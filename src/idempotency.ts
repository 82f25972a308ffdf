import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import { sha256 } from './auth';
import type { UpstreamsConfig } from './config';
import { answerOwner, type Context } from './context';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import { KEY_PREFIX, outageLog, type RedisClient } from './redis';

// Idempotency-Key on mutations (draft-ietf-httpapi-idempotency-key-header): a client that retries
// a write, because its answer was lost or it cannot tell, gets the first answer again and nothing
// is sent twice. The key is the caller's; the fingerprint is what the caller asked.

/** What a key holds: a write still running, or its answer as the bytes first sent. */
type Claim =
  | { state: 'claimed' }
  | { state: 'pending'; fingerprint: string }
  | { state: 'done'; fingerprint: string; status: number; body: string };

interface KeptRecord { fingerprint: string; status?: number }

export interface IdempotencyStore {
  /** Claims `key` for a new write, unless something already holds it. */
  claim(key: string, fingerprint: string, pendingTtlMs: number): Promise<Claim>;
  /** The write's answer, kept for replays. */
  complete(key: string, fingerprint: string, status: number, body: string, ttlMs: number): Promise<void>;
  /** Forgets a claim whose write did nothing, so the same request may be tried again. */
  release(key: string): Promise<void>;
}

/** In process memory, answers are bounded by their size. */
const MAX_MEMORY_BYTES = 32 * 2 ** 20;

function memoryStore(): IdempotencyStore {
  const held = new LRUCache<string, Exclude<Claim, { state: 'claimed' }>>({
    maxSize: MAX_MEMORY_BYTES, sizeCalculation: (c) => 100 + (c.state === 'done' ? c.body.length : 0),
  });
  return {
    async claim(key, fingerprint, pendingTtlMs) {
      const known = held.get(key);
      if (known) return known;
      held.set(key, { state: 'pending', fingerprint }, { ttl: pendingTtlMs });
      return { state: 'claimed' };
    },
    async complete(key, fingerprint, status, body, ttlMs) { held.set(key, { state: 'done', fingerprint, status, body }, { ttl: ttlMs }); },
    async release(key) { held.delete(key); },
  };
}

/**
 * In Redis, one string per key: the record's JSON (which has no newline), then for a finished
 * write a newline and the answer. The claim is one SET NX, so two replicas never both run it.
 * While Redis is unreachable, each replica keeps its own in memory (and says so, once).
 */
function redisStore(redis: RedisClient, logger: Logger): IdempotencyStore {
  const fallback = memoryStore();
  const outage = outageLog(logger, 'Idempotency-Key answers are kept per replica until Redis is back', 'Idempotency-Key answers are shared by the replicas again');
  const shared = async <T>(op: () => Promise<T>, instead: () => Promise<T>) => {
    try {
      const result = await op();
      outage.recovered();
      return result;
    } catch (error) {
      outage.failed(error as Error);
      return instead();
    }
  };
  const parse = (kept: string): Claim => {
    const split = kept.indexOf('\n');
    const record = JSON.parse(split === -1 ? kept : kept.slice(0, split)) as KeptRecord;
    return record.status === undefined ? { state: 'pending', fingerprint: record.fingerprint }
      : { state: 'done', fingerprint: record.fingerprint, status: record.status, body: kept.slice(split + 1) };
  };
  return {
    claim: (key, fingerprint, pendingTtlMs) => shared(async () => {
      const pending = JSON.stringify({ fingerprint } satisfies KeptRecord);
      // A claim that expires between SET NX and GET is simply tried again.
      for (;;) {
        if (await redis.set(key, pending, { condition: 'NX', expiration: { type: 'PX', value: pendingTtlMs } })) return { state: 'claimed' as const };
        const kept = await redis.get(key);
        if (kept !== null) return parse(kept);
      }
    }, () => fallback.claim(key, fingerprint, pendingTtlMs)),
    complete: (key, fingerprint, status, body, ttlMs) => shared(async () => {
      await redis.set(key, `${JSON.stringify({ fingerprint, status } satisfies KeptRecord)}\n${body}`, { expiration: { type: 'PX', value: ttlMs } });
    }, () => fallback.complete(key, fingerprint, status, body, ttlMs)),
    release: (key) => shared(async () => { await redis.del(key); }, () => fallback.release(key)),
  };
}

export const createIdempotencyStore = (redis: RedisClient | null, logger: Logger) => (redis ? redisStore(redis, logger) : memoryStore());

/** The header's value: a token, or a Structured Field string (`"…"`) as the draft writes it; null when malformed. */
const keyOf = (header: string) => {
  const trimmed = header.trim();
  const key = trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
  return /^[\x20-\x7e]{1,255}$/.test(key) && !key.includes('"') ? key : null;
};

const refusal = (status: number, code: string, message: string): GraphQLResponse => ({
  http: { status, headers: new HeaderMap() },
  body: { kind: 'single', singleResult: { errors: [{ message, extensions: { code } }] } },
});

/**
 * Idempotency-Key as an Apollo plugin, on mutations only (queries ignore the header). It acts
 * after parsing, validation, the limits and the key's scope have passed:
 * - a new key runs the write and keeps its answer for `ttlMs` (an answer in which every field
 *   failed wrote nothing, so its key is released and the same request may be retried);
 * - the same key and the same document, operation name and variables: the first answer, exactly,
 *   with `Idempotent-Replayed: true`, and nothing sent upstream;
 * - the same key with another request: 422 IDEMPOTENCY_KEY_REUSED; while the first still runs:
 *   409 IDEMPOTENCY_KEY_IN_USE; an empty key or one over 255 characters: 400 BAD_REQUEST.
 *
 * Keys are scoped to the caller (its gateway key, or its address when the gateway is open), to
 * where the vendors are and to every credential in force; only hashes reach the store.
 */
export function idempotencyPlugin({ store, ttlMs, pendingTtlMs, upstreams, metrics }: {
  store: IdempotencyStore;
  ttlMs: number;
  /** How long a claim outlives a replica that died running its write. */
  pendingTtlMs: number;
  upstreams: UpstreamsConfig;
  metrics?: Metrics;
}): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ request }) {
      // Most requests carry no key: they get no hooks at all.
      const header = request.http?.headers.get('idempotency-key');
      if (header === undefined) return undefined;
      let claimed: { key: string; fingerprint: string } | undefined;
      return {
        async responseForOperation({ operation, operationName, queryHash, contextValue }) {
          if (operation.operation !== 'mutation') return null;
          const given = keyOf(header);
          if (given === null) {
            metrics?.idempotentRequest('malformed');
            return refusal(400, 'BAD_REQUEST', 'Idempotency-Key must be 1 to 255 printable characters');
          }
          const key = `${KEY_PREFIX}idempotency:${sha256(JSON.stringify([contextValue.caller, answerOwner(upstreams, contextValue), given])).toString('hex')}`;
          const fingerprint = sha256(JSON.stringify([queryHash, operationName, request.variables ?? {}])).toString('hex');
          const held = await store.claim(key, fingerprint, pendingTtlMs);
          if (held.state === 'claimed') {
            claimed = { key, fingerprint };
            metrics?.idempotentRequest('executed');
            return null;
          }
          if (held.fingerprint !== fingerprint) {
            metrics?.idempotentRequest('reused');
            return refusal(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for another request: send a new key for a new write');
          }
          if (held.state === 'pending') {
            metrics?.idempotentRequest('in_use');
            return refusal(409, 'IDEMPOTENCY_KEY_IN_USE', 'The first request with this Idempotency-Key is still running: retry once it has answered');
          }
          metrics?.idempotentRequest('replayed');
          // The endpoint sends the kept bytes; Apollo serialises only this empty stand-in.
          contextValue.answer.cached = held.body;
          return { http: { status: held.status, headers: new HeaderMap([['idempotent-replayed', 'true']]) }, body: { kind: 'single', singleResult: { data: {} } } };
        },
        async willSendResponse({ response, contextValue }) {
          if (!claimed) return;
          const { key, fingerprint } = claimed;
          const data = response.body.kind === 'single' ? response.body.singleResult.data : undefined;
          const wrote = data != null && Object.values(data).some((value) => value !== null);
          if (!wrote) { await store.release(key); return; }
          const status = response.http.status ?? 200;
          // Kept before the answer leaves: a retry that follows it finds it.
          (contextValue.answer.keep ??= []).push((body) => store.complete(key, fingerprint, status, body, ttlMs));
        },
      };
    },
  };
}
