// The bench's table: one row per scenario with B and hooksync side by side (median and min of the
// rounds), their ratio and difference, and the goal from issue 12. Printed, and written as
// Markdown and JSON next to the other run files, with what the numbers depend on.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { repoRoot, runDir } from '../../test/support/paths';
import { median, min } from './stats';

export type Unit = 's' | 'ms' | 'MiB' | 'count';

export interface Summary {
  /** The figure compared (a median unless the scenario says otherwise, e.g. p95). */
  value: number;
  min?: number;
  /** Shown where the worst case is part of the goal (the kill stall). */
  max?: number;
  samples: number[];
}

export interface BenchRow {
  scenario: string;
  unit: Unit;
  b?: Summary;
  hs: Summary;
  goal: string;
  /** What else the reader needs: failures, timeouts, counts. */
  note?: string;
}

/** Median and min of rounds. */
export function summarise(samples: readonly number[]): Summary {
  return { value: median(samples), min: min(samples), samples: [...samples] };
}

function format(x: number | undefined, unit: Unit): string {
  if (x === undefined) return '—';
  if (!Number.isFinite(x)) return 'n/a';
  switch (unit) {
    case 's': return `${x.toFixed(x < 10 ? 2 : 1)} s`;
    case 'ms': return `${Math.round(x)} ms`;
    case 'MiB': return `${Math.round(x)} MiB`;
    case 'count': return String(Math.round(x * 10) / 10);
  }
}

function cell(s: Summary | undefined, unit: Unit): string {
  if (!s) return '—';
  const extremes = [
    s.min !== undefined && s.samples.length > 1 ? `min ${format(s.min, unit)}` : '',
    s.max !== undefined && s.samples.length > 1 ? `max ${format(s.max, unit)}` : '',
  ].filter(Boolean);
  return `${format(s.value, unit)}${extremes.length > 0 ? ` (${extremes.join(', ')})` : ''}`;
}

function ratio(row: BenchRow): string {
  if (!row.b || !(row.b.value > 0) || !Number.isFinite(row.hs.value)) return '—';
  return `${(row.hs.value / row.b.value).toFixed(2)}×`;
}

function difference(row: BenchRow): string {
  if (!row.b || !Number.isFinite(row.hs.value) || !Number.isFinite(row.b.value)) return '—';
  const d = row.hs.value - row.b.value;
  return `${d >= 0 ? '+' : '−'}${format(Math.abs(d), row.unit)}`;
}

export interface RunFacts {
  date: string;
  commit: string;
  loadAverage: number[];
  cpus: number;
  mode: string;
  node: string;
}

export function runFacts(mode: string): RunFacts {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot }).toString().trim();
    if (execFileSync('git', ['status', '--porcelain'], { cwd: repoRoot }).toString().trim()) commit += '+dirty';
  } catch {
    // Not a checkout: the table still stands, without its commit.
  }
  return { date: new Date().toISOString(), commit, loadAverage: loadavg().map((l) => Math.round(l * 100) / 100), cpus: cpus().length, mode, node: process.version };
}

export function renderTable(rows: readonly BenchRow[], facts: RunFacts, startLoad: number[]): string {
  const header = `Bench ${facts.date}, commit ${facts.commit}, ${facts.cpus} cores, load average ${startLoad.join(' / ')} at the start and ${facts.loadAverage.join(' / ')} at the end (1/5/15 min), ${facts.mode}, Node ${facts.node}`;
  const lines = [
    header,
    '',
    '| scenario | B | hooksync | ratio | difference | goal |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.scenario}${r.note ? ` (${r.note})` : ''} | ${cell(r.b, r.unit)} | ${cell(r.hs, r.unit)} | ${ratio(r)} | ${difference(r)} | ${r.goal} |`),
  ];
  return `${lines.join('\n')}\n`;
}

/** Writes bench-latest.md and .json to the run directory; returns the Markdown. */
export function writeReport(rows: readonly BenchRow[], facts: RunFacts, startLoad: number[], extra: Record<string, unknown>): string {
  const markdown = renderTable(rows, facts, startLoad);
  const dir = runDir();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'bench-latest.md'), markdown);
  writeFileSync(join(dir, 'bench-latest.json'), `${JSON.stringify({ ...facts, startLoadAverage: startLoad, rows, ...extra }, null, 2)}\n`);
  return markdown;
}
