import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { Mode } from './target';

/** What one measured run of one (N, mode, scenario) gave. */
export interface Figures {
  rps: number;
  p50: number;
  p99: number;
  callsPerRequest: number;
  newConnections: number;
  requests: number;
  failures: number;
  /** The server process's CPU time (user and system) over the measured seconds, per answered request. */
  cpuMsPerRequest: number;
  peakRssMb: number;
}

/** One (N, mode, scenario): the medians of its runs, and the runs (absent from files written before BENCH_RUNS). */
export interface Row extends Figures {
  n: number;
  scenario: string;
  mode: Mode;
  runs?: Figures[];
}

const START = '<!-- bench:start (written by npm run bench; edits inside are lost) -->';
const END = '<!-- bench:end -->';
const COLORS = ['#1d4ed8', '#047857', '#b45309', '#7c3aed', '#be123c', '#0e7490', '#4d7c0f'];
const DASHES: Partial<Record<Mode, string>> = { floor: '5 4', baseline: '1 3' };

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const percent = (ratio: number) => (Number.isFinite(ratio) ? `${(ratio * 100).toFixed(0)}%` : 'n/a');
const times = (ratio: number) => (Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : 'n/a');
const find = (rows: Row[], n: number, scenario: string, mode: Mode) => rows.find((r) => r.n === n && r.scenario === scenario && r.mode === mode);
/** A figure of a row that may be missing (a mode not run, or an older file without it). */
const get = (row: Row | undefined, key: keyof Figures) => row?.[key] ?? NaN;

export function machine() {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
}

export function table(rows: Row[]) {
  const lines = [
    '| N | scenario | layer req/s | layer p50 / p99 ms | floor p50 ms | overhead p50 | ratio | baseline p50 ms | layer − baseline ms | upstream calls/req (layer, floor, baseline) | new TCP conns (layer) | peak RSS MB (layer, floor, baseline) | CPU ms/req (layer, uncollapsed, floor, baseline) | uncollapsed p50 ms | uncollapsed / floor | cached req/s | cached p50 ms | cache hit ratio | traced req/s | traced p50 ms |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const layer of rows.filter((r) => r.mode === 'layer')) {
    const [floor, baseline, uncollapsed, cached, traced] = (['floor', 'baseline', 'uncollapsed', 'cached', 'traced'] as const).map((mode) => find(rows, layer.n, layer.scenario, mode));
    lines.push(`| ${layer.n} | ${layer.scenario} | ${fixed(layer.rps, 0)} | ${fixed(layer.p50)} / ${fixed(layer.p99)} | ${fixed(get(floor, 'p50'))} | `
      + `${fixed(layer.p50 - get(floor, 'p50'))} ms | ${times(layer.p50 / get(floor, 'p50'))} | ${fixed(get(baseline, 'p50'))} | ${fixed(layer.p50 - get(baseline, 'p50'))} | `
      + `${fixed(layer.callsPerRequest, 2)}, ${fixed(get(floor, 'callsPerRequest'), 2)}, ${fixed(get(baseline, 'callsPerRequest'), 2)} | ${layer.newConnections} | `
      + `${fixed(layer.peakRssMb, 0)}, ${fixed(get(floor, 'peakRssMb'), 0)}, ${fixed(get(baseline, 'peakRssMb'), 0)} | `
      + `${[layer, uncollapsed, floor, baseline].map((row) => fixed(get(row, 'cpuMsPerRequest'), 2)).join(', ')} | `
      + `${fixed(get(uncollapsed, 'p50'))} | ${times(get(uncollapsed, 'p50') / get(floor, 'p50'))} | `
      + `${fixed(get(cached, 'rps'), 0)} | ${fixed(get(cached, 'p50'))} | ${percent(1 - get(cached, 'callsPerRequest') / layer.callsPerRequest)} | `
      + `${fixed(get(traced, 'rps'), 0)} | ${fixed(get(traced, 'p50'))} |`);
  }
  const failed = rows.filter((r) => r.failures > 0);
  if (failed.length) lines.push('', `Failed requests: ${failed.map((r) => `${r.mode} ${r.scenario} N=${r.n}: ${r.failures}`).join('; ')}.`);
  const unanswered = rows.filter((r) => r.runs?.some((run) => run.requests === 0));
  if (unanswered.length) {
    lines.push('', `Runs in which no answer came back within the measured seconds (their latencies are the medians of the other runs): ${
      unanswered.map((r) => `${r.mode} ${r.scenario} N=${r.n}: ${r.runs!.filter((run) => run.requests === 0).length} of ${r.runs!.length}`).join('; ')}.`);
  }
  return lines.join('\n');
}

