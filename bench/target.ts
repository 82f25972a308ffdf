import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AllUpstreams } from '../src/config';
import { DEFAULT_CACHE, DEFAULT_LIMITS, DEFAULT_RESILIENCE, DEFAULT_VENDOR_LIMITS, loadConfig, type TracingConfig } from '../src/config';
import { clientsFor, credentialsFor } from '../src/context';
import { createSourcePool } from '../src/http';
import { createLogger } from '../src/logger';
import { startServer } from '../src/server';
import { startBaseline } from './baseline';
import { floorHandlers, type AllClients } from './floor';

// What the load generator measures, in a process of its own: the layer (with or without the
// cache, tracing or collapsing), the floor, or the baseline. Reports its port, and when asked its
// peak RSS and the CPU time it has used so far.

export type Mode = 'layer' | 'uncollapsed' | 'cached' | 'traced' | 'floor' | 'baseline';

/** What the process has used: its peak RSS, and its CPU time (user and system, every thread's) since it started. */
export interface Usage { maxRssMb: number; cpuMs: number }

const logger = createLogger('warn');

async function startFloor(upstreams: AllUpstreams) {
  const pool = (source: Parameters<typeof createSourcePool>[0]) => createSourcePool(source, { resilience: DEFAULT_RESILIENCE, logger });
  const pools = { qualifi: pool('QUALIFI'), humanApi: pool('HUMAN_API'), qaSphere: pool('QA_SPHERE') };
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const { variables } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const clients = clientsFor(pools, upstreams, { requestId: 'floor', deadline: Date.now() + DEFAULT_RESILIENCE.requestDeadlineMs, logger }) as AllClients;
    const handlers = floorHandlers(clients, credentialsFor(req.headers, upstreams), upstreams.humanApi.appId);
    const data = await handlers[decodeURIComponent(req.url!.slice('/floor/'.length))](variables);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** An OTLP/HTTP endpoint that takes every export and keeps nothing, for the traced layer to export to. */
async function startTraceSink(): Promise<TracingConfig> {
  const sink = http.createServer((req, res) => { req.resume().on('end', () => res.writeHead(200).end()); });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  // The defaults an operator gets from setting the endpoint alone: protobuf, batched, every span sampled.
  return loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(sink.address() as AddressInfo).port}` }).tracing!;
}

async function startLayer(upstreams: AllUpstreams, cacheTtlMs: number, { tracing = null, collapsing = true }: { tracing?: TracingConfig | null; collapsing?: boolean } = {}) {
  const { url } = await startServer({
    port: 0, upstreams, logger,
    resilience: DEFAULT_RESILIENCE,
    // Production limits, but no per-client rate limit: one load generator is one client.
    limits: { ...DEFAULT_LIMITS, introspection: false, fieldSuggestions: false, rateLimitPerMinute: 1e9 },
    cache: { ...DEFAULT_CACHE, ttlMs: cacheTtlMs },
    // The bench's QA Sphere has no rate limit: the layer is measured, not the vendor's limit.
    vendorLimits: { ...DEFAULT_VENDOR_LIMITS, perSecond: { qualifi: null, humanApi: null, qaSphere: null } },
    gatewayKeys: [],
    tracing,
    collapsing,
  });
  return Number(new URL(url).port);
}

const STARTERS: Record<Mode, (upstreams: AllUpstreams) => Promise<number>> = {
  layer: (upstreams) => startLayer(upstreams, 0),
  uncollapsed: (upstreams) => startLayer(upstreams, 0, { collapsing: false }),
  cached: (upstreams) => startLayer(upstreams, 10_000),
  traced: async (upstreams) => startLayer(upstreams, 0, { tracing: await startTraceSink() }),
  floor: startFloor,
  baseline: startBaseline,
};

async function main() {
  const mode = process.argv[2] as Mode;
  const upstreams = JSON.parse(process.argv[3]) as AllUpstreams;
  const port = await STARTERS[mode](upstreams);
  process.on('message', () => {
    const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
    process.send!({ maxRssMb: maxRSS / 1024, cpuMs: (userCPUTime + systemCPUTime) / 1000 } satisfies Usage);
  });
  process.send!({ port });
}

void main();
