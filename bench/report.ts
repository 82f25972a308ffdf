import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

export interface Row {
  n: number;
  scenario: string;
  mode: 'layer' | 'cached' | 'floor';
  rps: number;
  p50: number;
  p99: number;
  callsPerRequest: number;
  newConnections: number;
  requests: number;
  failures: number;
  peakRssMb: number;
}

const START = '<!-- bench:start (written by npm run bench; edits inside are lost) -->';
const END = '<!-- bench:end -->';
const COLORS = ['#1d4ed8', '#047857', '#b45309', '#7c3aed', '#be123c'];

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

export function machine() {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
}

export function table(rows: Row[]) {
  const find = (n: number, scenario: string, mode: Row['mode']) => rows.find((r) => r.n === n && r.scenario === scenario && r.mode === mode);
  const lines = [
    '| N | scenario | layer req/s | layer p50 / p99 ms | floor p50 ms | overhead p50 | ratio | upstream calls/req (layer, floor) | new TCP conns (layer) | peak RSS MB (layer, floor) | cached req/s | cached p50 ms | cache hit ratio |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const layer of rows.filter((r) => r.mode === 'layer')) {
    const floor = find(layer.n, layer.scenario, 'floor');
    const cached = find(layer.n, layer.scenario, 'cached');
    const hit = cached ? 1 - cached.callsPerRequest / layer.callsPerRequest : NaN;
    lines.push(`| ${layer.n} | ${layer.scenario} | ${fixed(layer.rps, 0)} | ${fixed(layer.p50)} / ${fixed(layer.p99)} | ${fixed(floor?.p50 ?? NaN)} | `
      + `${fixed(layer.p50 - (floor?.p50 ?? NaN))} ms | ${fixed(layer.p50 / (floor?.p50 ?? NaN), 2)}× | ${fixed(layer.callsPerRequest, 2)}, ${fixed(floor?.callsPerRequest ?? NaN, 2)} | `
      + `${layer.newConnections} | ${fixed(layer.peakRssMb, 0)}, ${fixed(floor?.peakRssMb ?? NaN, 0)} | ${fixed(cached?.rps ?? NaN, 0)} | ${fixed(cached?.p50 ?? NaN)} | ${fixed(hit * 100, 0)}% |`);
  }
  const failed = rows.filter((r) => r.failures > 0);
  if (failed.length) lines.push('', `Failed requests: ${failed.map((r) => `${r.mode} ${r.scenario} N=${r.n}: ${r.failures}`).join('; ')}.`);
  return lines.join('\n');
}

/** p50 of layer (solid) and floor (dashed) against N, and the overhead ratio: log-log, hand-drawn SVG. */
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
      return `<polyline fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="2" ${m === 'floor' ? 'stroke-dasharray="5 4"' : ''} points="${points}"/>`;
    })).join('');
    return `<g transform="translate(${offset},0)"><text x="${W / 2}" y="18" text-anchor="middle" font-weight="bold">${title}</text>${grid}${xs}`
      + `<text x="${W / 2}" y="${H - 8}" text-anchor="middle">N people per source (log)</text>`
      + `<text transform="translate(14,${H / 2}) rotate(-90)" text-anchor="middle">${yLabel}</text>${lines}</g>`;
  };
  const series = (s: string, m: Row['mode']) => sizes.map((n): [number, number] => [n, rows.find((r) => r.n === n && r.scenario === s && r.mode === m)?.p50 ?? NaN]);
  const ratio = (s: string) => sizes.map((n): [number, number] => {
    const p = (m: Row['mode']) => rows.find((r) => r.n === n && r.scenario === s && r.mode === m)?.p50 ?? NaN;
    return [n, p('layer') / p('floor')];
  });
  const legend = scenarios.map((s, i) => `<g transform="translate(${20 + i * 180},${H + 14})"><line x1="0" x2="24" y1="0" y2="0" stroke="${COLORS[i % COLORS.length]}" stroke-width="3"/><text x="30" y="4">${s}</text></g>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W}" height="${H + 50}" font-family="sans-serif" font-size="11">`
    + '<rect width="100%" height="100%" fill="white"/>'
    + panel('p50 latency: layer (solid) vs floor (dashed)', 0, series, ['layer', 'floor'], 'ms (log)')
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
