// Costs outside a sync: CPU of short CLI commands, a worker's start until it polls, and the stall
// a SIGKILLed worker puts into a sync until its replacement runs the next task (the crash sweep's
// reference sync, killed at four points, read from its history, with an undisturbed run beside it).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REFERENCE_SYNC } from '../../test/faults/referenceSync';
import { runWithFault, type FaultRun } from '../../test/support/faultHarness';
import { repoRoot } from '../../test/support/paths';
import { killWorker, startWorkerProcess } from '../../test/support/workerProcess';
import { fmt, inNamespace, type BenchContext } from '../support/context';
import { summarise, type BenchRow } from '../support/report';
import { max } from '../support/stats';
import { killStall as stallAfterKill } from '../killStall';

const cli = join(repoRoot, 'dist/client/cli/main.js');

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

/** User + system CPU seconds a process has used, all its threads (/proc/<pid>/stat, in clock ticks of 10 ms). */
function processCpuSeconds(pid: number): number {
  // The command name (field 2) may hold spaces: count the fields after its closing parenthesis.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface WorkerStart {
  seconds: number;
  /** CPU the worker used until it polled: unlike the wall time, barely moved by other work on the machine. */
  cpuSeconds: number;
}

/** Spawn to "polling task queue" on stdout, process start included. */
async function workerStartSeconds(ctx: BenchContext, env: Record<string, string>): Promise<WorkerStart> {
  const started = performance.now();
  const worker = startWorkerProcess(`bench-start-${randomBytes(4).toString('hex')}`, { ...env, ...ctx.knobs.workerEnv });
  try {
    await worker.ready;
    const seconds = (performance.now() - started) / 1000;
    return { seconds, cpuSeconds: processCpuSeconds(worker.child.pid as number) };
  } finally {
    await killWorker(worker);
  }
}

export async function workerStart(ctx: BenchContext): Promise<BenchRow[]> {
  const asUsers: number[] = [];
  const cpu: number[] = [];
  const prebuilt: number[] = [];
  const rounds = ctx.knobs.quick ? 1 : Math.min(ctx.knobs.rounds, 3);
  for (let i = 0; i < rounds; i++) {
    // As `hooksync worker` starts for a user: no bundle named in the environment.
    const asUser = await workerStartSeconds(ctx, { HOOKSYNC_WORKFLOW_BUNDLE: '' });
    asUsers.push(asUser.seconds);
    cpu.push(asUser.cpuSeconds);
    prebuilt.push((await workerStartSeconds(ctx, {})).seconds);
  }
  ctx.log(`worker start→polling: ${asUsers.map(fmt).join(', ')} (CPU ${cpu.map(fmt).join(', ')}); with the tests' prebuilt bundle ${prebuilt.map(fmt).join(', ')}`);
  return [
    { scenario: 'worker start→polling (`hooksync worker` as users start it)', unit: 's', hs: summarise(asUsers), goal: '≤ 1 s' },
    { scenario: 'the same starts: CPU (user + sys, all threads) until polling', unit: 's', hs: summarise(cpu), goal: '—' },
    { scenario: 'worker start→polling, bundle named by HOOKSYNC_WORKFLOW_BUNDLE', unit: 's', hs: summarise(prebuilt), goal: '—' },
  ];
}

/** Inside a hook's wait, and at the start and the end of an activity (before its result is reported). */
const KILL_POINTS = ['crash-during:db-migrate', 'crash-before:2', 'crash-after:3', 'crash-during:warm-cache'];

/** One run of the reference sync; undefined unless it succeeded and the kill (if any) fired. */
async function referenceRun(ctx: BenchContext, fault?: string): Promise<FaultRun | undefined> {
  return inNamespace(ctx, 'bench-kill', async (namespace) => {
    const run = await runWithFault({ client: ctx.client, namespace, app: namespace, yaml: REFERENCE_SYNC, fault });
    return run.report.phase === 'Succeeded' && run.fired === (fault !== undefined) ? run : undefined;
  });
}

/**
 * Per round, the reference sync undisturbed and killed at each kill point. The stall is read from
 * the killed sync's history (bench/killStall.ts): SIGKILL to the next task a worker starts.
 */
export async function killRecovery(ctx: BenchContext): Promise<BenchRow[]> {
  const nextTask: number[] = [];
  const extra: number[] = [];
  let failed = 0;
  for (let i = 1; i <= ctx.knobs.kills; i++) {
    const calm = await referenceRun(ctx);
    for (const fault of KILL_POINTS) {
      const killed = await referenceRun(ctx, fault);
      if (!calm || !killed) { failed++; continue; }
      const stall = await stallAfterKill(killed.handle, killed.killedAt ?? 0);
      nextTask.push(stall.nextTask);
      extra.push(killed.seconds - calm.seconds);
      ctx.log(`kill ${i}/${ctx.knobs.kills} at ${fault}: next task after ${fmt(stall.nextTask)}, sync ${fmt(killed.seconds - calm.seconds)} longer than undisturbed`);
    }
  }
  const note = `${nextTask.length} kill(s) at ${KILL_POINTS.length} points${failed ? `, ${failed} run(s) not counted (failed or kill not fired)` : ''}`;
  return [
    { scenario: 'worker SIGKILLed → its replacement runs the next task', unit: 's', hs: { ...summarise(nextTask), max: max(nextTask) }, goal: 'median ≤ 6 s, max ≤ 10 s', note },
    { scenario: 'the same kills: extra seconds of the sync against the undisturbed run', unit: 's', hs: { ...summarise(extra), max: max(extra) }, goal: '—' },
  ];
}
