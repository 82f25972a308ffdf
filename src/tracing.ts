import type { IncomingMessage } from 'node:http';
import {
  ROOT_CONTEXT, SpanKind, SpanStatusCode, defaultTextMapGetter, defaultTextMapSetter, trace,
  type Attributes, type Context as TraceContext, type Span, type Tracer,
} from '@opentelemetry/api';
import type { ApolloServerPlugin } from '@apollo/server';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler, AlwaysOnSampler, BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, TracerProvider, type Sampler,
} from '@opentelemetry/sdk-trace';
import {
  ATTR_ERROR_TYPE, ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_REQUEST_RESEND_COUNT, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE,
  ATTR_SERVER_ADDRESS, ATTR_SERVER_PORT, ATTR_SERVICE_NAME, ATTR_URL_FULL, ATTR_URL_PATH, ATTR_URL_SCHEME,
} from '@opentelemetry/semantic-conventions';
import type { TracingConfig } from './config';
import type { Context } from './context';
import { errorCode, type Source } from './errors';

// OpenTelemetry traces, off unless configured. A request's trace is handed down explicitly (the
// context, then each upstream call's scope) rather than through a global context manager: no
// async hook runs on any request, traced or not, and nothing here is process-global, so replicas
// in one process (tests) each export their own.
//
// What a span may hold: operation names and types, the request id, the vendors' URLs with every
// query value and person's id replaced, statuses and error codes. Never a header value, a
// credential, a variable or a literal of the document, or anyone's data.

/** GraphQL's semantic conventions (still incubating, so copied rather than imported, as OpenTelemetry advises). */
const ATTR_GRAPHQL_OPERATION_NAME = 'graphql.operation.name';
const ATTR_GRAPHQL_OPERATION_TYPE = 'graphql.operation.type';
const ATTR_SOURCE = 'user_graph.source';
const ATTR_REQUEST_ID = 'user_graph.request_id';
/** The stable codes (README, "Errors") of the errors a GraphQL answer carried, or of a failed upstream call. */
const ATTR_ERROR_CODES = 'user_graph.error_codes';
const ATTR_ERROR_CODE = 'user_graph.error_code';
const REDACTED = 'REDACTED';

/** What the SERVER span of one /graphql request records; a request traced is handed one of these. */
export interface RequestTrace {
  /** For log lines: the OpenTelemetry log-correlation fields. */
  readonly logFields: { trace_id: string; span_id: string };
  // What happened on the way, as events on the phase now running (the execution, or the request).
  /** An upstream answer served from the cache (fresh, or stale while it is refreshed). */
  cacheHit(source: Source, lookup: 'hit' | 'stale'): void;
  /** The whole answer served from the cache. */
  responseCacheHit(): void;
  /** An upstream call shared with an identical one already in flight: its span is in the trace that made it. */
  sharedCall(source: Source): void;
  /** The whole answer of an identical query that was executing when this one arrived (collapsing.ts). */
  answerShared(): void;
  /** A call refused without being sent: the source's circuit is open. */
  circuitOpen(source: Source): void;
  /** The CLIENT span of one attempt at an upstream call, a child of the execution that made it (of the request, when sent ahead of it: prefetch.ts). */
  upstream(source: Source, method: string, url: string, redact: string | undefined, retry: number): UpstreamSpan;
  /** A child span for a phase of the request (parse, validate); returns how to end it. */
  phase(name: string): (error?: unknown) => void;
  /** The operation's span, named as GraphQL's conventions say ("query Users"): the parent of its upstream calls. */
  execution(): (error?: unknown) => void;
  operation(type: string, name: string | undefined): void;
  graphqlErrors(codes: readonly string[]): void;
  end(statusCode: number): void;
}

export interface UpstreamSpan {
  /** traceparent (and tracestate) for the vendor, so its own traces join this one. */
  readonly headers: Record<string, string>;
  /** The attempt waited this long for its turn under the vendor's rate limit. */
  waited(ms: number): void;
  /** The vendor answered with this status (whatever comes next). */
  answered(status: number): void;
  end(error?: unknown): void;
}

export interface Tracing {
  /** The SERVER span of one /graphql request, continuing the caller's traceparent when it sent one. */
  startRequest(req: IncomingMessage, requestId: string): RequestTrace;
  /** Parse, validation and execution as child spans, the operation's name and type, the errors' codes. */
  plugin: ApolloServerPlugin<Context>;
  /** Exports what is still queued, then stops. */
  shutdown(): Promise<void>;
}

