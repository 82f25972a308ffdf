import http from 'node:http';
import type { AddressInfo } from 'node:net';

// An OTLP/HTTP trace receiver, as a collector would be: it takes what the gateway exports, and
// keeps both the raw payloads (to search for what must never be there) and the spans they hold.

export interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** OTLP's numbers: 1 internal, 2 server, 3 client. */
  kind: number;
  attributes: Record<string, unknown>;
  events: { name: string; attributes: Record<string, unknown> }[];
  status: { code?: number };
  resource: Record<string, unknown>;
}

export const SPAN_KIND = { INTERNAL: 1, SERVER: 2, CLIENT: 3 } as const;
export const STATUS_ERROR = 2;

type OtlpAttribute = { key: string; value: Record<string, unknown> };

/** OTLP/JSON's typed values as plain ones. */
function attributes(list: OtlpAttribute[] = []): Record<string, unknown> {
  const plain = (value: Record<string, unknown>): unknown => {
    if ('intValue' in value) return Number(value.intValue);
    if ('arrayValue' in value) return ((value.arrayValue as { values?: Record<string, unknown>[] }).values ?? []).map(plain);
    return Object.values(value)[0];
  };
  return Object.fromEntries(list.map(({ key, value }) => [key, plain(value)]));
}

export async function startOtlpReceiver() {
  const payloads: { path: string; contentType: string; body: Buffer }[] = [];
  const spans: ExportedSpan[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const contentType = req.headers['content-type'] ?? '';
      payloads.push({ path: req.url ?? '', contentType, body });
      if (contentType.startsWith('application/json')) {
        for (const resourceSpans of JSON.parse(String(body)).resourceSpans ?? []) {
          const resource = attributes(resourceSpans.resource?.attributes);
          for (const scope of resourceSpans.scopeSpans ?? []) {
            for (const span of scope.spans ?? []) {
              spans.push({
                traceId: span.traceId, spanId: span.spanId, parentSpanId: span.parentSpanId || undefined, name: span.name, kind: span.kind,
                attributes: attributes(span.attributes), status: span.status ?? {}, resource,
                events: (span.events ?? []).map((e: { name: string; attributes?: OtlpAttribute[] }) => ({ name: e.name, attributes: attributes(e.attributes) })),
              });
            }
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** Waits (not a timing assertion: exports are batched) until the spans satisfy `ready`. */
  async function waitFor(ready: (spans: ExportedSpan[]) => boolean, what: string) {
    for (let waited = 0; !ready(spans); waited += 20) {
      if (waited > 10_000) throw new Error(`the receiver never got ${what}; it has ${spans.map((s) => s.name).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return spans;
  }

  return {
    url,
    /** What points a gateway's traces here: http/json, exported within a few ms of a span's end. */
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_SERVICE_NAME: 'user-graph-test', OTEL_BSP_SCHEDULE_DELAY: '5',
    },
    payloads,
    spans,
    waitFor,
    /** Every payload as text, for searching what must never be exported. */
    raw: () => payloads.map((p) => p.body.toString('latin1')).join('\n'),
    clear() { payloads.length = 0; spans.length = 0; },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
