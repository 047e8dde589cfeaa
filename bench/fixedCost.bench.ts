// Benchmark: the fixed cost of a sync, a one-ConfigMap sync's workflow start→close as Temporal
// records it, without --prune and with it (after one --prune sync, so the inventory is known). Not
// part of the test command; run it with
//   HOOKSYNC_BENCH=1 npx jest --selectProjects bench bench/fixedCost.bench.ts [HOOKSYNC_BENCH_ROUNDS=5]
// It prints the durations and medians, and writes them to <run dir>/bench-fixed-cost.json.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runDir } from '../test/support/paths';
import { runSync, startSyncHarness, type SyncHarness } from '../test/support/syncHarness';
import { createTestNamespace, deleteTestNamespace } from '../test/support/testCluster';

jest.setTimeout(30 * 60_000);
const ROUNDS = Number(process.env.HOOKSYNC_BENCH_ROUNDS ?? 5);
const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fixed-cost\ndata: {k: v}\n';
let h: SyncHarness;

beforeAll(async () => {
  h = await startSyncHarness();
});
afterAll(async () => {
  await h.stop();
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Seconds from the workflow's start to its close, as the server stamped them. */
async function timed(app: string, namespace: string, prune: boolean): Promise<number> {
  const { report } = await runSync(h, CONFIG_MAP, { app, namespace, prune });
  expect(report.phase).toBe('Succeeded');
  return (Date.parse(report.finishedAt ?? '') - Date.parse(report.startedAt ?? '')) / 1000;
}

test(`fixed cost: ${ROUNDS} rounds of a one-ConfigMap sync, without and with --prune`, async () => {
  const namespace = await createTestNamespace(h.cluster, 'bench-fixed');
  try {
    const app = `${namespace}-app`;
    await timed(app, namespace, true); // warm-up; leaves the inventory for the rounds
    const rounds: Array<{ noPrune: number; prune: number }> = [];
    for (let i = 0; i < ROUNDS; i++) rounds.push({ noPrune: await timed(app, namespace, false), prune: await timed(app, namespace, true) });
    const summary = { rounds, medianNoPrune: median(rounds.map((r) => r.noPrune)), medianPrune: median(rounds.map((r) => r.prune)) };
    writeFileSync(join(runDir(), 'bench-fixed-cost.json'), `${JSON.stringify(summary, null, 2)}\n`);
    console.log(JSON.stringify(summary, null, 2));
  } finally {
    await deleteTestNamespace(h.cluster, namespace);
  }
});
