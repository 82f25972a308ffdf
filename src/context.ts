import type { IncomingHttpHeaders } from 'node:http';
import type { Scope } from './auth';
import type { UpstreamsConfig } from './config';
import type { CreateLocks } from './createlocks';
import type { Caller } from './guards';
import { createHumanApiClient } from './humanapi/client';
import type { Source } from './errors';
import type { RequestScope, SourcePools } from './http';
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

export interface ContextInput extends RequestScope {
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

export function createContext({ pools, upstreams, headers, caller, createLocks, requestId, deadline, logger, trace }: ContextInput): Context {
  const credentials = credentialsFor(headers, upstreams);
  const sourcesRead = new Set<Source>();
  const clients = clientsFor(pools, upstreams, { requestId, deadline, logger, sourcesRead, trace });
  const loaders = createLoaders(clients, credentials, upstreams.humanApi?.appId ?? null);
  return {
    requestId, scope: caller.scope, caller: caller.id, createLocks, deadline, logger, clients, credentials, loaders, sourcesRead, answer: {}, trace,
    partialErrors: new PartialErrors(),
    afterWrite: async (source) => {
      if (source === 'qualifi') loaders.clearQualifi(); else loaders.clearHumanApi();
      await pools[source]?.invalidate();
    },
  };
}
