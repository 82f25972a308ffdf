import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from 'cors';
import ipaddr from 'ipaddr.js';
import { json, type RequestHandler } from 'express';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { keyOf, sha256, type GatewayKey, type Scope } from './auth';
import type { ClientLimits } from './clientlimit';
import type { LimitsConfig } from './config';
import { graphqlErrorBody } from './errors';

// What stands between the network and Apollo: who may call, how often, and what a body may be.
// Plain node:http handlers (as Apollo's standalone server has them), so /graphql pays for no router.

/** After the guards: the parsed JSON body, and its bytes as sent (collapsing.ts keys identical requests by them). */
export type GuardedRequest = IncomingMessage & { body?: unknown; rawBody?: Buffer };

/** Who is calling: what its gateway key allows, and the identity its limits (and Idempotency-Keys) are kept under. */
export interface Caller {
  scope: Scope;
  /** A SHA-256 of the Authorization header when one is sent, else the client's address (IPv6 by /56). */
  id: string;
}
/** A body refused, as body-parser types its failures (status, type, and the charset it refused). */
type BodyFailure = { status?: number; type?: string; charset?: string };
type Step = (req: GuardedRequest, res: ServerResponse, next: (error?: unknown) => void) => void;

/** A JSON media type with no parameter but a UTF-8 charset: what readArrivedJson reads itself. */
const PLAIN_JSON = /^application\/json\s*(?:;\s*charset="?utf-8"?\s*)?$/i;
/** Strict JSON, as body-parser has it: an object or an array, after JSON's own whitespace only. */
const JSON_OPENING = /^[\x20\x09\x0a\x0d]*(.?)/;
const IPV4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * The client's address as a limiter key. IPv4, bare or IPv6-mapped (what a dual-stack listener
 * sees), as it is, without parsing; IPv6 by its /56 (ipaddr.js parses it), since one customer is
 * handed a whole /56 and could rotate through it.
 */
export function addressKey(ip: string): string {
  const v4 = IPV4.exec(ip);
  if (v4) return v4[1];
  if (!ipaddr.isValid(ip)) return ip;
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') return address.toString();
  const [a, b, c, d] = (address as ipaddr.IPv6).parts;
  return `${[a, b, c, d & 0xff00].map((g) => g.toString(16)).join(':')}::/56`;
}

const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
};

const run = (step: Step, req: GuardedRequest, res: ServerResponse) =>
  new Promise<void>((resolve, reject) => { step(req, res, (error) => (error ? reject(error) : resolve())); });

