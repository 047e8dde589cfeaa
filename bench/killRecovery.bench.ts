// Benchmark: what a worker crash costs a sync, as a ratio against the same sync without one, run
// side by side so that the machine's load weighs on both alike. Each round runs the reference
// sync of the crash sweep undisturbed, then with the worker SIGKILLed 1.5 s into the wait for its
// PreSync Job (a new worker takes over). Not part of the test command; run it with
//   HOOKSYNC_BENCH=1 npx jest --selectProjects bench [-- --rounds via HOOKSYNC_BENCH_ROUNDS=5]
// It prints the durations and the median ratio, and writes them to <run dir>/bench-kill-recovery.json.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { REFERENCE_SYNC } from '../test/faults/referenceSync';
import { runWithFault } from '../test/support/faultHarness';
import { runDir } from '../test/support/paths';
import { connectTestCluster, createTestNamespace, deleteTestNamespace } from '../test/support/testCluster';
import { connectTestClient } from '../test/support/syncHarness';

jest.setTimeout(60 * 60_000);
const ROUNDS = Number(process.env.HOOKSYNC_BENCH_ROUNDS ?? 3);
const cluster = connectTestCluster();
let client: Client;

beforeAll(async () => {
  client = await connectTestClient();
});
afterAll(async () => {
  await client.connection.close();
});

/** Seconds the sync took; a round only counts if the sync succeeded and the kill (if any) fired. */
async function timedSync(fault?: string): Promise<number> {
  const namespace = await createTestNamespace(cluster, 'bench');
  try {
    const run = await runWithFault({ client, namespace, app: namespace, yaml: REFERENCE_SYNC, fault });
    expect({ phase: run.report.phase, fired: run.fired }).toEqual({ phase: 'Succeeded', fired: fault !== undefined });
    return run.seconds;
  } finally {
    await deleteTestNamespace(cluster, namespace);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test(`kill recovery: ${ROUNDS} rounds of an undisturbed and a killed sync, side by side`, async () => {
  const rounds: Array<{ baseline: number; killed: number; ratio: number }> = [];
  for (let i = 0; i < ROUNDS; i++) {
    const baseline = await timedSync();
    const killed = await timedSync('crash-during:db-migrate');
    rounds.push({ baseline, killed, ratio: Math.round((killed / baseline) * 100) / 100 });
  }
  const summary = { rounds, medianRatio: median(rounds.map((r) => r.ratio)), medianExtraSeconds: median(rounds.map((r) => r.killed - r.baseline)) };
  writeFileSync(join(runDir(), 'bench-kill-recovery.json'), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`kill recovery: median ratio ${summary.medianRatio} (killed / undisturbed), median extra ${summary.medianExtraSeconds.toFixed(1)} s; rounds ${JSON.stringify(rounds)}`);
});
