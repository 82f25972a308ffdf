import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { seedOrganisation, type SandboxSeed } from '../src/sandbox/seed';
import { chart, comparison, machine, table, writeReport, type Figures, type Row } from './report';
import { SCENARIOS, type Scenario } from './scenarios';
import type { Mode, Usage } from './target';

// npm run bench: the layer (as shipped, uncollapsed, cached and traced), the floor and the baseline,
// against emulators with a fixed latency, at each organisation size, under autocannon, BENCH_RUNS
// times over. Writes BENCHMARKS.md and bench/results/; BENCH_FROM=<results file> writes them again
// from a run's figures, measuring nothing.

const setting = (name: string, fallback: string) => process.env[name] ?? fallback;
const LATENCY_MS = Number(setting('BENCH_LATENCY_MS', '20'));
const SIZES = setting('BENCH_SIZES', '50,1000,10000').split(',').map(Number);
const DURATION_S = Number(setting('BENCH_DURATION_S', '10'));
const WARMUP_S = Number(setting('BENCH_WARMUP_S', '2'));
const CONNECTIONS = Number(setting('BENCH_CONNECTIONS', '10'));
const RUNS = Number(setting('BENCH_RUNS', '3'));
/** An older bench/results/latest.json to compare this run with. */
const BEFORE = process.env.BENCH_BEFORE;
/** A results file to report again instead of measuring. */
const FROM = process.env.BENCH_FROM;
// The layer first: every other mode's answers are checked against its.
const MODES: Mode[] = ['layer', 'floor', 'baseline', 'uncollapsed', 'cached', 'traced'];

/**
 * The servers and emulators run as deployed: compiled by tsc (as `npm start` runs them), not by tsx,
 * whose esbuild keeps function names by calling a helper on every function it makes, closures
 * made per request included; and with NODE_ENV=production, so graphql-js skips its development checks.
 */
const BUILD = path.join(__dirname, '..', 'dist-bench');
function build() {
  const root = path.join(__dirname, '..');
  // TypeScript 7's package exports no bin/ path to resolve: its tsc is found beside its package.json.
  const tsc = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.bench.json')], { stdio: 'inherit' });
  // The SDL is read from beside the compiled src/, as from dist/ (src/schema.ts).
  cpSync(path.join(root, 'schema'), path.join(BUILD, 'schema'), { recursive: true });
}

const children = new Set<ChildProcess>();
const start = (file: string, args: string[]) => {
  const child = fork(path.join(BUILD, 'bench', file.replace(/\.ts$/, '.js')), args, { env: { ...process.env, NODE_ENV: 'production' } });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
};
const reply = <T>(child: ChildProcess, message?: string) => new Promise<T>((resolve, reject) => {
  const exited = (code: number | null) => reject(new Error(`child exited (${code})`));
  child.once('exit', exited);
  child.once('message', (m) => { child.off('exit', exited); resolve(m as T); });
  if (message) child.send(message);
});
const stop = (child: ChildProcess) => new Promise((resolve) => { child.once('exit', resolve); child.kill(); });
process.on('exit', () => { for (const child of children) child.kill(); });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

interface Stats { calls: Record<string, number>; connections: Record<string, number> }
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

const body = (scenario: Scenario, seed: SandboxSeed, n: number) => JSON.stringify({ query: scenario.query, variables: scenario.variables(seed, n) });

/**
 * Load for `seconds`: autocannon's result, and each answered (2xx) request's latency in ms as
 * autocannon timed it (hrtime), before its histogram rounds it down to a whole millisecond.
 */
async function load(url: string, scenario: Scenario, seed: SandboxSeed, n: number, seconds: number) {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    autocannon({
      url, method: 'POST', connections: CONNECTIONS, duration: seconds,
      headers: { 'content-type': 'application/json' },
      body: body(scenario, seed, n),
      // A write must not repeat itself: every request gets new users.
      ...(scenario.fresh ? { requests: [{ setupRequest: (request) => ({ ...request, body: body(scenario, seed, n) }) }] } : {}),
    }, (error, done) => (error ? reject(error) : resolve(done)))
      .on('response', (_client, statusCode, _bytes, ms) => { if (statusCode >= 200 && statusCode < 300) latencies.push(ms); });
  });
  return { result, latencies };
}

