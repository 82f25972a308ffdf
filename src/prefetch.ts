import { hash } from 'node:crypto';
import type { RequestScope, UpstreamRead } from './http';

// An upstream read takes the vendor's latency (tens of ms); reaching it through Apollo's pipeline
// (parsing, validation, every plugin hook, execution, a loader's batch) takes a request most of a
// millisecond before that wait even begins. A request byte for byte like one that has just been
// answered (collapsing.ts's door key: same body, caller and credentials) will make the same reads:
// it sends them as soon as the guards have let it in, and its execution takes them when it gets there
// (http.ts), so nothing is sent twice.

/** How long after its answer a request's reads are kept for an identical one: a burst, not a schedule. */
const WINDOW_MS = 1000;
/** At most this many requests' reads are kept; the oldest go first. */
const MAX_KEPT = 1000;

interface Kept { reads: readonly UpstreamRead[]; until: number }

export interface Prefetch {
  /** After a clean answer: the reads it made, for the next identical request; undefined forgets them (an answer with errors). */
  remember(doorKey: string, reads: readonly UpstreamRead[] | undefined): void;
  /** Sends the reads the last identical request made, on this one's behalf, once; false when there were none. */
  send(doorKey: string, scope: RequestScope): boolean;
}

/**
 * Keyed by a hash of the door key, which holds the caller, its scope and every forwarded credential:
 * a request only ever sends reads made under its own. The reads hold their headers, so are kept
 * briefly (WINDOW_MS), and each is taken by the first request that sends it: an identical request
 * arriving while that one executes waits for its answer (collapsing.ts), and the next after it is
 * sent reads again only if that one executed (not answered from the response cache) without errors.
 * What it sends is as fresh as what its execution would have sent: every call leaves after it arrived.
 */
export function createPrefetch(now: () => number = Date.now): Prefetch {
  const kept = new Map<string, Kept>();
  const keyOf = (doorKey: string) => hash('sha256', doorKey, 'base64');

  return {
    remember(doorKey, reads) {
      const key = keyOf(doorKey);
      kept.delete(key);
      const at = now();
      // Kept in the order they were made: the expired and the oldest are at the front.
      for (const [oldest, { until }] of kept) {
        if (until > at && kept.size < MAX_KEPT) break;
        kept.delete(oldest);
      }
      if (reads?.length) kept.set(key, { reads, until: at + WINDOW_MS });
    },
    send(doorKey, scope) {
      const key = keyOf(doorKey);
      const found = kept.get(key);
      if (found === undefined) return false;
      kept.delete(key);
      if (found.until <= now()) return false;
      for (const { pool, url, request } of found.reads) pool.sendAhead(url, request, scope);
      return true;
    },
  };
}