export function createGuards(gatewayKeys: GatewayKey[], limits: LimitsConfig, clientLimits: ClientLimits) {
  // With no keys configured the gateway is open, and says so at start-up.
  const open = gatewayKeys.length === 0;

  const refuse = (res: ServerResponse) => sendJson(res, 401,
    graphqlErrorBody('A valid gateway key is required: send Authorization: Bearer <key>', 'UNAUTHENTICATED'),
    { 'www-authenticate': 'Bearer realm="user-graph"' });

  /** Any valid key (for Express routes such as /metrics); the scope is left for the route to enforce. */
  const requireKey: RequestHandler = (req, res, next) => {
    if (open || keyOf(req.get('authorization'), gatewayKeys)) { next(); return; }
    refuse(res);
  };

  const corsStep = cors({ origin: limits.corsOrigins.length > 0 ? limits.corsOrigins : false }) as Step;

  /**
   * False when the client is over its limit (and has been answered 429). A fixed window of a minute,
   * counted across replicas (clientlimit.ts). RateLimit headers: draft-ietf-httpapi-ratelimit-headers-07.
   */
  async function withinRateLimit(key: string, perMinute: number, res: ServerResponse) {
    const headers = (r: RateLimiterRes) => ({
      'ratelimit-policy': `${perMinute};w=60`,
      ratelimit: `limit=${perMinute}, remaining=${r.remainingPoints}, reset=${Math.ceil(r.msBeforeNext / 1000)}`,
    });
    try {
      const admitted = await clientLimits(perMinute).consume(key);
      for (const [name, value] of Object.entries(headers(admitted))) res.setHeader(name, value);
      return true;
    } catch (refused) {
      if (!(refused instanceof RateLimiterRes)) throw refused;
      sendJson(res, 429, graphqlErrorBody('Too many requests from this client: wait for Retry-After seconds', 'RATE_LIMITED'),
        { ...headers(refused), 'retry-after': String(Math.ceil(refused.msBeforeNext / 1000)) });
      return false;
    }
  }

  const utf8 = new TextDecoder('utf-8', { fatal: true });
  /** A 400 for the body, typed as body-parser types its own (refuseBody words each). */
  const bodyFailure = (type: string) => Object.assign(new Error(type), { status: 400, type });
  const jsonBody = json({
    limit: limits.bodyLimitBytes,
    verify: (req, _res, buffer) => {
      try { utf8.decode(buffer); } catch { throw bodyFailure('encoding.invalid'); }
      (req as GuardedRequest).rawBody = buffer;
    },
  }) as Step;
  /**
   * A plain JSON body (application/json in UTF-8, not encoded, within the limit) that arrived whole
   * with its headers, as nearly every GraphQL POST does: read from the stream's buffer at once, as
   * body-parser would parse it (strict, BOM dropped, an empty body as {}). body-parser reads even
   * these through stream events over several ticks, and a leading request's upstream calls
   * (prefetch.ts) wait for them. False for any other body: body-parser reads it.
   */
  function readArrivedJson(req: GuardedRequest): boolean {
    const { headers } = req;
    const length = Number(headers['content-length']);
    if (!PLAIN_JSON.test(headers['content-type'] ?? '') || headers['transfer-encoding'] !== undefined
      || (headers['content-encoding'] ?? 'identity').toLowerCase() !== 'identity'
      || !Number.isInteger(length) || length > limits.bodyLimitBytes || req.readableLength !== length) return false;
    const bytes: Buffer = length === 0 ? Buffer.alloc(0) : req.read(length);
    req.resume(); // to its end, so node:http knows the body was read
    let text: string;
    try { text = utf8.decode(bytes); } catch { throw bodyFailure('encoding.invalid'); }
    req.rawBody = bytes;
    if (text === '') { req.body = {}; return true; }
    const first = JSON_OPENING.exec(text)?.[1];
    try {
      if (first !== '{' && first !== '[') throw new SyntaxError('not a JSON object or array');
      req.body = JSON.parse(text);
    } catch { throw bodyFailure('entity.parse.failed'); }
    return true;
  }
  /** body-parser's failures as GraphQL errors, not HTML pages. */
  const refuseBody = (res: ServerResponse, error: BodyFailure) => {
    const status = error.status ?? 400;
    const message = error.type === 'entity.too.large' ? `The request body is larger than ${limits.bodyLimitBytes} bytes`
      : error.type === 'encoding.invalid' ? 'The request body is not valid UTF-8'
        : error.type === 'charset.unsupported' ? `The request body must be UTF-8, not ${error.charset?.toUpperCase()}`
          : 'The request body is not valid JSON';
    sendJson(res, status, graphqlErrorBody(message, status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST'));
  };

  /**
   * In order, before Apollo on /graphql: CORS, the rate limit, the gateway key, the body.
   * Resolves to the caller, or null once a guard has answered the request itself.
   */
  async function admit(req: GuardedRequest, res: ServerResponse): Promise<Caller | null> {
    await run(corsStep, req, res);
    if (res.writableEnded) return null; // a CORS preflight, answered
    const authorization = req.headers.authorization;
    const address = `ip:${addressKey(req.socket.remoteAddress ?? '')}`;
    const id = authorization ? `key:${sha256(authorization).toString('hex')}` : address;
    // A gateway key carries an application's traffic and has its own limit; anyone else (an open
    // gateway, a wrong key) counts by address, so inventing keys buys no fresh limit.
    const key = open ? null : keyOf(authorization, gatewayKeys);
    const within = key
      ? await withinRateLimit(id, key.perMinute ?? limits.keyRateLimitPerMinute, res)
      : await withinRateLimit(address, limits.rateLimitPerMinute, res);
    if (!within) return null;
    let scope: Scope | null = key?.scope ?? (open ? 'write' : null);
    // Apollo's landing page (a GET with no query string, from a browser) is static and carries no data.
    if (!scope && req.method === 'GET' && !req.url?.includes('?') && /text\/html/.test(req.headers.accept ?? '')) scope = 'read';
    if (!scope) { refuse(res); return null; }
    try { if (!readArrivedJson(req)) await run(jsonBody, req, res); } catch (error) {
      const failure = error as BodyFailure;
      if (!failure.type) throw error;
      refuseBody(res, failure);
      return null;
    }
    return { scope, id };
  }

  return { requireKey, admit };
}