/** The nearest-rank percentile (as autocannon's histogram takes it, without its rounding); NaN for no values. */
function percentile(values: number[], p: number) {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Where two JSON values first differ (object keys in any order), or undefined when they are equal. */
function difference(expected: unknown, actual: unknown, at: string): string | undefined {
  if (expected === actual) return undefined;
  if (typeof expected !== 'object' || typeof actual !== 'object' || !expected || !actual || Array.isArray(expected) !== Array.isArray(actual)) {
    return `${at}: expected ${JSON.stringify(expected)?.slice(0, 200)}, got ${JSON.stringify(actual)?.slice(0, 200)}`;
  }
  const [e, a] = [expected as Record<string, unknown>, actual as Record<string, unknown>];
  for (const key of new Set([...Object.keys(e), ...Object.keys(a)])) {
    const found = difference(e[key], a[key], Array.isArray(expected) ? `${at}[${key}]` : `${at}.${key}`);
    if (found) return found;
  }
  return undefined;
}

/**
 * One request before measuring: a scenario that answers errors would measure nothing useful, and a
 * mode that answers other data than the layer would measure other work. Returns the answer's data.
 * Errors twice in a row stop the bench; once, it asks again: the baseline's keep-alive sockets to
 * the emulators can meet a reset right after a load (ECONNRESET, seen once at N=10,000), and
 * RESTDataSource does not retry.
 */
async function check(url: string, mode: Mode, scenario: Scenario, seed: SandboxSeed, n: number, layerData: unknown, retry = true): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(scenario, seed, n) });
  const answer = (await res.json()) as { data?: unknown; errors?: unknown[] };
  if ((!res.ok || answer.errors) && retry && !scenario.fresh) return check(url, mode, scenario, seed, n, layerData, false);
  if (!res.ok || answer.errors) throw new Error(`${mode} ${scenario.name} at N=${n} answered ${res.status}: ${JSON.stringify(answer.errors).slice(0, 300)}`);
  // A write creates new users on every request: its answers differ by design.
  const found = scenario.fresh || layerData === undefined ? undefined : difference(layerData, answer.data, 'data');
  if (found) throw new Error(`${mode} answers ${scenario.name} at N=${n} unlike the layer, first at ${found}`);
  return answer.data;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Medians over the runs, peak RSS included (each run's process has its own peak, and V8 grows its
 * heap lazily, so one run's can be far from the others'); failures and requests add up. Latencies
 * only from the runs that had an answer: a run in which none came back has none (NaN; 0 ms in files
 * written from autocannon's histogram, before 2026-12-02).
 */
const summarise = (runs: Figures[]): Figures => {
  const of = (key: keyof Figures) => runs.map((r) => r[key]);
  const answered = runs.filter((r) => r.requests > 0 && Number.isFinite(r.p50));
  const latency = (key: 'p50' | 'p99') => (answered.length ? median(answered.map((r) => r[key])) : NaN);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  return {
    rps: median(of('rps')), p50: latency('p50'), p99: latency('p99'),
    callsPerRequest: median(of('callsPerRequest')), newConnections: median(of('newConnections')), cpuMsPerRequest: median(of('cpuMsPerRequest')),
    requests: sum(of('requests')), failures: sum(of('failures')), peakRssMb: median(of('peakRssMb')),
  };
};

/** Every mode at every size, BENCH_RUNS times over: a row per (N, mode, scenario), with its runs. */
async function measure(): Promise<Row[]> {
  build();
  const rows: Row[] = [];
  for (const n of SIZES) {
    const emulators = start('emulators.ts', [String(n), String(LATENCY_MS)]);
    const { upstreams } = await reply<{ upstreams: unknown }>(emulators);
    const seed = seedOrganisation(n);
    const layerData = new Map<string, unknown>();
    const runs = new Map<string, Figures[]>(MODES.flatMap((mode) => SCENARIOS.map((s) => [`${mode} ${s.name}`, []])));
    // Every mode once per run, run after run: drift over time touches every mode alike.
    for (let run = 1; run <= RUNS; run += 1) {
      for (const mode of MODES) {
        const target = start('target.ts', [mode, JSON.stringify(upstreams)]);
        const { port } = await reply<{ port: number }>(target);
        const measured: Figures[] = [];
        for (const scenario of SCENARIOS) {
          const url = `http://127.0.0.1:${port}${mode === 'floor' ? `/floor/${encodeURIComponent(scenario.name)}` : '/graphql'}`;
          await reply(emulators, 'reset');
          const data = await check(url, mode, scenario, seed, n, layerData.get(scenario.name));
          if (mode === 'layer' && !layerData.has(scenario.name)) layerData.set(scenario.name, data);
          await load(url, scenario, seed, n, WARMUP_S);
          await reply(emulators, 'clear');
          const cpuBefore = (await reply<Usage>(target, 'usage')).cpuMs;
          const { result, latencies } = await load(url, scenario, seed, n, DURATION_S);
          const cpuAfter = (await reply<Usage>(target, 'usage')).cpuMs;
          const { stats } = await reply<{ stats: Stats }>(emulators, 'stats');
          const figures: Figures = {
            rps: result.requests.average, p50: percentile(latencies, 50), p99: percentile(latencies, 99),
            requests: result.requests.total,
            callsPerRequest: total(stats.calls) / result.requests.total,
            newConnections: total(stats.connections),
            failures: result.errors + result.non2xx + result.timeouts,
            cpuMsPerRequest: (cpuAfter - cpuBefore) / result.requests.total,
            peakRssMb: NaN,
          };
          measured.push(figures);
          runs.get(`${mode} ${scenario.name}`)!.push(figures);
          console.log(`N=${n} run ${run}/${RUNS} ${mode.padEnd(8)} ${scenario.name.padEnd(20)} ${figures.rps.toFixed(0).padStart(6)} req/s  p50 ${figures.p50.toFixed(1)} ms  p99 ${figures.p99.toFixed(1)} ms  ${figures.cpuMsPerRequest.toFixed(2)} CPU ms/req  ${figures.callsPerRequest.toFixed(2)} calls/req  ${figures.newConnections} conns`);
        }
        const { maxRssMb } = await reply<Usage>(target, 'usage');
        for (const figures of measured) figures.peakRssMb = maxRssMb;
        await stop(target);
      }
    }
    for (const mode of MODES) {
      for (const scenario of SCENARIOS) {
        const figures = runs.get(`${mode} ${scenario.name}`)!;
        rows.push({ n, scenario: scenario.name, mode, ...summarise(figures), runs: figures });
      }
    }
    await stop(emulators);
  }
  return rows;
}

/** What a results file holds: the runs, and how and where they were made. */
interface Results { date: string; machine: string; command: string; settings: Settings; rows: Row[] }
interface Settings { latencyMs: number; durationS: number; warmupS: number; connections: number; runs: number; before?: string }

/** BENCHMARKS.md's generated part, the chart and bench/results/latest.json, from a run's results. */
function report({ date, machine: where, command, settings, rows }: Results) {
  const { latencyMs, durationS, warmupS, connections, runs, before: beforeFile } = settings;
  mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  writeFileSync(path.join(__dirname, 'results', 'latency.svg'), chart(rows));
  writeFileSync(path.join(__dirname, 'results', 'latest.json'), `${JSON.stringify({ date, machine: where, command, settings, rows }, null, 2)}\n`);
  const before = beforeFile ? (JSON.parse(readFileSync(beforeFile, 'utf8')) as { date: string; rows: Row[] }) : undefined;
  writeReport(path.join(__dirname, '..', 'BENCHMARKS.md'), [
    `Run on ${date}, ${where}.`,
    '',
    `Command: \`${command}\` (upstream latency ${latencyMs} ms, ${connections} connections; each mode measured ${runs} time${runs === 1 ? '' : 's'}, the modes taking turns, `
      + `each time a ${warmupS} s warm-up then ${durationS} s measured; latencies, req/s, CPU per request and peak RSS are the medians over those runs (RSS: of each run's process peak), every run's figures are in bench/results/latest.json). `
      + 'A run\'s p50 and p99 are taken from every answered request\'s own time (autocannon\'s hrtime, to the microsecond), not from its histogram, which rounds each down to a whole millisecond.',
    '',
    'Modes: **layer** (`startServer`, production limits), **floor** (the same upstream calls merged by hand, no GraphQL, each request merged and serialised on its own), '
      + '**baseline** (Apollo Server 5 standalone on the same subgraph schema, one `RESTDataSource` per vendor, merged by email in the resolvers: bench/baseline.ts), '
      + '**uncollapsed** (the layer with request collapsing off: every request executes, as the floor merges every request; the load sends identical queries, '
      + 'so with collapsing on, those arriving while one executes share its answer), **cached** (the layer with `CACHE_TTL_MS=10000`), **traced** (the layer with tracing on: every request sampled, its spans exported over OTLP/HTTP protobuf '
      + 'to a sink in the same process, with the SDK\'s default batching; the **layer** runs with tracing off). '
      + 'Before measuring, every read\'s `data` from the floor, the baseline and the uncollapsed, cached and traced layers was checked JSON-equal to the layer\'s. '
      + 'The `__typename` row makes no upstream call: it is the bare cost of one request through each server, so a cached row\'s p50 minus the `__typename` row\'s cached p50 at the same N is what a cached lookup adds to it.',
    '',
    table(rows),
    ...(before ? ['', `Before → after: ${beforeFile} (run on ${before.date}) → this run, for the rows both measured.`, '', comparison(before.rows, rows)] : []),
    '',
    '![p50 latency and overhead against N](bench/results/latency.svg)',
  ].join('\n'));
}

/**
 * Measures and reports; or, with BENCH_FROM=<results file>, reports that file's runs again without
 * measuring (after a change to how runs are summarised or shown).
 */
async function main() {
  if (FROM) {
    const results = JSON.parse(readFileSync(FROM, 'utf8')) as Results;
    report({ ...results, rows: results.rows.map((row) => ({ ...row, ...summarise(row.runs ?? [row]) })) });
  } else {
    const settings: Settings = { latencyMs: LATENCY_MS, durationS: DURATION_S, warmupS: WARMUP_S, connections: CONNECTIONS, runs: RUNS, before: BEFORE };
    const command = `${BEFORE ? `BENCH_BEFORE=${BEFORE} ` : ''}BENCH_LATENCY_MS=${LATENCY_MS} BENCH_SIZES=${SIZES.join(',')} BENCH_DURATION_S=${DURATION_S} BENCH_WARMUP_S=${WARMUP_S} BENCH_CONNECTIONS=${CONNECTIONS} BENCH_RUNS=${RUNS} npm run bench`;
    report({ date: new Date().toISOString().slice(0, 10), machine: machine(), command, settings, rows: await measure() });
  }
  console.log('wrote BENCHMARKS.md and bench/results/');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
