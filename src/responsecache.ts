import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import { sha256 } from './auth';
import type { CacheStore } from './cache';
import type { CacheConfig, UpstreamsConfig } from './config';
import type { Context } from './context';
import type { Source } from './errors';
import type { Metrics } from './metrics';

// Whole answers from the cache. With warm upstream entries a list of 10,000 people still costs
// its merge and its execution on every request; a query answered before, by the same credentials,
// since no write to the sources it read, is answered again without executing anything.

/** One whole answer: its data, and the generation of each source it was built from when it started. */
interface Answer {
  storedAt: number;
  generations: Partial<Record<Source, string>>;
  data: Record<string, unknown>;
}

const SOURCES: readonly Source[] = ['QUALIFI', 'HUMAN_API', 'QA_SPHERE'];
/** In process memory, answers are bounded by their JSON size: a few lists of 10,000 people. */
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
  const vendors = [upstreams.qualifi.baseUrl, upstreams.humanApi.baseUrl, upstreams.humanApi.appId, upstreams.qaSphere.baseUrl];
  const memory = store.shared ? null : new LRUCache<string, { answer: Answer; bytes: number }>({ maxSize: MAX_MEMORY_BYTES, sizeCalculation: (e) => e.bytes });
  const read = async (key: string): Promise<Answer | undefined> => {
    if (memory) return memory.get(key)?.answer;
    const json = await store.get<string>(key);
    return json === undefined ? undefined : (JSON.parse(json) as Answer);
  };
  const write = async (key: string, answer: Answer) => {
    // Sizing needs the JSON anyway; in memory the object itself is kept, so a hit parses nothing.
    const json = JSON.stringify(answer);
    if (memory) { if (json.length <= MAX_MEMORY_BYTES) memory.set(key, { answer, bytes: json.length }, { ttl: ttlMs }); return; }
    await store.set(key, json, ttlMs);
  };
  const isCurrent = (answer: Answer, generations: string[]) => Date.now() - answer.storedAt < ttlMs
    && SOURCES.every((source, i) => answer.generations[source] === undefined || answer.generations[source] === generations[i]);

  return {
    async requestDidStart() {
      let key: string | undefined;
      let generations: string[] | undefined;
      let served = false;
      return {
        async responseForOperation({ operation, operationName, queryHash, request, contextValue: { credentials } }) {
          if (operation.operation !== 'query') return null;
          key = `answer:${sha256(JSON.stringify([
            queryHash, operationName, request.variables ?? {}, vendors,
            credentials.qualifiApiKey, credentials.humanApiAppKey, credentials.qaSphereAuthorization,
          ])).toString('hex')}`;
          const [current, answer] = await Promise.all([store.generations(SOURCES), read(key)]);
          generations = current;
          served = answer !== undefined && isCurrent(answer, current);
          metrics?.responseCacheLookup(served ? 'hit' : 'miss');
          if (!served) return null;
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: answer!.data } } };
        },
        async willSendResponse({ response, contextValue }) {
          if (served || key === undefined || generations === undefined || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (!data || errors?.length || contextValue.partialErrors.formatted().length > 0 || (response.http.status ?? 200) !== 200) return;
          const stamped = generations;
          const answer: Answer = {
            storedAt: Date.now(),
            generations: Object.fromEntries([...contextValue.sourcesRead].map((source) => [source, stamped[SOURCES.indexOf(source)]])),
            data,
          };
          write(key, answer).catch(() => undefined); // the store logs its own failures; the caller has its answer
        },
      };
    },
  };
}
