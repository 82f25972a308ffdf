import type { IncomingHttpHeaders } from 'node:http';
import type { UpstreamsConfig } from './config';
import { createLoaders, type Clients, type Credentials, type Loaders } from './loaders';
import { PartialErrors } from './partial';

/** Everything request-specific lives here and nowhere else. */
export interface Context {
  clients: Clients;
  credentials: Credentials;
  loaders: Loaders;
  partialErrors: PartialErrors;
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
  const qaSphereKey = upstreams.qaSphere.apiKey;
  return {
    qualifiApiKey: header(headers, 'x-qualifi-api-key') ?? upstreams.qualifi.apiKey,
    humanApiAppKey: header(headers, 'x-humanapi-app-key') ?? upstreams.humanApi.appKey,
    qaSphereAuthorization: header(headers, 'x-qasphere-authorization') ?? (qaSphereKey ? `Bearer ${qaSphereKey}` : null),
  };
}

export function createContext(clients: Clients, upstreams: UpstreamsConfig, headers: IncomingHttpHeaders): Context {
  const credentials = credentialsFor(headers, upstreams);
  return { clients, credentials, loaders: createLoaders(clients, credentials, upstreams.humanApi.appId), partialErrors: new PartialErrors() };
}
