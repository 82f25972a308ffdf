import type { ApolloServerPlugin } from '@apollo/server';
import type { UpstreamsConfig } from './config';
import type { Context } from './context';
import type { Caller, GuardedRequest } from './guards';
import type { Metrics } from './metrics';
import type { Prefetch } from './prefetch';
import { answerKey, answerWith, isCleanAnswer } from './responsecache';
import type { RequestTrace } from './tracing';

// Request collapsing, as a CDN collapses identical requests to its origin: a query that arrives
// while an identical one (same document, operation, variables and credentials) is executing waits
// for that one's answer instead of executing again. The upstream calls were shared already
// (http.ts); without this, each of the waiting requests merged and completed the same lists again,
// one after the other on the event loop, when the shared calls came back.

/** An answer as its request wrote it, for the identical requests waiting on it to write too. */
export interface SentAnswer {
  body: string | Buffer;
  /** Apollo's headers for it (its content type); each request keeps its own id and rate-limit headers. */
  headers: Iterable<[string, string]>;
}

/** One query executing on behalf of itself and of the identical ones that arrived meanwhile. */
interface Leader {
  /** Its answer once sent, or undefined if it is not to be shared (errors), or none went. */
  answer: Promise<SentAnswer | undefined>;
  operationName: string | undefined;
}

export interface Collapsing {
  plugin: ApolloServerPlugin<Context>;
  /**
   * What a request is known by at the door, before Apollo: its method, URL, body bytes, the headers
   * Apollo answers by, its caller and the credentials it forwards. Undefined for anything but a
   * POST of one JSON operation.
   */
  doorKey(req: GuardedRequest, caller: Caller): string | undefined;
  /**
   * The answer of an identical request executing now, or undefined when it had errors (this one then
   * executes alone); no promise when none is executing (this one executes, and leads those who follow).
   */
  waitAtTheDoor(key: string, trace?: RequestTrace): Promise<SentAnswer | undefined> | undefined;
  /**
   * This request executes for its door key, none identical executing: it may lead those that follow,
   * it sends the upstream reads the last identical one made (prefetch.ts), and keeps its own for the
   * next. True when it sent any.
   */
  lead(key: string, context: Context): boolean;
}

/**
 * Collapses identical queries in flight, in two places. A query becomes a leader in an Apollo
 * plugin after the response cache: only once parsing, validation and every `didResolveOperation`
 * hook (gateway-key scope, armor's limits) have passed, so a shared answer only ever goes to a
 * request that would have been allowed to execute.
 *
 * - At the door (endpoint.ts): a request byte for byte like a leader's, from the same caller with
 *   the same credentials, would pass the same checks; it waits for the leader's answer before
 *   Apollo, and pays for no parsing, context or plugin hook.
 * - In the plugin: any other request for the same answer (same document, operation, variables and
 *   credentials, as the response cache keys it: responsecache.ts) waits there; never across
 *   credentials or deployments.
 * - Only an answer without any error is shared; otherwise those waiting execute on their own, so
 *   each gets its own errors.
 * - A request joins only while its leader is executing: it gets data no older than the upstream
 *   calls it would have joined anyway. A mutation answered through this replica ends the joining of
 *   every query in flight, so a read sent after a write's answer never gets an answer from before it.
 */
export function createCollapsing(upstreams: UpstreamsConfig, { metrics, prefetch }: { metrics?: Metrics; prefetch?: Prefetch } = {}): Collapsing {
  const leaders = new Map<string, Leader>();
  const atTheDoor = new Map<string, Leader>();

  const plugin: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      let clean = false;
      return {
        async responseForOperation(requestContext) {
          const { operation, operationName, contextValue } = requestContext;
          if (operation.operation !== 'query' || contextValue.answer.alone) return null;
          const key = answerKey(requestContext, upstreams);
          const leader = leaders.get(key);
          if (leader === undefined) {
            let settle!: (answer: SentAnswer | undefined) => void;
            const led: Leader = { answer: new Promise((resolve) => { settle = resolve; }), operationName: operationName ?? undefined };
            const { doorKey } = contextValue.answer;
            leaders.set(key, led);
            if (doorKey !== undefined) atTheDoor.set(doorKey, led);
            contextValue.answer.sent = (answer) => {
              if (leaders.get(key) === led) leaders.delete(key);
              if (doorKey !== undefined && atTheDoor.get(doorKey) === led) atTheDoor.delete(doorKey);
              settle(clean ? answer : undefined);
              if (doorKey !== undefined) prefetch?.remember(doorKey, clean ? contextValue.reads : undefined);
            };
            return null;
          }
          const answer = await leader.answer;
          metrics?.collapsedQuery(answer === undefined ? 'executed' : 'shared');
          if (answer === undefined) return null;
          contextValue.trace?.answerShared();
          return answerWith(answer.body, contextValue);
        },
        async willSendResponse({ operation, response, contextValue }) {
          if (operation?.operation === 'mutation') { leaders.clear(); atTheDoor.clear(); }
          clean = isCleanAnswer(response, contextValue);
        },
      };
    },
  };

  // Those waiting at the door are answered one per turn of the event loop, not all at once: a
  // request arriving meanwhile is read, and sends its upstream calls, instead of waiting behind them.
  let turns = Promise.resolve();
  const nextTurn = () => new Promise<void>((resolve) => { setImmediate(resolve); });
  const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(', ') : value ?? '');

  return {
    plugin,
    doorKey(req, caller) {
      if (req.method !== 'POST' || req.rawBody === undefined || typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) return undefined;
      const { headers } = req;
      const known = [req.url, headers['content-type'], headers.accept, caller.scope, caller.id,
        headers['x-qualifi-api-key'], headers['x-humanapi-app-key'], headers['x-qasphere-authorization']].map(header);
      // Kept only while its leader executes, so the bytes themselves, not a hash of them (cheaper on every request).
      return `${JSON.stringify(known)}\n${req.rawBody.toString('latin1')}`;
    },
    waitAtTheDoor(key, trace) {
      const leader = atTheDoor.get(key);
      if (leader === undefined) return undefined;
      const started = performance.now();
      return leader.answer.then(async (answer) => {
        metrics?.collapsedQuery(answer === undefined ? 'executed' : 'shared');
        if (answer === undefined) return undefined;
        await (turns = turns.then(nextTurn));
        metrics?.graphqlRequest(leader.operationName, 'query', 'ok', (performance.now() - started) / 1000);
        trace?.operation('query', leader.operationName);
        trace?.answerShared();
        return answer;
      });
    },
    lead(key, context) {
      context.answer.doorKey = key;
      const sent = prefetch?.send(key, context) ?? false;
      // After sending, so that what it sent is not kept twice when its execution takes it.
      if (prefetch) context.reads = [];
      return sent;
    },
  };
}
