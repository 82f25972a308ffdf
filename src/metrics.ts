import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Source } from './errors';
import type { CircuitStateName } from './http';

/** Operation names come from callers: only plain names, and only so many, become label values. */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export type Metrics = ReturnType<typeof createMetrics>;

/**
 * Prometheus metrics (prom-client), one registry per server so replicas in one process (tests)
 * never mix their figures. Served at GET /metrics.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'user_graph_' });
  const registers = [registry];

  const requests = new Histogram({
    name: 'user_graph_graphql_request_duration_seconds',
    help: 'GraphQL requests by operation, type and outcome (ok, or the first error code)',
    labelNames: ['operation', 'type', 'outcome'], registers,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  const upstream = new Histogram({
    name: 'user_graph_upstream_request_duration_seconds',
    help: 'Calls to each vendor by method and HTTP status (or network, timeout)',
    labelNames: ['source', 'method', 'status'], registers,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  const upstreamErrors = new Counter({
    name: 'user_graph_upstream_errors_total',
    help: 'Failed vendor calls by source and error code (after retries, as callers see them)',
    labelNames: ['source', 'code'], registers,
  });
  const cacheLookups = new Counter({
    name: 'user_graph_cache_lookups_total',
    help: 'Cross-request cache lookups by source and result: hit, stale (served while refreshing) or miss',
    labelNames: ['source', 'result'], registers,
  });
  const responseCacheLookups = new Counter({
    name: 'user_graph_response_cache_lookups_total',
    help: 'Whole-answer cache lookups by result: hit (answered without executing) or miss',
    labelNames: ['result'], registers,
  });
  const collapsedQueries = new Counter({
    name: 'user_graph_collapsed_queries_total',
    help: 'Queries that arrived while an identical one was executing, by result: shared (its answer sent) or executed (its answer had errors, so executed again)',
    labelNames: ['result'], registers,
  });
  const createLockWaits = new Histogram({
    name: 'user_graph_create_lock_wait_seconds',
    help: 'How long each createApiUsers waited for its emails\' create locks (another create of the same email in flight)',
    registers, buckets: [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  const idempotentRequests = new Counter({
    name: 'user_graph_idempotent_requests_total',
    help: 'Mutations sent with an Idempotency-Key by result: executed, replayed, or refused (in_use, reused, malformed)',
    labelNames: ['result'], registers,
  });
  const vendorWaits = new Histogram({
    name: 'user_graph_vendor_rate_limit_wait_seconds',
    help: "Calls that waited for their turn under a vendor's rate limit (counted here, across replicas), and how long, by source",
    labelNames: ['source'], registers,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  const vendorRefusals = new Counter({
    name: 'user_graph_vendor_rate_limited_total',
    help: "Calls never sent, by source: their turn under the vendor's rate limit would have come after the request deadline (RATE_LIMITED)",
    labelNames: ['source'], registers,
  });
  const circuits = new Map<Source, () => CircuitStateName>();
  new Gauge({
    name: 'user_graph_circuit_state',
    help: "Each source's circuit breaker: 1 for its current state",
    labelNames: ['source', 'state'], registers,
    collect() {
      this.reset();
      for (const [source, state] of circuits) this.set({ source, state: state() }, 1);
    },
  });

  const operations = new Set<string>();
  const operationLabel = (name: string | null | undefined) => {
    if (!name || !OPERATION_NAME.test(name)) return 'anonymous';
    if (!operations.has(name) && operations.size >= MAX_OPERATION_NAMES) return 'other';
    operations.add(name);
    return name;
  };

  const graphqlRequest = (operationName: string | null | undefined, type: string, outcome: string, seconds: number) =>
    requests.observe({ operation: operationLabel(operationName), type, outcome }, seconds);

  const plugin: ApolloServerPlugin = {
    async requestDidStart() {
      const started = performance.now();
      return {
        // Runs after partialErrorsPlugin, so errors reported beside data count too.
        async willSendResponse({ operationName, operation, response }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const outcome = errors?.length ? String(errors[0].extensions?.code ?? 'INTERNAL_SERVER_ERROR') : 'ok';
          graphqlRequest(operationName, operation?.operation ?? 'unknown', outcome, (performance.now() - started) / 1000);
        },
      };
    },
  };

  return {
    registry,
    plugin,
    /** A request answered without Apollo (collapsing.ts's door): counted as the plugin counts the others. */
    graphqlRequest,
    upstreamCall: (source: Source, method: string, status: number | 'network' | 'timeout', ms: number) =>
      upstream.observe({ source, method, status: String(status) }, ms / 1000),
    upstreamError: (source: Source, code: string) => upstreamErrors.inc({ source, code }),
    cacheLookup: (source: Source, result: 'hit' | 'stale' | 'miss') => cacheLookups.inc({ source, result }),
    responseCacheLookup: (result: 'hit' | 'miss') => responseCacheLookups.inc({ result }),
    collapsedQuery: (result: 'shared' | 'executed') => collapsedQueries.inc({ result }),
    createLockWait: (seconds: number) => createLockWaits.observe(seconds),
    idempotentRequest: (result: 'executed' | 'replayed' | 'in_use' | 'reused' | 'malformed') => idempotentRequests.inc({ result }),
    vendorRateLimitWait: (source: Source, seconds: number) => vendorWaits.observe({ source }, seconds),
    vendorRateLimited: (source: Source) => vendorRefusals.inc({ source }),
    watchCircuit: (source: Source, state: () => CircuitStateName) => { circuits.set(source, state); },
  };
}