const propagator = new W3CTraceContextPropagator();

function samplerFor({ name, ratio }: TracingConfig['sampler']): Sampler {
  const root = name.endsWith('always_off') ? new AlwaysOffSampler() : name.endsWith('traceidratio') ? new TraceIdRatioBasedSampler(ratio) : new AlwaysOnSampler();
  return name.startsWith('parentbased_') ? new ParentBasedSampler({ root }) : root;
}

/**
 * The vendor's URL as a span may show it: every query value, and the id of the person the call is
 * about, replaced (OpenTelemetry's url.full guidance); the path's shape and the host remain.
 */
function scrubbedUrl(url: URL, redact: string | undefined): string {
  const path = redact ? url.pathname.split('/').map((segment) => (segment === encodeURIComponent(redact) ? REDACTED : segment)).join('/') : url.pathname;
  const query = [...url.searchParams.keys()].map((key) => `${encodeURIComponent(key)}=${REDACTED}`).join('&');
  return `${url.origin}${path}${query ? `?${query}` : ''}`;
}

const failed = (span: Span, errorType: string) => {
  span.setAttribute(ATTR_ERROR_TYPE, errorType);
  span.setStatus({ code: SpanStatusCode.ERROR });
};

class TracedUpstreamCall implements UpstreamSpan {
  readonly headers: Record<string, string> = {};
  private status: number | undefined;
  constructor(private readonly span: Span) {
    propagator.inject(trace.setSpan(ROOT_CONTEXT, span), this.headers, defaultTextMapSetter);
  }
  waited(ms: number) { this.span.addEvent('user_graph.rate_limit.wait', { 'user_graph.wait_ms': Math.round(ms) }); }
  answered(status: number) {
    this.status = status;
    this.span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
  }
  end(error?: unknown) {
    if (error !== undefined) {
      const code = errorCode(error) ?? 'INTERNAL_SERVER_ERROR';
      this.span.setAttribute(ATTR_ERROR_CODE, code);
      // The status when the vendor answered with one (HTTP's convention), else what went wrong.
      failed(this.span, this.status !== undefined && this.status >= 400 ? String(this.status) : code);
    }
    this.span.end();
  }
}

class TracedRequest implements RequestTrace {
  readonly logFields: { trace_id: string; span_id: string };
  /** The span upstream calls hang from: the execution once it has started, the request before. */
  private parent: TraceContext;
  /** The span events go to: the execution while it runs, the request otherwise. */
  private current: Span;
  private operationLabel = 'graphql.execute';
  private operationAttributes: Attributes = {};
  constructor(private readonly tracer: Tracer, private readonly span: Span) {
    const { traceId, spanId } = span.spanContext();
    this.logFields = { trace_id: traceId, span_id: spanId };
    this.parent = trace.setSpan(ROOT_CONTEXT, span);
    this.current = span;
  }

  cacheHit(source: Source, lookup: 'hit' | 'stale') { this.current.addEvent('user_graph.cache.hit', { [ATTR_SOURCE]: source, 'user_graph.cache.lookup': lookup }); }
  responseCacheHit() { this.current.addEvent('user_graph.response_cache.hit'); }
  sharedCall(source: Source) { this.current.addEvent('user_graph.upstream.joined', { [ATTR_SOURCE]: source }); }
  answerShared() { this.current.addEvent('user_graph.answer.shared'); }
  circuitOpen(source: Source) { this.current.addEvent('user_graph.circuit_open', { [ATTR_SOURCE]: source }); }

  upstream(source: Source, method: string, url: string, redact: string | undefined, retry: number): UpstreamSpan {
    const target = new URL(url);
    const shown = scrubbedUrl(target, redact);
    const span = this.tracer.startSpan(`${method} ${shown.slice(target.origin.length).split('?', 1)[0]}`, {
      kind: SpanKind.CLIENT,
      attributes: {
        [ATTR_HTTP_REQUEST_METHOD]: method, [ATTR_URL_FULL]: shown, [ATTR_SERVER_ADDRESS]: target.hostname,
        [ATTR_SERVER_PORT]: Number(target.port) || (target.protocol === 'https:' ? 443 : 80), [ATTR_SOURCE]: source,
        ...(retry > 0 ? { [ATTR_HTTP_REQUEST_RESEND_COUNT]: retry } : {}),
      },
    }, this.parent);
    return new TracedUpstreamCall(span);
  }

