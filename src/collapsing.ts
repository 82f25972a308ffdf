import type { ApolloServerPlugin } from '@apollo/server';
import type { UpstreamsConfig } from './config';
import type { Context } from './context';
import type { Metrics } from './metrics';
import { answerKey, answerWith, isCleanAnswer } from './responsecache';

// Request collapsing, as a CDN collapses identical requests to its origin: a query that arrives
// while an identical one (same document, operation, variables and credentials) is executing waits
// for that one's answer instead of executing again. The upstream calls were shared already
// (http.ts); without this, each of the waiting requests merged and completed the same lists again,
// one after the other on the event loop, when the shared calls came back.

/** One query executing on behalf of itself and of the identical ones that arrived meanwhile. */
interface Leader {
  /** Its bytes once sent, as written, or undefined if they are not to be shared (errors), or none went. */
  answer: Promise<string | Buffer | undefined>;
}

/**
 * Collapses identical queries in flight, as an Apollo plugin after the response cache: it runs only
 * once parsing, validation and every `didResolveOperation` hook (gateway-key scope, armor's limits)
 * have passed, so a shared answer only ever goes to a request that would have been allowed to execute.
 *
 * - Keyed as the response cache keys its answers (responsecache.ts): never shared across
 *   credentials or deployments.
 * - Only an answer without any error is shared; otherwise those waiting execute on their own, so
 *   each gets its own errors.
 * - A request joins only while its leader is executing: it gets data no older than the upstream
 *   calls it would have joined anyway. A mutation answered through this replica ends the joining of
 *   every query in flight, so a read sent after a write's answer never gets an answer from before it.
 */
export function collapsingPlugin(upstreams: UpstreamsConfig, metrics?: Metrics): ApolloServerPlugin<Context> {
  const leaders = new Map<string, Leader>();

  return {
    async requestDidStart() {
      let clean = false;
      return {
        async responseForOperation(requestContext) {
          const { operation, contextValue } = requestContext;
          if (operation.operation !== 'query') return null;
          const key = answerKey(requestContext, upstreams);
          const leader = leaders.get(key);
          if (leader === undefined) {
            let settle!: (body: string | Buffer | undefined) => void;
            const led: Leader = { answer: new Promise((resolve) => { settle = resolve; }) };
            leaders.set(key, led);
            contextValue.answer.sent = (body) => {
              if (leaders.get(key) === led) leaders.delete(key);
              settle(clean ? body : undefined);
            };
            return null;
          }
          const body = await leader.answer;
          metrics?.collapsedQuery(body === undefined ? 'executed' : 'shared');
          if (body === undefined) return null;
          contextValue.trace?.answerShared();
          return answerWith(body, contextValue);
        },
        async willSendResponse({ operation, response, contextValue }) {
          if (operation?.operation === 'mutation') leaders.clear();
          clean = isCleanAnswer(response, contextValue);
        },
      };
    },
  };
}
