import http from 'node:http';
import https from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen } from 'cockatiel';
import fetch from 'cross-fetch';
import type { UpstreamCache } from './cache';
import type { ResilienceConfig } from './config';
import type { Metrics } from './metrics';
import { circuitOpenError, contractError, errorCode, retryAfterOf, networkError, timeoutError, upstreamError, type Source } from './errors';
import type { Logger } from './logger';
import type { RequestTrace, UpstreamSpan } from './tracing';
import type { VendorLimit } from './vendorlimit';

export interface UpstreamRequest {
  method?: 'GET' | 'POST' | 'DELETE';
  headers: Record<string, string>;
  body?: unknown;
  /** GETs join an identical call already in flight unless asked not to (a read that must follow a write). */
  fresh?: boolean;
  /** A person's id in the URL's path: traces show REDACTED in its place. */
  redact?: string;
}

/** A GET as a request sent it (or joined it): enough to send it again for an identical request (prefetch.ts). */
export interface UpstreamRead {
  pool: SourcePool;
  url: string;
  request: UpstreamRequest;
}

export interface Upstream {
  /** Sends one request; resolves to the parsed JSON (undefined for 204) or throws a coded GraphQLError. */
  send<T>(url: string, request: UpstreamRequest): Promise<T>;
}

/** What one GraphQL request brings to every upstream call it makes. */
export interface RequestScope {
  requestId: string;
  /** Epoch ms after which no call starts and no retry waits. */
  deadline: number;
  logger: Logger;
  /** Every source this request read from (cached or not): what a whole answer built from them depends on. */
  sourcesRead?: Set<Source>;
  /** The request's trace, when tracing is on: each attempt becomes a CLIENT span in it. */
  trace?: RequestTrace;
  /** When set, every GET this request sends or joins is added to it (prefetch.ts). */
  reads?: UpstreamRead[];
  /** GETs sent ahead of this request's execution (prefetch.ts), each taken by its first identical read. */
  ahead?: Map<string, Promise<unknown>>;
}

export type CircuitStateName = 'closed' | 'open' | 'half-open';

/** A source's connections, circuit and retry budget: shared by all requests, holding nothing of any one. */
export interface SourcePool {
  source: Source;
  circuit(): CircuitStateName;
  forRequest(scope: RequestScope): Upstream;
  /** Sends a GET for a request before its execution asks for it (prefetch.ts); that read gets this call, whatever becomes of it. */
  sendAhead(url: string, request: UpstreamRequest, scope: RequestScope): void;
  /** After a write: no replica serves this source's cached answers again, and no read joins a call made before it. */
  invalidate(): Promise<void>;
  close(): void;
}

/** null for a source that is not configured. */
export type SourcePools = Record<'qualifi' | 'humanApi' | 'qaSphere', SourcePool | null>;

/** The message a vendor put in its error body, whichever of the three envelopes it used. */
function vendorMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { error, message } = body as { error?: unknown; message?: unknown };
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message; // Qualifi: { error: { code, message } }
  }
  if (typeof message === 'string') return message; // Human API and QA Sphere
  return typeof error === 'string' ? error : undefined;
}

const parseJson = (text: string): unknown => {
  try { return JSON.parse(text); } catch { return undefined; }
};

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const upstreamStatus = (error: unknown) => (error as { extensions?: { upstreamStatus?: number } }).extensions?.upstreamStatus;

/** Failures that say the vendor is unwell (5xx, unreachable, slow), not that the caller was wrong: these open the circuit. */
const isOutage = (error: unknown) => errorCode(error) === 'UPSTREAM_TIMEOUT' || errorCode(error) === 'UPSTREAM_UNAVAILABLE';

/** Retry-After in seconds or as an HTTP date, in ms; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * A retry budget: retries may add at most `ratio` of the calls made, plus a small reserve, so a
 * vendor in trouble is never hit with a multiple of the normal load.
 */
