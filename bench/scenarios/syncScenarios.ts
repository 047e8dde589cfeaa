// Sync-time scenarios run as hooksync and as B, rounds interleaved: S1 (examples/demo), the fixed
// cost of a sync, the cost of each further wave, and S3's wide waves.
import { runPairs, type BenchContext, type PairSamples } from '../support/context';
import { demoYaml, waveLadder, wideWave } from '../support/manifests';
import { summarise, type BenchRow } from '../support/report';
import { slope } from '../support/stats';

const note = (p: PairSamples) => (p.failures.length > 0 ? `${p.failures.length} run(s) failed: ${[...new Set(p.failures)].join('; ')}` : undefined);

export async function s1(ctx: BenchContext): Promise<BenchRow[]> {
  const p = await runPairs(ctx, 'S1 demo', demoYaml(), ctx.knobs.rounds);
  return [{ scenario: 'S1 `examples/demo`, workflow start→close vs B', unit: 's', b: summarise(p.b), hs: summarise(p.hs), goal: '≤ 1.3×', note: note(p) }];
}

export async function fixedCost(ctx: BenchContext): Promise<BenchRow[]> {
  const p = await runPairs(ctx, 'fixed cost', waveLadder(1), ctx.knobs.rounds);
  return [{ scenario: 'fixed cost: a 1-wave sync of one ConfigMap', unit: 's', b: summarise(p.b), hs: summarise(p.hs), goal: '≤ +0.3 s', note: note(p) }];
}

/** Each round runs every ladder once per side; the slope of a round is one sample. */
export async function perWave(ctx: BenchContext): Promise<BenchRow[]> {
  const counts = ctx.knobs.waveCounts;
  const rounds = Math.max(2, Math.min(ctx.knobs.rounds, 3));
  const slopes = { hs: [] as number[], b: [] as number[] };
  const failures: string[] = [];
  for (let round = 1; round <= rounds; round++) {
    const runs = [];
    for (const n of counts) runs.push({ n, p: await runPairs(ctx, `waves ${n} (round ${round})`, waveLadder(n), 1) });
    failures.push(...runs.flatMap((r) => r.p.failures));
    slopes.hs.push(slope(runs.map((r) => ({ x: r.n, y: r.p.hs[0] * 1000 }))));
    slopes.b.push(slope(runs.map((r) => ({ x: r.n, y: r.p.b[0] * 1000 }))));
  }
  const scenario = `per-wave cost (slope over ${counts.join(', ')} waves of one ConfigMap)`;
  return [{ scenario, unit: 'ms', b: summarise(slopes.b), hs: summarise(slopes.hs), goal: '≤ +50 ms', note: failures.length > 0 ? `${failures.length} run(s) failed` : undefined }];
}

export async function wideWaves(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const count of ctx.knobs.wideCounts) {
    // A wave of 200 takes about a second per side, and one round of it swings by half on a shared
    // machine: five rounds, quick or not. Wide waves of 1,000 and more take long: one round.
    const rounds = count >= 1000 ? 1 : 5;
    const p = await runPairs(ctx, `S3 ${count} ConfigMaps`, wideWave(count), rounds);
    const scenario = `S3 ${count.toLocaleString('en')} ConfigMaps in one wave (B ${ctx.knobs.concurrency} in flight)`;
    rows.push({ scenario, unit: 's', b: summarise(p.b), hs: summarise(p.hs), goal: count >= 1000 ? 'finishes, ≤ 1.5×' : '≤ 1.5×', note: note(p) });
  }
  return rows;
}
