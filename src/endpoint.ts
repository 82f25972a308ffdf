import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Collapsing, SentAnswer } from './collapsing';
import type { Context } from './context';
import { graphqlErrorBody } from './errors';
import type { Caller, GuardedRequest } from './guards';
import type { Logger } from './logger';
import type { RequestTrace, Tracing } from './tracing';
import { isRefusal, type GraphQLHttpRequest, type Refusal } from './trusteddocuments';

// /graphql on plain node:http, as Apollo's standalone server serves it: the guards, then the
// answer of an identical request executing now (collapsing.ts), or Apollo's
// executeHTTPGraphQLRequest and its answer (the upstream reads an identical request made just
// before sent first: prefetch.ts), or the cached bytes of an identical one. Express keeps the
// other routes; a GraphQL request pays for no router.

const REQUEST_ID = /^[\w.:-]{1,128}$/;
/** Answers up to this many characters are sent as strings (see below). */
const STRING_BODY_MAX = 64 * 1024;

/** The caller's X-Request-Id when it is a short token, else a new one; echoed in the response. */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

export interface EndpointOptions {
  apollo: ApolloServer<Context>;
  /** The guards: who the caller is and what it may do, or null once they have answered the request themselves. */
  admit(req: GuardedRequest, res: ServerResponse): Promise<Caller | null>;
  context(req: GuardedRequest, caller: Caller, requestId: string, trace: RequestTrace | undefined): Context;
  logger: Logger;
  /** When tracing is on: a SERVER span for every request, refused ones included. */
  tracing?: Tracing;
  /** With trusted documents: the document a request names by id, or its refusal (trusteddocuments.ts). */
  resolveDocument?: (request: GraphQLHttpRequest) => GraphQLHttpRequest | Refusal;
  /** Identical queries in flight answered once (collapsing.ts); none: every request executes. */
  collapsing?: Collapsing;
}

export function graphqlEndpoint({ apollo, admit, context, logger, tracing, resolveDocument, collapsing }: EndpointOptions) {
  return async (req: GuardedRequest, res: ServerResponse) => {
    const requestId = requestIdFor(req, res);
    const trace = tracing?.startRequest(req, requestId);
    let requestContext: Context | undefined;
    let sent: SentAnswer | undefined;
    try {
      const caller = await admit(req, res);
      if (caller === null) return;
      // An identical request executing now answers this one before Apollo (collapsing.ts).
      const doorKey = collapsing?.doorKey(req, caller);
      const waiting = doorKey === undefined ? undefined : collapsing!.waitAtTheDoor(doorKey, trace);
      const shared = waiting && await waiting;
      if (shared !== undefined) {
        for (const [name, value] of shared.headers) res.setHeader(name, value);
        res.end(shared.body);
        return;
      }
      const headers = new HeaderMap();
      for (const name in req.headers) {
        const value = req.headers[name];
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const url = req.url ?? '';
      const query = url.indexOf('?');
      let request: GraphQLHttpRequest = { method: (req.method ?? 'GET').toUpperCase(), search: query === -1 ? '' : url.slice(query), body: req.body };
      if (resolveDocument) {
        const resolved = resolveDocument(request);
        if (isRefusal(resolved)) {
          res.writeHead(resolved.status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(graphqlErrorBody(resolved.message, resolved.code)));
          return;
        }
        request = resolved;
      }
      const contextValue = requestContext = context(req, caller, requestId, trace);
      // Having waited at the door for an answer with errors, it executes on its own; else it may lead.
      if (waiting !== undefined) contextValue.answer.alone = true;
      // The reads it sent (prefetch.ts) leave on the next tick, once node:http has given each its
      // socket; Apollo's pipeline runs on microtasks, so without this they would wait for all of it.
      else if (doorKey !== undefined && collapsing!.lead(doorKey, contextValue)) await new Promise<void>((resolve) => { process.nextTick(resolve); });
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { ...request, headers },
        context: async () => contextValue,
      });
      for (const [name, value] of response.headers) res.setHeader(name, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        const answer = requestContext?.answer;
        const fresh = response.body.string;
        if (answer?.cached === undefined && answer?.keep) await Promise.all(answer.keep.map((keep) => keep(fresh)));
        const body = answer?.cached ?? fresh;
        // A big answer as bytes: given a string, end() measures it, then joins the headers to it,
        // flattening Apollo's JSON-plus-newline twice (5 MB each, for 10,000 people) inside V8's
        // heap. A small one as a string, joined to the headers: one write, not a writev of two.
        // Requests sharing a big answer (collapsing.ts) write the one Buffer its first request made.
        const bytes = typeof body === 'string' && body.length > STRING_BODY_MAX ? Buffer.from(body) : body;
        res.end(bytes);
        sent = { body: bytes, headers: response.headers };
        return;
      }
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (error) {
      logger.error({ err: error, requestId, ...trace?.logFields }, 'unexpected error serving /graphql');
      if (res.headersSent) { res.destroy(); return; }
      res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(graphqlErrorBody('Internal server error', 'INTERNAL_SERVER_ERROR')));
    } finally {
      requestContext?.answer.sent?.(sent);
      trace?.end(res.statusCode);
    }
  };
}
