// S6: many demo syncs at once on one worker (a fresh `hooksync worker` process, so that its peak
// RSS is this scenario's), against as many B runs at once in this process. Activity timeouts and
// retries are counted from the syncs' histories.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createTestNamespace, deleteTestNamespace } from '../../test/support/testCluster';
import { killWorker, startWorkerProcess } from '../../test/support/workerProcess';
import { baselineIn, fmt, hooksyncIn, type BenchContext } from '../support/context';
import { activityTrouble } from '../support/hooksyncRun';
import { demoYaml } from '../support/manifests';
import { summarise, type BenchRow } from '../support/report';

/** The process's peak resident set (VmHWM) in MiB. */
function peakRssMiB(pid: number): number {
  const line = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return line ? Number(line[1]) / 1024 : NaN;
}

async function namespaces(ctx: BenchContext, prefix: string, count: number): Promise<string[]> {
  return Promise.all(Array.from({ length: count }, () => createTestNamespace(ctx.cluster, prefix)));
}

interface ConcurrentRound {
  hsSeconds: number;
  bSeconds: number;
  timeouts: number;
  retries: number;
  failed: number;
  rssMiB: number;
}

async function round(ctx: BenchContext, syncs: number): Promise<ConcurrentRound> {
  const yaml = demoYaml();
  const cluster = `bench-s6-${randomBytes(4).toString('hex')}`;
  const worker = startWorkerProcess(cluster, ctx.knobs.workerEnv);
  const hsSpaces = await namespaces(ctx, 'bench-s6hs', syncs);
  const bSpaces = await namespaces(ctx, 'bench-s6b', syncs);
  try {
    await worker.ready;
    let started = performance.now();
    const hs = await Promise.all(hsSpaces.map((ns) => hooksyncIn(ctx, yaml, ns, cluster)));
    const hsSeconds = (performance.now() - started) / 1000;
    const rssMiB = peakRssMiB(worker.child.pid as number);
    const trouble = await Promise.all(hs.map((r) => activityTrouble(r.handle)));
    started = performance.now();
    const b = await Promise.all(bSpaces.map((ns) => baselineIn(ctx, yaml, ns)));
    const bSeconds = (performance.now() - started) / 1000;
    const failed = hs.filter((r) => r.phase !== 'Succeeded').length + b.filter((r) => r.phase !== 'Succeeded').length;
    return {
      hsSeconds: hs.every((r) => r.phase === 'Succeeded') ? hsSeconds : NaN,
      bSeconds: b.every((r) => r.phase === 'Succeeded') ? bSeconds : NaN,
      timeouts: trouble.reduce((s, t) => s + t.timeouts, 0),
      retries: trouble.reduce((s, t) => s + t.retries, 0),
      failed,
      rssMiB,
    };
  } finally {
    await killWorker(worker);
    await Promise.all([...hsSpaces, ...bSpaces].map((ns) => deleteTestNamespace(ctx.cluster, ns).catch(() => undefined)));
  }
}

async function scenario(ctx: BenchContext, syncs: number, rounds: number): Promise<BenchRow[]> {
  const results: ConcurrentRound[] = [];
  for (let i = 1; i <= rounds; i++) {
    const r = await round(ctx, syncs);
    results.push(r);
    ctx.log(`S6 ${syncs} at once, round ${i}/${rounds}: hooksync ${fmt(r.hsSeconds)}, B ${fmt(r.bSeconds)}, ${r.timeouts} activity timeouts, ${r.retries} retries, worker peak RSS ${Math.round(r.rssMiB)} MiB`);
  }
  const failed = results.reduce((s, r) => s + r.failed, 0);
  const timeouts = results.map((r) => r.timeouts);
  return [
    {
      scenario: `S6 ${syncs} demo syncs at once, one worker`, unit: 's',
      b: summarise(results.map((r) => r.bSeconds)), hs: summarise(results.map((r) => r.hsSeconds)),
      goal: syncs >= 50 ? 'complete' : '≤ 1.5×', note: failed > 0 ? `${failed} sync(s) failed` : undefined,
    },
    {
      scenario: `S6 ${syncs} at once: activity timeouts in the histories`, unit: 'count', hs: summarise(timeouts),
      goal: '0', note: `retries ${results.map((r) => r.retries).join(', ')}`,
    },
    { scenario: `worker peak RSS during S6 (${syncs} at once)`, unit: 'MiB', hs: summarise(results.map((r) => r.rssMiB)), goal: '≤ 250 MiB' },
  ];
}

export async function concurrentSyncs(ctx: BenchContext): Promise<BenchRow[]> {
  const rounds = ctx.knobs.s6Rounds;
  const rows = await scenario(ctx, ctx.knobs.s6Syncs, rounds);
  if (ctx.knobs.s6Fifty) rows.push(...(await scenario(ctx, 50, 1)));
  return rows;
}
