// The wait between automatic retries is a durable timer (workflows/retryLoop.ts): the worker is
// SIGKILLed while the backoff runs, the timer fires on the Temporal server with no worker alive,
// and the worker started after that runs the retry. Workers are child processes (dist/), as a
// supervisor would run them.
import { randomBytes } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { followSync, startSync } from '../../../client/syncClient';
import { getSync, syncHistory } from '../../../client/syncStatus';
import { auditedWrites } from '../../support/auditLog';
import { eventually } from '../../support/eventually';
import { timeOf } from '../../support/faultHarness';
import { connectTestClient, planYaml } from '../../support/syncHarness';
import { connectTestCluster, createTestNamespace, deleteTestNamespace } from '../../support/testCluster';
import { killWorker, startWorkerProcess, type WorkerProcess } from '../../support/workerProcess';
import { configMapYaml, documents, jobYaml } from '../sync/syncTestKit';

const cluster = connectTestCluster();
const clusterName = `retry-kill-${randomBytes(4).toString('hex')}`;
const workers: WorkerProcess[] = [];
let client: Client;
let ns: string;
let handle: WorkflowHandle | undefined;

beforeAll(async () => {
  client = await connectTestClient();
  ns = await createTestNamespace(cluster, 'retry-kill');
});
afterAll(async () => {
  for (const w of workers) await killWorker(w);
  await handle?.terminate('retry-kill test ended').catch(() => undefined);
  await client.connection.close();
  await deleteTestNamespace(cluster, ns);
});

async function newWorker(): Promise<WorkerProcess> {
  const worker = startWorkerProcess(clusterName);
  workers.push(worker);
  await worker.ready;
  return worker;
}

/** The first run's backoff timer as the server recorded it: started, and fired once it has. */
async function backoffTimer(runId: string): Promise<{ started: boolean; firedAt?: number }> {
  const history = await client.workflow.getHandle(handle!.workflowId, runId).fetchHistory();
  const events = history.events ?? [];
  const fired = events.find((e) => e.timerFiredEventAttributes);
  return { started: events.some((e) => e.timerStartedEventAttributes), ...(fired ? { firedAt: timeOf(fired) } : {}) };
}

test('the backoff survives the worker: killed while it runs, the timer fires without a worker, the next worker runs the retry', async () => {
  const first = await newWorker();
  const planned = await planYaml(documents(jobYaml('migrate-', { hook: 'PreSync', generateName: true, fail: true }), configMapYaml()), ns);
  // 60 s leave room to see the backoff start and kill the worker before it ends, however slow the machine.
  const retry = { limit: 1, backoffSeconds: 60, factor: 2, maxBackoffSeconds: 180 };
  handle = await startSync(client, { syncId: planned.syncId, app: 'retry-kill', cluster: clusterName, plan: planned.plan, retry });
  const waiting = await eventually(async () => {
    const status = await getSync(client, planned.syncId);
    expect(status.retryWait?.retry).toBe(1);
    return status;
  });
  expect((await backoffTimer(waiting.runId)).started).toBe(true);

  await killWorker(first);
  const killedAt = Date.now();
  expect(first.child.signalCode).toBe('SIGKILL');
  // The backoff ends with no worker at all: the timer is Temporal's, not the worker's.
  const firedAt = await eventually(async () => {
    const timer = await backoffTimer(waiting.runId);
    expect(timer.firedAt).toBeDefined();
    return timer.firedAt!;
  });
  expect(firedAt).toBeGreaterThan(killedAt);
  await newWorker();
  const report = await followSync(handle, () => undefined);

  expect([report.phase, report.attempt]).toEqual(['Failed', 1]);
  expect(report.message).toMatch(/^PreSync wave 0: Job .*\/migrate-presync-a1-[0-9a-z]{8} failed: .* \(retried 1 times\)$/);
  expect(report.runId).not.toBe(waiting.runId);
  const creates = auditedWrites(ns).filter((e) => e.verb === 'create' && e.resource === 'jobs').map((e) => e.name.replace(/-[0-9a-z]{8}$/, ''));
  expect(creates).toEqual(['migrate-presync', 'migrate-presync-a1']);
  const runs = await eventually(async () => {
    const listed = (await syncHistory(client, 'retry-kill')).filter((r) => r.syncId === planned.syncId);
    expect(listed).toHaveLength(2);
    return listed;
  });
  expect(runs.map((r) => [r.attempt, r.phase])).toEqual([[1, 'Failed'], [0, 'Failed']]);
});
