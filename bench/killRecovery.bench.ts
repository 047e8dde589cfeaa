// Benchmark: what a worker crash costs a sync. Each round runs the reference sync of the crash
// sweep undisturbed, then once per kill point with the worker SIGKILLed there (a new worker takes
// over at once, as a supervisor would). Per kill it reads from history how long the sync stood
// still (bench/killStall.ts), and compares the killed sync's duration with the round's undisturbed
// one, so that the machine's load weighs on both alike. Not part of the test command; run it with
//   HOOKSYNC_BENCH=1 npx jest --selectProjects bench bench/killRecovery.bench.ts
// (HOOKSYNC_BENCH_ROUNDS=3 by default: 3 undisturbed syncs and 12 kills). It prints the summary and
// writes it to <run dir>/bench-kill-recovery.json.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { REFERENCE_SYNC } from '../test/faults/referenceSync';
import { runWithFault, type FaultRun } from '../test/support/faultHarness';
import { runDir } from '../test/support/paths';
import { connectTestCluster, createTestNamespace, deleteTestNamespace } from '../test/support/testCluster';
import { connectTestClient } from '../test/support/syncHarness';
import { killStall, type KillStall } from './killStall';

jest.setTimeout(60 * 60_000);
const ROUNDS = Number(process.env.HOOKSYNC_BENCH_ROUNDS ?? 3);
/** Inside a hook's wait, and at the start and the end of an activity (before its result is reported). */
const KILL_POINTS = ['crash-during:db-migrate', 'crash-before:2', 'crash-after:3', 'crash-during:warm-cache'];
const cluster = connectTestCluster();
let client: Client;

beforeAll(async () => {
  client = await connectTestClient();
});
afterAll(async () => {
  await client.connection.close();
});

/** A sync of the reference app; a round only counts if it succeeded and the kill (if any) fired. */
async function timedSync(fault?: string): Promise<FaultRun> {
  const namespace = await createTestNamespace(cluster, 'bench');
  try {
    const run = await runWithFault({ client, namespace, app: namespace, yaml: REFERENCE_SYNC, fault });
    expect({ phase: run.report.phase, fired: run.fired }).toEqual({ phase: 'Succeeded', fired: fault !== undefined });
    return run;
  } finally {
    await deleteTestNamespace(cluster, namespace);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round1 = (x: number) => Math.round(x * 10) / 10;
const stats = (xs: number[]) => ({ median: round1(median(xs)), min: round1(Math.min(...xs)), max: round1(Math.max(...xs)) });

interface Kill extends KillStall {
  fault: string;
  extraSeconds: number;
}

test(`kill recovery: ${ROUNDS} rounds of an undisturbed sync and ${KILL_POINTS.length} killed ones`, async () => {
  const kills: Kill[] = [];
  const baselines: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const baseline = (await timedSync()).seconds;
    baselines.push(baseline);
    for (const fault of KILL_POINTS) {
      const run = await timedSync(fault);
      kills.push({ fault, extraSeconds: round1(run.seconds - baseline), ...(await killStall(run.handle, run.killedAt ?? 0)) });
    }
  }
  const summary = {
    kills: kills.length,
    undisturbedSeconds: stats(baselines),
    killToNextTaskSeconds: stats(kills.map((k) => k.nextTask)),
    killToWorkflowResumedSeconds: stats(kills.map((k) => k.workflowResumed)),
    extraSecondsPerKill: stats(kills.map((k) => k.extraSeconds)),
    points: kills,
  };
  writeFileSync(join(runDir(), 'bench-kill-recovery.json'), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`kill recovery: ${JSON.stringify({ ...summary, points: undefined })}\n${kills.map((k) => JSON.stringify(k)).join('\n')}`);
});
