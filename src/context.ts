import type { IncomingHttpHeaders } from 'node:http';
import type { Scope } from './auth';
import type { UpstreamsConfig } from './config';
import type { CreateLocks } from './createlocks';
import type { Caller } from './guards';
import { createHumanApiClient } from './humanapi/client';
import type { Source } from './errors';
import type { RequestScope, SourcePools, UpstreamRead } from './http';
import { createLoaders, type Clients, type Credentials, type Loaders } from './loaders';
import type { Logger } from './logger';
import { PartialErrors } from './partial';
import { createQaSphereClient } from './qasphere/client';
import { createQualifiClient } from './qualifi/client';
import type { AnswerSlot } from './responsecache';
import type { RequestTrace } from './tracing';

/** Everything request-specific lives here and nowhere else. */
export interface Context {
  requestId: string;
  /** What the caller's gateway key allows. */
  scope: Scope;
  /** Who the caller is (guards.ts): a hash of its gateway key, or its address. */
  caller: string;
  /** One create per email at a time, across replicas (shared by every request). */
  createLocks: CreateLocks;
  /** When this request's upstream calls must be done by (ms since the epoch). */
  deadline: number;
  logger: Logger;
  clients: Clients;
  credentials: Credentials;
  loaders: Loaders;
  partialErrors: PartialErrors;
  /** The sources this request has read from so far. */
  sourcesRead: Set<Source>;
  /** This request's trace, when tracing is on (tracing.ts). */
  trace?: RequestTrace;
  /** When it leads at the door: the upstream reads it makes, for the next identical request (prefetch.ts). */
  reads?: UpstreamRead[];
  /** A whole answer from the cache to send, or how to keep this one (responsecache.ts). */
  answer: AnswerSlot;
  /** After a write to a source (landed or not): drop this request's loaders and every replica's cached answers. */
  afterWrite(source: 'qualifi' | 'humanApi'): Promise<void>;
}

const header = (headers: IncomingHttpHeaders, name: string) => {
  const value = headers[name];
  return typeof value === 'string' && value.trim() ? value.trim() : null;
};

/**
 * A caller may bring its own credential for a source, for this request only; otherwise the
 * configured one is used. QA Sphere's is a whole Authorization value, so OAuth tokens pass too.
 */
export function credentialsFor(headers: IncomingHttpHeaders, upstreams: UpstreamsConfig): Credentials {
  const qaSphereKey = upstreams.qaSphere?.apiKey;
  return {
    qualifiApiKey: header(headers, 'x-qualifi-api-key') ?? upstreams.qualifi?.apiKey ?? null,
    humanApiAppKey: header(headers, 'x-humanapi-app-key') ?? upstreams.humanApi?.appKey ?? null,
    qaSphereAuthorization: header(headers, 'x-qasphere-authorization') ?? (qaSphereKey ? `Bearer ${qaSphereKey}` : null),
  };
}

/**
 * The configured sources' clients, bound to this request's id, deadline and logger; connections
 * stay pooled per source. A source without a pool is not configured: it gets no client, so no
 * credential, forwarded or not, can make anything reach it.
 */
export function clientsFor(pools: SourcePools, upstreams: UpstreamsConfig, scope: RequestScope): Clients {
  const { qualifi, humanApi, qaSphere } = upstreams;
  return {
    qualifi: qualifi && pools.qualifi && createQualifiClient(qualifi.baseUrl, pools.qualifi.forRequest(scope)),
    humanApi: humanApi && pools.humanApi && createHumanApiClient(humanApi.baseUrl, pools.humanApi.forRequest(scope)),
    qaSphere: qaSphere && pools.qaSphere && createQaSphereClient(qaSphere.baseUrl, pools.qaSphere.forRequest(scope)),
  };
}

export interface ContextInput {
  requestId: string;
  deadline: number;
  /** The server's logger: the request's own, bound to its id, is made when something first logs. */
  logger: Logger;
  trace?: RequestTrace;
  pools: SourcePools;
  upstreams: UpstreamsConfig;
  headers: IncomingHttpHeaders;
  caller: Caller;
  createLocks: CreateLocks;
}

/**
 * What anything kept across requests for a caller must be keyed by (hashed, never stored as it is):
 * where the vendors are, and every credential in force for the request, configured or forwarded.
 */
export const answerOwner = (upstreams: UpstreamsConfig, { credentials }: Context) => [
  upstreams.qualifi?.baseUrl, upstreams.humanApi?.baseUrl, upstreams.humanApi?.appId, upstreams.qaSphere?.baseUrl,
  credentials.qualifiApiKey, credentials.humanApiAppKey, credentials.qaSphereAuthorization,
];

/**
 * A request's context. Its logger, clients and loaders are made on first use: most requests never
 * log, and a shared, cached or `__typename` answer reaches no source. What is made is kept in `made`,
 * which the copy Apollo hands resolvers (an Object.assign of this) shares, so it is made once.
 */
class RequestContext implements Context {
  readonly requestId: string;
  readonly scope: Scope;
  readonly caller: string;
  readonly createLocks: CreateLocks;
  readonly deadline: number;
  readonly credentials: Credentials;
  readonly trace?: RequestTrace;
  readonly sourcesRead = new Set<Source>();
  readonly partialErrors = new PartialErrors();
  readonly answer: AnswerSlot = {};
  reads?: UpstreamRead[];
  ahead?: Map<string, Promise<unknown>>;
  readonly afterWrite: Context['afterWrite'];
  private readonly made: { logger?: Logger; clients?: Clients; loaders?: Loaders } = {};
  private readonly input: ContextInput;

  constructor(input: ContextInput) {
    const { made } = this;
    this.input = input;
    this.requestId = input.requestId;
    this.scope = input.caller.scope;
    this.caller = input.caller.id;
    this.createLocks = input.createLocks;
    this.deadline = input.deadline;
    this.trace = input.trace;
    this.credentials = credentialsFor(input.headers, input.upstreams);
    this.afterWrite = async (source) => {
      if (source === 'qualifi') made.loaders?.clearQualifi(); else made.loaders?.clearHumanApi();
      await input.pools[source]?.invalidate();
    };
  }

  get logger() {
    const { logger, requestId, trace } = this.input;
    return (this.made.logger ??= logger.child(trace ? { requestId, ...trace.logFields } : { requestId }));
  }

  get clients() {
    return (this.made.clients ??= clientsFor(this.input.pools, this.input.upstreams, this));
  }

  get loaders() {
    return (this.made.loaders ??= createLoaders(this.clients, this.credentials, this.input.upstreams.humanApi?.appId ?? null));
  }
}

export const createContext = (input: ContextInput): Context => new RequestContext(input);