  phase(name: string) { return this.ender(this.child(name)); }

  execution() {
    const span = this.child(this.operationLabel, this.operationAttributes);
    // What happens from here on, and every upstream call, hangs from the execution.
    this.parent = trace.setSpan(ROOT_CONTEXT, span);
    this.current = span;
    return this.ender(span);
  }

  private child(name: string, attributes?: Attributes) {
    return this.tracer.startSpan(name, { kind: SpanKind.INTERNAL, attributes }, trace.setSpan(ROOT_CONTEXT, this.span));
  }

  private ender(span: Span) {
    return (error?: unknown) => {
      if (error !== undefined) failed(span, errorCode(error) ?? (error as Error).name ?? 'Error');
      span.end();
      if (this.current === span) this.current = this.span;
    };
  }

  operation(type: string, name: string | undefined) {
    this.operationAttributes = { [ATTR_GRAPHQL_OPERATION_TYPE]: type, ...(name ? { [ATTR_GRAPHQL_OPERATION_NAME]: name } : {}) };
    this.operationLabel = name ? `${type} ${name}` : type;
    this.span.setAttributes(this.operationAttributes);
  }

  graphqlErrors(codes: readonly string[]) {
    this.span.setAttribute(ATTR_ERROR_CODES, [...new Set(codes)].sort());
  }

  end(statusCode: number) {
    this.span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, statusCode);
    // HTTP's convention for a server: only a 5xx is the server's failure.
    if (statusCode >= 500) failed(this.span, String(statusCode));
    this.span.end();
  }
}

const tracingPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart({ contextValue: { trace: requestTrace } }) {
    if (!requestTrace) return;
    return {
      async parsingDidStart() {
        const end = requestTrace.phase('graphql.parse');
        return async (error) => end(error);
      },
      async validationDidStart() {
        const end = requestTrace.phase('graphql.validate');
        return async (errors) => end(errors?.[0]);
      },
      // Before execution, so that an operation refused here (a read key's mutation) is named too.
      async didResolveOperation({ operation, operationName }) {
        if (operation) requestTrace.operation(operation.operation, operationName ?? undefined);
      },
      async executionDidStart() {
        const end = requestTrace.execution();
        return { async executionDidEnd(error) { end(error); } };
      },
      async didEncounterErrors({ errors }) {
        requestTrace.graphqlErrors(errors.map((error) => String(error.extensions?.code ?? errorCode(error.originalError) ?? 'INTERNAL_SERVER_ERROR')));
      },
    };
  },
};

export function createTracing(config: TracingConfig): Tracing {
  const exporterOptions = {
    url: config.endpoint, headers: config.headers, timeoutMillis: config.timeoutMs,
    compression: config.compression === 'gzip' ? CompressionAlgorithm.GZIP : CompressionAlgorithm.NONE,
  };
  const exporter = config.protocol === 'http/json' ? new JsonExporter(exporterOptions) : new ProtobufExporter(exporterOptions);
  const provider = new TracerProvider({
    resource: defaultResource().merge(resourceFromAttributes({ ...config.resourceAttributes, [ATTR_SERVICE_NAME]: config.serviceName })),
    sampler: samplerFor(config.sampler),
    spanProcessors: [new BatchSpanProcessor({ exporter, ...config.batch })],
  });
  const tracer = provider.getTracer('user-graph');
  return {
    startRequest(req, requestId) {
      const caller = propagator.extract(ROOT_CONTEXT, req.headers, defaultTextMapGetter);
      const method = (req.method ?? 'GET').toUpperCase();
      const span = tracer.startSpan(`${method} /graphql`, {
        kind: SpanKind.SERVER,
        attributes: { [ATTR_HTTP_REQUEST_METHOD]: method, [ATTR_HTTP_ROUTE]: '/graphql', [ATTR_URL_PATH]: '/graphql', [ATTR_URL_SCHEME]: 'http', [ATTR_REQUEST_ID]: requestId },
      }, caller);
      return new TracedRequest(tracer, span);
    },
    plugin: tracingPlugin,
    shutdown: () => provider.shutdown(),
  };
}
