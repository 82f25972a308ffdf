import http from 'node:http';
import https from 'node:https';
import fetch from 'cross-fetch';
import type { Logger } from './logger';
import { contractError, networkError, timeoutError, upstreamError, type Source } from './errors';

export interface UpstreamRequest {
  method?: 'GET' | 'POST' | 'DELETE';
  headers: Record<string, string>;
  body?: unknown;
}

export interface Upstream {
  /** Sends one request; resolves to the parsed JSON (undefined for 204) or throws a coded GraphQLError. */
  send<T>(url: string, request: UpstreamRequest): Promise<T>;
}

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

/**
 * One pool of keep-alive connections per source: without an agent cross-fetch sends
 * `Connection: close` and pays a TCP (and TLS) handshake on every call.
 */
export function createUpstream(source: Source, timeoutMs: number, logger: Logger): Upstream {
  const agents = {
    'http:': new http.Agent({ keepAlive: true }),
    'https:': new https.Agent({ keepAlive: true }),
  };
  const agent = (url: URL) => (url.protocol === 'http:' ? agents['http:'] : agents['https:']);

  return {
    async send<T>(url: string, { method = 'GET', headers, body }: UpstreamRequest): Promise<T> {
      const started = performance.now();
      const signal = AbortSignal.timeout(timeoutMs);
      const path = new URL(url).pathname;
      const log = (fields: object, msg: string) => logger.warn({ source, method, path, ms: Math.round(performance.now() - started), ...fields }, msg);
      let text: string;
      let status: number;
      try {
        // node-fetch (under cross-fetch) takes an agent; the DOM RequestInit type does not know it.
        const res = await fetch(url, {
          method, signal, agent,
          headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
          body: body === undefined ? undefined : JSON.stringify(body),
        } as RequestInit);
        status = res.status;
        text = await res.text();
      } catch (error) {
        if (signal.aborted) { log({ timeoutMs }, 'upstream timed out'); throw timeoutError(source, timeoutMs); }
        log({ err: (error as Error).message }, 'upstream unreachable');
        throw networkError(source);
      }
      const json = text ? parseJson(text) : undefined;
      if (status < 200 || status > 299) {
        log({ status }, 'upstream failed');
        throw upstreamError(source, status, vendorMessage(json));
      }
      if (status === 204) return undefined as T;
      if (json === undefined) {
        log({ status }, 'upstream answered without JSON');
        throw contractError(source, 'the body is not JSON');
      }
      logger.debug({ source, method, path, status, ms: Math.round(performance.now() - started) }, 'upstream call');
      return json as T;
    },
  };
}
