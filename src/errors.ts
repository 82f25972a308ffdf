import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Source } from './__generated__/resolvers-types';

export type { Source };

/** A bad setting found at start-up: its message is a sentence naming the variable, never its value if secret. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Codes are part of the public contract: never rename one once shipped. */
export type ErrorCode =
  | 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'RATE_LIMITED'
  | 'UPSTREAM_UNAVAILABLE' | 'UPSTREAM_TIMEOUT' | 'UPSTREAM_CONTRACT' | 'SOURCE_NOT_CONFIGURED';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'BAD_USER_INPUT', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN',
  404: 'NOT_FOUND', 422: 'BAD_USER_INPUT', 429: 'RATE_LIMITED',
};

/** Longest vendor message passed on: enough to explain, too short to smuggle a payload back. */
const MAX_VENDOR_MESSAGE = 300;

/**
 * The one mapping from an upstream's HTTP answer to a GraphQL error, used by all three clients.
 * `extensions` never carries an upstream URL, body, header or key; those stay in the log.
 * Only a rejection of input (400/422) passes the vendor's own message on, since it names what was wrong.
 */
export function upstreamError(source: Source, status: number, vendorMessage?: string, retryAfterMs?: number) {
  const code = CODE_BY_STATUS[status] ?? 'UPSTREAM_UNAVAILABLE';
  const message = code === 'BAD_USER_INPUT' && vendorMessage
    ? `${source} rejected the input: ${vendorMessage.slice(0, MAX_VENDOR_MESSAGE)}`
    : `${source} answered ${status}`;
  const error = new GraphQLError(message, { extensions: { code, source, upstreamStatus: status } });
  // For the retry loop only: the vendor's Retry-After is not part of what callers are shown.
  if (retryAfterMs !== undefined) RETRY_AFTER.set(error, retryAfterMs);
  return error;
}

const RETRY_AFTER = new WeakMap<GraphQLError, number>();
/** The Retry-After (ms) a vendor sent with the answer behind this error, if any. */
export const retryAfterOf = (error: unknown) => (error instanceof GraphQLError ? RETRY_AFTER.get(error) : undefined);

export function networkError(source: Source) {
  return new GraphQLError(`${source} could not be reached`, { extensions: { code: 'UPSTREAM_UNAVAILABLE', source } });
}

export function timeoutError(source: Source, ms: number, why = `it did not answer within ${ms} ms`) {
  return new GraphQLError(`${source} timed out: ${why}`, { extensions: { code: 'UPSTREAM_TIMEOUT', source } });
}

/**
 * Our count of a vendor's rate limit (vendorlimit.ts) gives this call no turn before the request's
 * deadline: nothing was sent. `retryAfter` (seconds) is when a turn frees up.
 */
export function rateLimitedError(source: Source, waitMs: number) {
  const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
  return new GraphQLError(`${source} allows no more calls with this credential for now: retry after ${retryAfter} s`, {
    extensions: { code: 'RATE_LIMITED', source, retryAfter },
  });
}

/** The source's circuit is open after repeated failures: fail fast instead of adding to its load. */
export function circuitOpenError(source: Source) {
  return new GraphQLError(`${source} is unavailable: its circuit is open after repeated failures; it will be tried again shortly`, {
    extensions: { code: 'UPSTREAM_UNAVAILABLE', source, circuit: 'open' },
  });
}

export function contractError(source: Source, detail: string) {
  return new GraphQLError(`${source} answered outside its documented contract: ${detail}`, { extensions: { code: 'UPSTREAM_CONTRACT', source } });
}

/** No credential configured and none forwarded: refuse before anything is sent. */
export function missingCredentialError(source: Source, header: string) {
  return new GraphQLError(`No credential for ${source}: configure one or send the ${header} header`, { extensions: { code: 'UNAUTHENTICATED', source } });
}

/** The variables that configure each source (config.ts reads them). */
const CONFIGURED_BY: Record<Source, string> = {
  QUALIFI: 'QUALIFI_API_KEY (and QUALIFI_BASE_URL if it is not https://api.prod.qualifi.hr)',
  HUMAN_API: 'HUMANAPI_APP_ID and HUMANAPI_APP_KEY',
  QA_SPHERE: 'QASPHERE_BASE_URL and QASPHERE_API_KEY',
};

/** This deployment does not have the source, and only it could answer: nothing was sent. */
export function sourceNotConfiguredError(source: Source) {
  return new GraphQLError(`${source} is not configured on this gateway: set ${CONFIGURED_BY[source]} to use it`, {
    extensions: { code: 'SOURCE_NOT_CONFIGURED', source },
  });
}

export interface FieldProblem {
  /** Where in the arguments, e.g. `input.users[2].teamIds`. */
  field: string;
  message: string;
}

/** Input that breaks a documented rule, caught before anything is sent upstream: every problem at once. */
export function badInputError(problems: FieldProblem[]) {
  const message = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', fields: problems } });
}

/** A GraphQL-shaped error answer for refusals made before Apollo sees the request (HTTP guards). */
export const graphqlErrorBody = (message: string, code: string) => ({ errors: [{ message, extensions: { code } }] });

/** The `code` of an error this layer raised, or undefined for anything unexpected. */
export function errorCode(error: unknown): string | undefined {
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Apollo's formatError: errors with a code pass as they are; anything unexpected (a bug, a
 * library's exception) is masked, since its message may hold internals. The log keeps it whole.
 */
export function formatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  return formatted.extensions?.code === 'INTERNAL_SERVER_ERROR' ? { ...formatted, message: 'Internal server error' } : formatted;
}
