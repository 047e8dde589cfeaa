// Benchmark: how long a workflow task takes, from its start to its completion in the history, for
// syncs of 1 and of 200 ConfigMaps against a workflow that only calls no-op activities (once with
// nothing, once sending each the plan of 200 ConfigMaps), on the same Temporal server, with
// hooksync's data converter (compression, encryption, claim check) on all; rounds interleaved.
// A sync's fixed cost is mostly its workflow tasks and activity hops (README, Measurements), so
// this separates what hooksync's workflow adds from what any workflow pays here. Not part of the
// test command; run it with
//   HOOKSYNC_BENCH=1 npx jest --selectProjects bench -- bench/workflowTasks.bench.ts
import { randomBytes } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { NativeConnection, Worker } from '@temporalio/worker';
import { hooksyncDataConverter } from '../codec/dataConverter';
import { configMapYaml, documents } from '../test/integration/sync/syncTestKit';
import { planYaml, runSync, startSyncHarness, type SyncHarness } from '../test/support/syncHarness';
import { createTestNamespace, deleteTestNamespace } from '../test/support/testCluster';
import { readTestEnv } from '../test/support/testEnv';
import { syncWorkflowId } from '../workflows/messages';

jest.setTimeout(30 * 60_000);
const ROUNDS = Number(process.env.HOOKSYNC_BENCH_ROUNDS ?? 10);
const { EVENT_TYPE_WORKFLOW_TASK_STARTED: STARTED, EVENT_TYPE_WORKFLOW_TASK_COMPLETED: COMPLETED } = temporal.api.enums.v1.EventType;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Milliseconds from each workflow task's start to its completion, in history order. */
async function workflowTaskMs(handle: WorkflowHandle): Promise<number[]> {
  const events = (await handle.fetchHistory()).events ?? [];
  const ms = (e: temporal.api.history.v1.IHistoryEvent) => Number(e.eventTime?.seconds ?? 0) * 1000 + (e.eventTime?.nanos ?? 0) / 1e6;
  const out: number[] = [];
  let startedAt: number | undefined;
  for (const e of events) {
    if (e.eventType === STARTED) startedAt = ms(e);
    if (e.eventType === COMPLETED && startedAt !== undefined) out.push(ms(e) - startedAt);
  }
  return out;
}

/** Per position (first task, second, …), the median over the rounds. */
function perTask(rounds: number[][]): string {
  const tasks = Math.max(...rounds.map((r) => r.length));
  return Array.from({ length: tasks }, (_, i) => median(rounds.map((r) => r[i]).filter((x) => x !== undefined)).toFixed(1)).join(', ');
}

let h: SyncHarness;
let namespace: string;
beforeAll(async () => {
  h = await startSyncHarness();
  namespace = await createTestNamespace(h.cluster, 'bench-wft');
});
afterAll(async () => {
  await deleteTestNamespace(h.cluster, namespace);
  await h.stop();
});

const configMaps = (app: string, count: number) => documents(...Array.from({ length: count }, (_, i) => configMapYaml().replace('name: app-config', `name: ${app}-${i}`)));

test('workflow tasks: syncs of 1 and 200 ConfigMaps against no-op activities', async () => {
  const env = readTestEnv();
  const taskQueue = `bench-noop-${randomBytes(4).toString('hex')}`;
  const connection = await NativeConnection.connect({ address: env.temporalAddress });
  const worker = await Worker.create({
    connection, namespace: env.temporalNamespace, taskQueue, dataConverter: hooksyncDataConverter(),
    workflowsPath: require.resolve('./support/noopWorkflow'), activities: { noop: async () => undefined },
  });
  const sync: Record<number, number[][]> = { 1: [], 200: [] };
  const noop: number[][] = [];
  const loaded: number[][] = [];
  // The plan of 200 ConfigMaps as the sync's activities are sent it: same size, same shape.
  const load = (await planYaml(configMaps('load', 200), namespace)).plan;
  try {
    await worker.runUntil(async () => {
      for (let round = 0; round < ROUNDS; round++) {
        for (const count of [1, 200]) {
          const app = `wft-${count}-${round}`;
          await runSync(h, configMaps(app, count), { app, namespace });
          sync[count].push(await workflowTaskMs(h.client.workflow.getHandle(syncWorkflowId(h.clusterName, app))));
        }
        // As many activities as the sync ran (dry run, apply), so both have as many workflow tasks.
        const handle = await h.client.workflow.start('noopSteps', { taskQueue, workflowId: `${taskQueue}-${round}`, args: [2] });
        await handle.result();
        noop.push(await workflowTaskMs(handle));
        const heavy = await h.client.workflow.start('noopSteps', { taskQueue, workflowId: `${taskQueue}-load-${round}`, args: [2, load] });
        await heavy.result();
        loaded.push(await workflowTaskMs(heavy));
      }
    });
  } finally {
    await connection.close();
  }
  console.log(`workflow task start → completion, median ms per task over ${ROUNDS} rounds:\n` +
    `  1-ConfigMap sync:     ${perTask(sync[1])}\n  200-ConfigMap sync:   ${perTask(sync[200])}\n  no-op activities:     ${perTask(noop)}\n  same, sent 200 manifests: ${perTask(loaded)}`);
  expect([...sync[1], ...sync[200]].every((r) => r.length >= 3) && noop.every((r) => r.length === 3)).toBe(true);
});
