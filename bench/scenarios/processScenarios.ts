// Costs outside a sync: CPU of short CLI commands, a worker's start until it polls, and the stall
// a SIGKILLed worker puts into a sync until its replacement runs the next task (folded in from
// the former killRecovery bench: the crash sweep's reference sync, killed 1.5 s into the wait for
// its PreSync Job, against the same sync undisturbed, side by side).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { REFERENCE_SYNC } from '../../test/faults/referenceSync';
import { runWithFault } from '../../test/support/faultHarness';
import { repoRoot } from '../../test/support/paths';
import { killWorker, startWorkerProcess } from '../../test/support/workerProcess';
import { fmt, inNamespace, type BenchContext } from '../support/context';
import { summarise, type BenchRow } from '../support/report';
import { max, median } from '../support/stats';

const cli = join(repoRoot, 'dist/client/cli.js');

/** User + system CPU seconds of one CLI command, as bash's `time` reports them. */
function cliCpuSeconds(args: string[]): number {
  const script = 'TIMEFORMAT="%3U %3S"; { time "$@" >/dev/null 2>&1; } 2>&1';
  const out = execFileSync('bash', ['-c', script, 'bash', process.execPath, cli, ...args], { cwd: repoRoot }).toString().trim().split('\n').pop() ?? '';
  const [user, sys] = out.split(' ').map(Number);
  return user + sys;
}

export async function cliCpu(ctx: BenchContext): Promise<BenchRow[]> {
  const help: number[] = [];
  const plan: number[] = [];
  for (let i = 0; i < ctx.knobs.rounds; i++) {
    help.push(cliCpuSeconds(['--help']));
    plan.push(cliCpuSeconds(['plan', '-f', 'examples/demo']));
  }
  ctx.log(`CLI CPU: --help ${help.map(fmt).join(', ')}; plan ${plan.map(fmt).join(', ')}`);
  return [
    { scenario: 'CLI `--help`, CPU (user + sys)', unit: 's', hs: summarise(help), goal: '≤ 0.3 s' },
    { scenario: 'CLI `plan -f examples/demo`, CPU (user + sys)', unit: 's', hs: summarise(plan), goal: '≤ 0.3 s' },
  ];
}

/** Spawn to "polling task queue" on stdout, process start included. */
async function workerStartSeconds(env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const worker = startWorkerProcess(`bench-start-${randomBytes(4).toString('hex')}`, env);
  try {
    await worker.ready;
    return (performance.now() - started) / 1000;
  } finally {
    await killWorker(worker);
  }
}

export async function workerStart(ctx: BenchContext): Promise<BenchRow[]> {
  const asUsers: number[] = [];
  const prebuilt: number[] = [];
  const rounds = ctx.knobs.quick ? 1 : Math.min(ctx.knobs.rounds, 3);
  for (let i = 0; i < rounds; i++) {
    // As `hooksync worker` starts for a user: no bundle named in the environment.
    asUsers.push(await workerStartSeconds({ HOOKSYNC_WORKFLOW_BUNDLE: '' }));
    prebuilt.push(await workerStartSeconds({}));
  }
  ctx.log(`worker start→polling: ${asUsers.map(fmt).join(', ')}; with the tests' prebuilt bundle ${prebuilt.map(fmt).join(', ')}`);
  return [
    { scenario: 'worker start→polling (`hooksync worker` as users start it)', unit: 's', hs: summarise(asUsers), goal: '≤ 1 s' },
    { scenario: 'worker start→polling, bundle named by HOOKSYNC_WORKFLOW_BUNDLE', unit: 's', hs: summarise(prebuilt), goal: '—' },
  ];
}

async function referenceSeconds(ctx: BenchContext, fault?: string): Promise<number> {
  return inNamespace(ctx, 'bench-kill', async (namespace) => {
    const run = await runWithFault({ client: ctx.client, namespace, app: namespace, yaml: REFERENCE_SYNC, fault });
    const counts = run.report.phase === 'Succeeded' && run.fired === (fault !== undefined);
    return counts ? run.seconds : NaN;
  });
}

export async function killStall(ctx: BenchContext): Promise<BenchRow[]> {
  const extra: number[] = [];
  const undisturbed: number[] = [];
  for (let i = 1; i <= ctx.knobs.kills; i++) {
    const calm = await referenceSeconds(ctx);
    const killed = await referenceSeconds(ctx, 'crash-during:db-migrate');
    undisturbed.push(calm);
    extra.push(killed - calm);
    ctx.log(`kill ${i}/${ctx.knobs.kills}: undisturbed ${fmt(calm)}, killed ${fmt(killed)}, stall ${fmt(killed - calm)}`);
  }
  const stall = { ...summarise(extra), max: max(extra) };
  const note = `${extra.length} kill(s); the stall is the killed sync's time over the undisturbed one's, median ${fmt(median(undisturbed))}`;
  return [{ scenario: 'worker SIGKILLed → its replacement runs the next task', unit: 's', hs: stall, goal: 'median ≤ 6 s, max ≤ 10 s', note }];
}
