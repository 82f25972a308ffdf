import cors from 'cors';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { scopeOf, sha256, type GatewayKey, type Scope } from './auth';
import type { LimitsConfig } from './config';
import { graphqlErrorBody } from './errors';

// What stands between the network and Apollo: who may call, how often, and what a body may be.

const IPV4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i;

export function createGuards(gatewayKeys: GatewayKey[], limits: LimitsConfig) {
  // With no keys configured the gateway is open, and says so at start-up.
  const keyScope = (req: express.Request): Scope | null => (gatewayKeys.length === 0 ? 'write' : scopeOf(req.get('authorization'), gatewayKeys));
  const refuse = (res: express.Response) => {
    res.status(401).set('www-authenticate', 'Bearer realm="user-graph"')
      .json(graphqlErrorBody('A valid gateway key is required: send Authorization: Bearer <key>', 'UNAUTHENTICATED'));
  };

  /** Any valid key; the scope is left for the caller (res.locals.scope) to enforce. */
  const requireKey: RequestHandler = (req, res, next) => {
    const scope = keyScope(req);
    if (scope) { res.locals.scope = scope; next(); return; }
    refuse(res);
  };

  /** requireKey, except for Apollo's landing page, which carries no data. */
  const authenticate: RequestHandler = (req, res, next) => {
    if (!keyScope(req) && req.method === 'GET' && Object.keys(req.query).length === 0 && req.accepts('html')) { next(); return; }
    requireKey(req, res, next);
  };

  /**
   * The client's address as a limiter key. IPv4, bare or IPv6-mapped (what a dual-stack listener
   * sees), is used as it is; only real IPv6 goes through express-rate-limit's /56 subnet key, whose
   * address parsing would otherwise cost every request more than the rest of the guards together.
   */
  const addressKey = (ip: string) => {
    const v4 = IPV4.exec(ip);
    return v4 ? v4[1] : ipKeyGenerator(ip);
  };

  const rateLimiter = rateLimit({
    windowMs: 60_000,
    limit: limits.rateLimitPerMinute,
    standardHeaders: 'draft-7',
    // addressKey hands every IPv6 address to ipKeyGenerator; the check reads only the source text.
    validate: { keyGeneratorIpFallback: false },
    legacyHeaders: false,
    // Per client: by gateway key when one is sent, else by address.
    keyGenerator: (req) => {
      const authorization = req.get('authorization');
      return authorization ? `key:${sha256(authorization).toString('hex')}` : `ip:${addressKey(req.ip ?? '')}`;
    },
    handler: (_req, res) => { res.status(429).json(graphqlErrorBody('Too many requests from this client: wait for Retry-After seconds', 'RATE_LIMITED')); },
  });

  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const jsonBody = express.json({
    limit: limits.bodyLimitBytes,
    verify: (_req, _res, buffer) => {
      try { utf8.decode(buffer); } catch { throw Object.assign(new Error('invalid UTF-8'), { status: 400, type: 'encoding.invalid' }); }
    },
  });
  /** body-parser's failures as GraphQL errors, not Express's HTML pages. */
  const bodyErrors: ErrorRequestHandler = (error: { status?: number; type?: string }, _req, res, next) => {
    if (!error.type) { next(error); return; }
    const status = error.status ?? 400;
    const message = error.type === 'entity.too.large' ? `The request body is larger than ${limits.bodyLimitBytes} bytes`
      : error.type === 'encoding.invalid' ? 'The request body is not valid UTF-8'
        : 'The request body is not valid JSON';
    res.status(status).json(graphqlErrorBody(message, status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST'));
  };

  return {
    requireKey,
    /** In order, before Apollo's middleware on /graphql. */
    graphql: [cors({ origin: limits.corsOrigins.length > 0 ? limits.corsOrigins : false }), rateLimiter, authenticate, jsonBody, bodyErrors],
  };
}