class RetryBudget {
  private tokens: number;
  constructor(private readonly ratio = 0.2, private readonly reserve = 10) { this.tokens = reserve; }
  deposit() { this.tokens = Math.min(this.reserve, this.tokens + this.ratio); }
  withdraw() {
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Waits for the vendor limit's turn; a trace records how long, when it had to wait at all. */
async function waitTurn(limit: VendorLimit, credential: string, deadline: number, span: UpstreamSpan | undefined) {
  if (!span) return limit.turn(credential, deadline);
  const started = performance.now();
  await limit.turn(credential, deadline);
  const waitedMs = performance.now() - started;
  if (waitedMs >= 1) span.waited(waitedMs);
}

const STATE_NAMES: Record<CircuitState, CircuitStateName> = {
  [CircuitState.Closed]: 'closed', [CircuitState.HalfOpen]: 'half-open', [CircuitState.Open]: 'open', [CircuitState.Isolated]: 'open',
};

/**
 * One pool of keep-alive connections per source (without an agent cross-fetch sends
 * `Connection: close` and pays a TCP and TLS handshake on every call), one circuit breaker
 * (cockatiel's: its half-open probing is subtle to get right by hand), one retry budget.
 */
export interface SourcePoolOptions {
  resilience: ResilienceConfig;
  logger: Logger;
  /** The cross-request cache of GET answers, when CACHE_TTL_MS is set. */
  cache?: UpstreamCache;
  /** The vendor's rate limit, when it has one: every attempt waits its turn before it is sent. */
  limit?: VendorLimit;
  metrics?: Metrics;
}

export function createSourcePool(source: Source, { resilience: options, logger, cache, limit, metrics }: SourcePoolOptions): SourcePool {
  const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };
  const agent = (url: URL) => (url.protocol === 'http:' ? agents['http:'] : agents['https:']);
  const breaker = circuitBreaker(handleWhen(isOutage), {
    halfOpenAfter: options.breakerHalfOpenMs,
    breaker: new ConsecutiveBreaker(options.breakerFailures),
  });
  breaker.onStateChange((state) => logger.warn({ source, circuit: STATE_NAMES[state] }, `${source} circuit ${STATE_NAMES[state]}`));
  metrics?.watchCircuit(source, () => STATE_NAMES[breaker.state]);
  const budget = new RetryBudget();
  /** Identical GETs in flight with the same credential share one call: the vendors' rate limits count calls. */
  const inFlight = new Map<string, Promise<unknown>>();
  const join = (key: string, call: () => Promise<unknown>) => {
    let shared = inFlight.get(key);
    if (!shared) {
      const made: Promise<unknown> = call().finally(() => { if (inFlight.get(key) === made) inFlight.delete(key); });
      inFlight.set(key, shared = made);
    }
    return shared;
  };

  /** One attempt: timeout, status mapping, size cap, JSON parsing. */
  async function attempt(url: string, { method = 'GET', headers, body }: UpstreamRequest, scope: RequestScope, timeoutMs: number, span?: UpstreamSpan): Promise<unknown> {
    const started = performance.now();
    const signal = AbortSignal.timeout(timeoutMs);
    // The path only for log lines (most calls log none): not parsed on every call.
    const path = () => new URL(url).pathname;
    const ms = () => performance.now() - started;
    const log = (fields: object, msg: string) => scope.logger.warn({ source, method, path: path(), ms: Math.round(ms()), ...fields }, msg);
    let text: string;
    let res: Response;
    try {
      // node-fetch (under cross-fetch) takes an agent and a size cap; the DOM RequestInit type knows neither.
      res = await fetch(url, {
        method, signal, agent, size: options.maxResponseBytes,
        headers: {
          accept: 'application/json', 'x-request-id': scope.requestId, ...span?.headers,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      } as RequestInit);
      span?.answered(res.status);
      text = await res.text();
      metrics?.upstreamCall(source, method, res.status, ms());
    } catch (error) {
      metrics?.upstreamCall(source, method, signal.aborted ? 'timeout' : 'network', ms());
      if (signal.aborted) {
        log({ timeoutMs }, 'upstream timed out');
        throw timeoutError(source, timeoutMs, timeoutMs < options.timeoutMs ? 'the request deadline passed' : undefined);
      }
      if ((error as { type?: string }).type === 'max-size') {
        log({ maxResponseBytes: options.maxResponseBytes }, 'upstream answer too large');
        throw contractError(source, `the answer is larger than ${options.maxResponseBytes} bytes`);
      }
      log({ err: (error as Error).message }, 'upstream unreachable');
      throw networkError(source);
    }
    const json = text ? parseJson(text) : undefined;
    if (!res.ok) {
      log({ status: res.status }, 'upstream failed');
      throw upstreamError(source, res.status, vendorMessage(json), retryAfterMs(res.headers.get('retry-after')));
    }
    if (res.status === 204) return undefined;
    if (json === undefined) {
      log({ status: res.status }, 'upstream answered without JSON');
      throw contractError(source, 'the body is not JSON');
    }
    // Asked of the pool's logger: a request's own is made on first use (context.ts), and most never need one.
    if (logger.isLevelEnabled('debug')) scope.logger.debug({ source, method, path: path(), status: res.status, ms: Math.round(ms()) }, 'upstream call');
    return json;
  }

  /** How long to wait before retrying `error`, or null when it must not be retried. */
  function retryDelay(error: unknown, retry: number, scope: RequestScope): number | null {
    const status = upstreamStatus(error);
    const retryable = status === undefined ? errorCode(error) === 'UPSTREAM_UNAVAILABLE' : RETRYABLE_STATUS.has(status);
    if (!retryable || retry > options.retries) return null;
    // Full jitter (AWS's "Exponential Backoff and Jitter"), but never sooner than the vendor asked.
    const backoff = Math.random() * Math.min(options.retryMaxMs, options.retryBaseMs * 2 ** (retry - 1));
    const delay = Math.max(backoff, retryAfterOf(error) ?? 0);
    if (Date.now() + delay >= scope.deadline || !budget.withdraw()) return null;
    return delay;
  }

  /** One call as its caller sees it, retries included; its failure is counted once. */
  async function send(url: string, request: UpstreamRequest, scope: RequestScope): Promise<unknown> {
    try { return await sendWithRetries(url, request, scope); } catch (error) {
      metrics?.upstreamError(source, errorCode(error) ?? 'INTERNAL_SERVER_ERROR');
      throw error;
    }
  }

  /** Only GETs are retried: a POST or DELETE whose outcome is unknown is for its caller to verify. */
  async function sendWithRetries(url: string, request: UpstreamRequest, scope: RequestScope): Promise<unknown> {
    budget.deposit();
    // A vendor counts calls per credential: the one in these headers, at this host.
    const credential = limit ? `${new URL(url).origin}\n${JSON.stringify(request.headers)}` : '';
    for (let retry = 1; ; retry++) {
      if (scope.deadline <= Date.now()) throw timeoutError(source, options.timeoutMs, 'the request deadline passed');
      try {
        // Inside the breaker: an open circuit fails fast without taking a turn.
        return await breaker.execute(async () => {
          const span = scope.trace?.upstream(source, request.method ?? 'GET', url, request.redact, retry - 1);
          try {
            if (limit) await waitTurn(limit, credential, scope.deadline, span);
            const answer = await attempt(url, request, scope, Math.min(options.timeoutMs, Math.max(1, scope.deadline - Date.now())), span);
            span?.end();
            return answer;
          } catch (error) {
            span?.end(error);
            throw error;
          }
        });
      } catch (error) {
        if (error instanceof BrokenCircuitError) {
          scope.trace?.circuitOpen(source);
          throw circuitOpenError(source);
        }
        const delay = (request.method ?? 'GET') === 'GET' ? retryDelay(error, retry, scope) : null;
        if (delay === null) throw error;
        scope.logger.info({ source, retry, delayMs: Math.round(delay), code: errorCode(error) }, 'retrying upstream call');
        await sleep(delay);
      }
    }
  }

  /** A GET, joined to an identical one in flight, or from the cache. */
  function read(key: string, url: string, request: UpstreamRequest, scope: RequestScope): Promise<unknown> {
    const { trace } = scope;
    const load = () => {
      if (trace && inFlight.has(key)) trace.sharedCall(source);
      return join(key, () => send(url, request, scope));
    };
    const served = trace && ((lookup: 'hit' | 'stale') => trace.cacheHit(source, lookup));
    return cache ? cache.read(source, key, load, served) : load();
  }
  // The credential is part of the key: callers share only what their own credential may read.
  const readKey = (url: string, request: UpstreamRequest) => `${url}\n${JSON.stringify(request.headers)}`;

  const pool: SourcePool = {
    source,
    circuit: () => STATE_NAMES[breaker.state],
    forRequest: (scope) => ({
      send<T>(url: string, request: UpstreamRequest): Promise<T> {
        if ((request.method ?? 'GET') !== 'GET') return send(url, request, scope) as Promise<T>;
        scope.sourcesRead?.add(source);
        if (request.fresh) return send(url, request, scope) as Promise<T>;
        scope.reads?.push({ pool, url, request });
        const key = readKey(url, request);
        const ahead = scope.ahead?.get(key);
        if (ahead === undefined) return read(key, url, request, scope) as Promise<T>;
        scope.ahead!.delete(key);
        return ahead as Promise<T>;
      },
    }),
    sendAhead(url, request, scope) {
      const key = readKey(url, request);
      const ahead = read(key, url, request, scope);
      // Its failure is for the read that takes it: caught here only so it is not reported unhandled before then.
      ahead.catch(() => undefined);
      (scope.ahead ??= new Map()).set(key, ahead);
    },
    // A read sent after a write's answer must not join a call sent before the write.
    invalidate: async () => { inFlight.clear(); await cache?.invalidate(source); },
    close: () => { agents['http:'].destroy(); agents['https:'].destroy(); },
  };
  return pool;
}
