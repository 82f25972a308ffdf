import { hash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContextResponseForOperation, type GraphQLResponse } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import type { CacheStore } from './cache';
import type { SentAnswer } from './collapsing';
import type { CacheConfig, UpstreamsConfig } from './config';
import { answerOwner, type Context } from './context';
import type { Source } from './errors';
import type { Metrics } from './metrics';

// Whole answers from the cache. With warm upstream entries a list of 10,000 people still costs
// its merge and its execution on every request; a query answered before, by the same credentials,
// since no write to the sources it read, is answered again without executing anything.

/** When an answer was kept, and the generation of each source it was built from when it started. */
interface Stamp {
  storedAt: number;
  generations: Partial<Record<Source, string>>;
}

/**
 * Per request, between this plugin and the endpoint (endpoint.ts): the bytes of a cached answer to
 * send instead of Apollo's, or how to keep Apollo's bytes once it has serialised them.
 */
export interface AnswerSlot {
  /** Bytes to send instead of Apollo's: a cached answer, or an identical request's as it wrote them (a big one as its Buffer, encoded once for all: collapsing.ts). */
  cached?: string | Buffer;
  /** Run with Apollo's bytes before they are sent; the endpoint waits for what they return. */
  keep?: ((body: string) => Promise<void> | void)[];
  /** Told once the request is over: the answer sent (as written), or undefined when none was (collapsing.ts). */
  sent?: (answer: SentAnswer | undefined) => void;
  /** What the request was known by at the door, when it may lead identical ones waiting there (collapsing.ts). */
  doorKey?: string;
  /** It waited at the door for an answer that had errors: it executes on its own, neither joining nor leading. */
  alone?: boolean;
  /** The answer's key, hashed once for the response cache and collapsing alike. */
  key?: string;
}

/** What an answer is kept or shared under: it can only ever go to a request with the same credentials. */
export const answerKey = ({ queryHash, operationName, request, contextValue }: GraphQLRequestContextResponseForOperation<Context>, upstreams: UpstreamsConfig) =>
  contextValue.answer.key ??= `answer:${hash('sha256', JSON.stringify([queryHash, operationName, request.variables ?? {}, answerOwner(upstreams, contextValue)]), 'hex')}`;

/** Answers a request with bytes made before: the endpoint sends them; Apollo serialises only the empty stand-in returned. */
export function answerWith(body: string | Buffer, context: Context): GraphQLResponse {
  context.answer.cached = body;
  return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: {} } } };
}

/** An answer fit to keep or share: a 200 with data and no error at all, partial results included. */
export function isCleanAnswer(response: GraphQLResponse, context: Context): boolean {
  if (response.body.kind !== 'single') return false;
  const { data, errors } = response.body.singleResult;
  return !!data && !errors?.length && context.partialErrors.formatted().length === 0 && (response.http.status ?? 200) === 200;
}

const SOURCES: readonly Source[] = ['QUALIFI', 'HUMAN_API', 'QA_SPHERE'];
/** In process memory, answers are bounded by their size: a few lists of 10,000 people. */
const MAX_MEMORY_BYTES = 64 * 2 ** 20;

/**
 * The response cache, as an Apollo plugin: it looks up after parsing, validation and every
 * `didResolveOperation` hook (gateway-key scope, armor's limits) have passed, so a cached answer is
 * only ever served to a request that would have been allowed to execute.
 *
 * - Keyed by a SHA-256 of Apollo's document hash, the operation name, the variables, where the
 *   vendors are, and every upstream credential in force for the request (configured or forwarded):
 *   one caller's answer is never served to another credential, nor one deployment's to another
 *   sharing the Redis, and no credential is written to the store.
 * - Only queries whose answer has no error at all (partial results included) are kept.
 * - Invalidated by the per-source write generations the upstream cache uses: an answer is stamped
 *   with the generations read before it executed, for the sources it read, so a write through any
 *   replica (or one that raced the answer) makes it a miss.
 */
export function responseCachePlugin(store: CacheStore, { ttlMs }: CacheConfig, upstreams: UpstreamsConfig, metrics?: Metrics): ApolloServerPlugin<Context> {
  // Answers are kept as the bytes Apollo sent: a hit costs no serialisation. In Redis, one string:
  // the stamp's JSON (which has no newline), a newline, the body.
  const memory = store.shared ? null : new LRUCache<string, { stamp: Stamp; body: string }>({ maxSize: MAX_MEMORY_BYTES, sizeCalculation: (e) => e.body.length });
  const read = async (key: string): Promise<{ stamp: Stamp; body: string } | undefined> => {
    if (memory) return memory.get(key);
    const kept = await store.get<string>(key);
    if (kept === undefined) return undefined;
    const split = kept.indexOf('\n');
    return { stamp: JSON.parse(kept.slice(0, split)) as Stamp, body: kept.slice(split + 1) };
  };
  const write = async (key: string, stamp: Stamp, body: string) => {
    if (memory) { if (body.length <= MAX_MEMORY_BYTES) memory.set(key, { stamp, body }, { ttl: ttlMs }); return; }
    await store.set(key, `${JSON.stringify(stamp)}\n${body}`, ttlMs);
  };
  const isCurrent = (stamp: Stamp, generations: string[]) => Date.now() - stamp.storedAt < ttlMs
    && SOURCES.every((source, i) => stamp.generations[source] === undefined || stamp.generations[source] === generations[i]);

  return {
    async requestDidStart() {
      let key: string | undefined;
      let generations: string[] | undefined;
      return {
        async responseForOperation(requestContext) {
          const { operation, contextValue } = requestContext;
          if (operation.operation !== 'query') return null;
          key = answerKey(requestContext, upstreams);
          const [current, kept] = await Promise.all([store.generations(SOURCES), read(key)]);
          generations = current;
          const served = kept !== undefined && isCurrent(kept.stamp, current);
          metrics?.responseCacheLookup(served ? 'hit' : 'miss');
          if (!served) return null;
          contextValue.trace?.responseCacheHit();
          return answerWith(kept!.body, contextValue);
        },
        async willSendResponse({ response, contextValue }) {
          if (contextValue.answer.cached !== undefined || key === undefined || generations === undefined || !isCleanAnswer(response, contextValue)) return;
          const stamped = generations;
          const stamp: Stamp = {
            storedAt: Date.now(),
            generations: Object.fromEntries([...contextValue.sourcesRead].map((source) => [source, stamped[SOURCES.indexOf(source)]])),
          };
          const keptUnder = key;
          // The store logs its own failures; the caller has its answer.
          (contextValue.answer.keep ??= []).push((body) => { write(keptUnder, stamp, body).catch(() => undefined); });
        },
      };
    },
  };
}
