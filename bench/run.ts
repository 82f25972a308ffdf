import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { seedOrganisation, type SandboxSeed } from '../src/sandbox/seed';
import { chart, machine, table, writeReport, type Row } from './report';
import { SCENARIOS, type Scenario } from './scenarios';
import type { Mode } from './target';

// npm run bench: the layer, the cached layer and the floor, against emulators with a fixed
// latency, at each organisation size, under autocannon. Writes BENCHMARKS.md and bench/results/.

const setting = (name: string, fallback: string) => process.env[name] ?? fallback;
const LATENCY_MS = Number(setting('BENCH_LATENCY_MS', '20'));
const SIZES = setting('BENCH_SIZES', '50,1000,10000').split(',').map(Number);
const DURATION_S = Number(setting('BENCH_DURATION_S', '10'));
const WARMUP_S = Number(setting('BENCH_WARMUP_S', '2'));
const CONNECTIONS = Number(setting('BENCH_CONNECTIONS', '10'));
const MODES: Mode[] = ['floor', 'layer', 'cached'];

const children = new Set<ChildProcess>();
const start = (file: string, args: string[]) => {
  // As deployed: graphql-js skips its development-only checks in production.
  const child = fork(path.join(__dirname, file), args, { execArgv: ['--import', 'tsx'], env: { ...process.env, NODE_ENV: 'production' } });
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

function load(url: string, scenario: Scenario, seed: SandboxSeed, n: number, seconds: number) {
  return autocannon({
    url, method: 'POST', connections: CONNECTIONS, duration: seconds,
    headers: { 'content-type': 'application/json' },
    body: body(scenario, seed, n),
    // A write must not repeat itself: every request gets new users.
    ...(scenario.fresh ? { requests: [{ setupRequest: (request) => ({ ...request, body: body(scenario, seed, n) }) }] } : {}),
  });
}

/** One request before measuring: a scenario that answers errors would measure nothing useful. */
async function check(url: string, scenario: Scenario, seed: SandboxSeed, n: number) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(scenario, seed, n) });
  const answer = (await res.json()) as { errors?: unknown[] };
  if (!res.ok || answer.errors) throw new Error(`${scenario.name} at N=${n} answered ${res.status}: ${JSON.stringify(answer.errors).slice(0, 300)}`);
}

async function main() {
  const rows: Row[] = [];
  for (const n of SIZES) {
    const emulators = start('emulators.ts', [String(n), String(LATENCY_MS)]);
    const { upstreams } = await reply<{ upstreams: unknown }>(emulators);
    const seed = seedOrganisation(n);
    for (const mode of MODES) {
      const target = start('target.ts', [mode, JSON.stringify(upstreams)]);
      const { port } = await reply<{ port: number }>(target);
      const measured: Row[] = [];
      for (const scenario of SCENARIOS) {
        const url = `http://127.0.0.1:${port}${mode === 'floor' ? `/floor/${encodeURIComponent(scenario.name)}` : '/graphql'}`;
        await reply(emulators, 'reset');
        await check(url, scenario, seed, n);
        await load(url, scenario, seed, n, WARMUP_S);
        await reply(emulators, 'clear');
        const result = await load(url, scenario, seed, n, DURATION_S);
        const { stats } = await reply<{ stats: Stats }>(emulators, 'stats');
        const row: Row = {
          n, scenario: scenario.name, mode,
          rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99,
          requests: result.requests.total,
          callsPerRequest: total(stats.calls) / result.requests.total,
          newConnections: total(stats.connections),
          failures: result.errors + result.non2xx + result.timeouts,
          peakRssMb: NaN,
        };
        measured.push(row);
        console.log(`N=${n} ${mode.padEnd(6)} ${scenario.name.padEnd(20)} ${row.rps.toFixed(0).padStart(6)} req/s  p50 ${row.p50.toFixed(1)} ms  p99 ${row.p99.toFixed(1)} ms  ${row.callsPerRequest.toFixed(2)} calls/req  ${row.newConnections} conns`);
      }
      const { maxRssMb } = await reply<{ maxRssMb: number }>(target, 'rss');
      for (const row of measured) row.peakRssMb = maxRssMb;
      rows.push(...measured);
      await stop(target);
    }
    await stop(emulators);
  }

  const date = new Date().toISOString().slice(0, 10);
  mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  writeFileSync(path.join(__dirname, 'results', 'latency.svg'), chart(rows));
  writeFileSync(path.join(__dirname, 'results', 'latest.json'), `${JSON.stringify({ date, machine: machine(), rows }, null, 2)}\n`);
  const command = `BENCH_LATENCY_MS=${LATENCY_MS} BENCH_SIZES=${SIZES.join(',')} BENCH_DURATION_S=${DURATION_S} BENCH_WARMUP_S=${WARMUP_S} BENCH_CONNECTIONS=${CONNECTIONS} npm run bench`;
  writeReport(path.join(__dirname, '..', 'BENCHMARKS.md'), [
    `Run on ${date}, ${machine()}.`,
    '',
    `Command: \`${command}\` (upstream latency ${LATENCY_MS} ms, ${CONNECTIONS} connections, ${WARMUP_S} s warm-up, then ${DURATION_S} s measured; latencies are autocannon's percentiles over the measured run).`,
    '',
    table(rows),
    '',
    '![p50 latency and overhead against N](bench/results/latency.svg)',
  ].join('\n'));
  console.log('wrote BENCHMARKS.md and bench/results/');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
