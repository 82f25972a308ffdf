import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A request as a vendor emulator's router sees it. */
export interface EmulatorRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; undefined when there was none or it was not JSON (see rawBody). */
  body: unknown;
  rawBody: string;
}

export interface EmulatorReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * A fault the next matching request meets. `when: 'after'` lets the vendor do the work first
 * and then loses the answer: the shape of a write whose outcome the caller cannot know.
 */
export interface Fault {
  /** Only requests whose "METHOD /path" contains this are affected; all by default. */
  match?: string;
  when?: 'before' | 'after';
  /** Answer with this status and the vendor's error body (or `body`). */
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Answer with these bytes as application/json, valid JSON or not. */
  raw?: string;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Never answer (with `when: 'after'`, having done the work); the socket stays open until the caller gives up. */
  hang?: boolean;
  /** Destroy the connection without an answer. */
  reset?: boolean;
}

/** What a vendor emulator plugs into the harness. */
export interface VendorRouter {
  route(req: EmulatorRequest): EmulatorReply;
  /** The vendor's error body for a status, used by failNext. */
  errorBody(status: number, message: string): unknown;
  /** Forget per-run bookkeeping (rate windows); called by reset(). */
  reset?(): void;
}

export interface Emulator {
  url: string;
  /** "METHOD /path?query" of every request received, in order. */
  calls: string[];
  /** Headers of every request received, in order (for asserting the auth each vendor gets). */
  headers: IncomingHttpHeaders[];
  /** When each request arrived (ms since the epoch), in the order of `calls`. */
  arrivals: number[];
  /** The status of every answer sent, in the order they were sent. */
  statuses: number[];
  /** TCP connections accepted since start or the last reset. */
  connections(): number;
  /** Fixed latency added to every answer (benchmarks). */
  latencyMs: number;
  failNext(status: number, options?: Omit<Fault, 'status'>): void;
  inject(fault: Fault): void;
  /** Clears calls, headers, arrivals, statuses, faults and connection counts; the vendor's state is the router's. */
  clearLog(): void;
  close(): Promise<void>;
}

export interface EmulatorOptions {
  port?: number;
  latencyMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startEmulator(router: VendorRouter, { port = 0, latencyMs = 0 }: EmulatorOptions = {}): Promise<Emulator> {
  const calls: string[] = [];
  const headers: IncomingHttpHeaders[] = [];
  const arrivals: number[] = [];
  const statuses: number[] = [];
  const faults: Fault[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;

  const takeFault = (call: string) => {
    const i = faults.findIndex((f) => !f.match || call.includes(f.match));
    return i < 0 ? undefined : faults.splice(i, 1)[0];
  };

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://emulator');
    const call = `${req.method} ${url.pathname}${url.search}`;
    calls.push(call);
    headers.push(req.headers);
    arrivals.push(Date.now());

    const fault = takeFault(call);
    const route = () => {
      let body: unknown;
      try { body = rawBody ? JSON.parse(rawBody) : undefined; } catch { body = undefined; }
      return router.route({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body, rawBody });
    };
    // A fault that replaces the answer keeps the vendor from doing the work, unless it strikes after.
    const replaces = fault !== undefined && (fault.status !== undefined || fault.raw !== undefined || fault.reset || fault.hang);
    let reply = fault?.when === 'after' ? route() : undefined;
    if (emulator.latencyMs > 0) await sleep(emulator.latencyMs);
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.hang) return;
    if (!reply && !replaces) reply = route();
    if (fault?.reset) { req.socket.destroy(); return; }
    if (fault?.raw !== undefined) {
      statuses.push(fault.status ?? 200);
      res.writeHead(fault.status ?? 200, { 'content-type': 'application/json', ...fault.headers }).end(fault.raw);
      return;
    }
    if (fault?.status) {
      reply = { status: fault.status, body: fault.body ?? router.errorBody(fault.status, 'Injected failure'), headers: fault.headers };
    }
    reply ??= { status: 500, body: router.errorBody(500, 'Internal server error') };
    statuses.push(reply.status);
    send(res, reply);
  });
  server.on('connection', (socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;

  const emulator: Emulator = {
    url: `http://127.0.0.1:${bound}`,
    calls,
    headers,
    arrivals,
    statuses,
    connections: () => connections,
    latencyMs,
    failNext: (status, options = {}) => { faults.push({ ...options, status }); },
    inject: (fault) => { faults.push(fault); },
    clearLog: () => { calls.length = 0; headers.length = 0; arrivals.length = 0; statuses.length = 0; faults.length = 0; connections = 0; },
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
  return emulator;
}

function send(res: http.ServerResponse, { status, body, headers }: EmulatorReply) {
  if (body === undefined) { res.writeHead(status, headers).end(); return; }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
}

/** An emulator that owns a deep copy of a vendor's state, so tests never share users. */
export type VendorEmulator<S> = Emulator & {
  /** The vendor's current state, as the emulator's own writes left it. */
  readonly state: S;
  /** Back to the initial state, with empty logs. */
  reset(): void;
};

export async function startVendorEmulator<S>(initial: S, makeRouter: (state: () => S) => VendorRouter, options?: EmulatorOptions): Promise<VendorEmulator<S>> {
  let state = structuredClone(initial);
  const router = makeRouter(() => state);
  const emulator = await startEmulator(router, options);
  return Object.defineProperties(emulator, {
    state: { get: () => state },
    reset: { value: () => { state = structuredClone(initial); router.reset?.(); emulator.clearLog(); } },
  }) as VendorEmulator<S>;
}