/** An older run against this one, for the (N, scenario) both measured: layer p50 and its ratio to the floor, cached p50, peak RSS. */
export function comparison(before: Row[], after: Row[]) {
  const lines = [
    '| N | scenario | layer p50 ms | layer / floor p50 | cached p50 ms | peak RSS MB (layer) |',
    '| ---: | --- | ---: | ---: | ---: | ---: |',
  ];
  for (const layer of after.filter((r) => r.mode === 'layer')) {
    const old = find(before, layer.n, layer.scenario, 'layer');
    if (!old) continue;
    const change = (figure: (rows: Row[], layer: Row) => number, digits = 1) => `${fixed(figure(before, old), digits)} → ${fixed(figure(after, layer), digits)}`;
    lines.push(`| ${layer.n} | ${layer.scenario} | ${change((_, l) => l.p50)} | ${change((rows, l) => l.p50 / get(find(rows, l.n, l.scenario, 'floor'), 'p50'), 2)} | `
      + `${change((rows, l) => get(find(rows, l.n, l.scenario, 'cached'), 'p50'))} | ${change((_, l) => l.peakRssMb, 0)} |`);
  }
  return lines.join('\n');
}

/** p50 of layer (solid), floor (dashed) and baseline (dotted) against N, and the overhead ratio: log-log, hand-drawn SVG. */
export function chart(rows: Row[]) {
  const sizes = [...new Set(rows.map((r) => r.n))].sort((a, b) => a - b);
  const scenarios = [...new Set(rows.map((r) => r.scenario))];
  const W = 460, H = 300, M = { l: 56, r: 16, t: 30, b: 44 };
  const x = (n: number) => M.l + (sizes.length < 2 ? 0 : (Math.log10(n) - Math.log10(sizes[0])) / (Math.log10(sizes.at(-1)!) - Math.log10(sizes[0])) * (W - M.l - M.r));
  const panel = (title: string, offset: number, values: (s: string, mode: Row['mode']) => [number, number][], modes: Row['mode'][], yLabel: string) => {
    const all = scenarios.flatMap((s) => modes.flatMap((m) => values(s, m).map(([, v]) => v))).filter((v) => v > 0);
    const [lo, hi] = [Math.log10(Math.min(...all)) - 0.05, Math.log10(Math.max(...all)) + 0.05];
    const y = (v: number) => M.t + (1 - (Math.log10(v) - lo) / (hi - lo)) * (H - M.t - M.b);
    const ticks = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000].filter((t) => Math.log10(t) >= lo && Math.log10(t) <= hi);
    const grid = ticks.map((t) => `<line x1="${M.l}" x2="${W - M.r}" y1="${y(t)}" y2="${y(t)}" stroke="#e5e7eb"/><text x="${M.l - 6}" y="${y(t) + 4}" text-anchor="end">${t}</text>`).join('');
    const xs = sizes.map((n) => `<text x="${x(n)}" y="${H - M.b + 16}" text-anchor="middle">${n}</text>`).join('');
    const lines = scenarios.flatMap((s, i) => modes.map((m) => {
      const points = values(s, m).filter(([, v]) => v > 0).map(([n, v]) => `${x(n).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
      return `<polyline fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="2" ${DASHES[m] ? `stroke-dasharray="${DASHES[m]}"` : ''} points="${points}"/>`;
    })).join('');
    return `<g transform="translate(${offset},0)"><text x="${W / 2}" y="18" text-anchor="middle" font-weight="bold">${title}</text>${grid}${xs}`
      + `<text x="${W / 2}" y="${H - 8}" text-anchor="middle">N people per source (log)</text>`
      + `<text transform="translate(14,${H / 2}) rotate(-90)" text-anchor="middle">${yLabel}</text>${lines}</g>`;
  };
  const series = (s: string, m: Row['mode']) => sizes.map((n): [number, number] => [n, get(find(rows, n, s, m), 'p50')]);
  const ratio = (s: string) => sizes.map((n): [number, number] => [n, get(find(rows, n, s, 'layer'), 'p50') / get(find(rows, n, s, 'floor'), 'p50')]);
  // Five scenarios to a legend line.
  const legend = scenarios.map((s, i) => `<g transform="translate(${20 + (i % 5) * 180},${H + 14 + Math.floor(i / 5) * 18})"><line x1="0" x2="24" y1="0" y2="0" stroke="${COLORS[i % COLORS.length]}" stroke-width="3"/><text x="30" y="4">${s}</text></g>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W}" height="${H + 32 + Math.ceil(scenarios.length / 5) * 18}" font-family="sans-serif" font-size="11">`
    + '<rect width="100%" height="100%" fill="white"/>'
    + panel('p50 latency: layer (solid), floor (dashed), baseline (dotted)', 0, series, ['layer', 'floor', 'baseline'], 'ms (log)')
    + panel('overhead: layer p50 / floor p50', W, (s) => ratio(s), ['layer'], 'ratio (log)')
    + legend + '</svg>\n';
}

/** Replaces the generated part of BENCHMARKS.md, keeping what people wrote around it. */
export function writeReport(file: string, generated: string) {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : `# Benchmarks\n\n${START}\n${END}\n`;
  const [before, rest] = current.split(START);
  const after = rest?.split(END)[1] ?? '\n';
  writeFileSync(file, `${before}${START}\n${generated}\n${END}${after}`);
}
