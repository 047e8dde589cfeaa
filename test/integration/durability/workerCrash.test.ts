// The promise hooksync exists for (DESIGN §4): a worker SIGKILLed while it waits for a hook is
// replaced and the sync goes on where it stood. No hook is created twice (counted in the API
// server's audit log) and the history shows the interrupted activity ran again (the fault fired).
import { randomBytes } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { followSync, startSync } from '../../../client/syncClient';
import { auditedWrites } from '../../support/auditLog';
import { eventually } from '../../support/eventually';
import { activityIsRunning } from '../../support/faultHarness';
import { connectTestClient, planYaml } from '../../support/syncHarness';
import { connectTestCluster, createTestNamespace, deleteTestNamespace } from '../../support/testCluster';
import { killWorker, startWorkerProcess, type WorkerProcess } from '../../support/workerProcess';
import { configMapYaml, documents, jobYaml } from '../sync/syncTestKit';

const cluster = connectTestCluster();
const clusterName = `crash-${randomBytes(4).toString('hex')}`;
const workers: WorkerProcess[] = [];
const namespaces: string[] = [];
let client: Client;
let ns: string;

beforeAll(async () => {
  client = await connectTestClient();
  ns = await createTestNamespace(cluster, 'worker-crash');
});
// Each test starts with no worker: the one with the fault must be the one that gets the work.
beforeEach(async () => {
  for (const w of workers) await killWorker(w);
});
afterAll(async () => {
  for (const w of workers) await killWorker(w);
  await client.connection.close();
  for (const n of [ns, ...namespaces]) await deleteTestNamespace(cluster, n);
});

/**
 * The proof a crash test needs: one create request for the hook Job in all (a second try would
 * show, as a 201 or a 409 AlreadyExists), and an activity that ran a second attempt (the fault fired).
 */
async function expectCreatedOnceAfterARetry(handle: WorkflowHandle, namespace: string, job: string): Promise<void> {
  const creates = auditedWrites(namespace).filter((e) => e.verb === 'create' && e.resource === 'jobs' && e.name === job);
  expect(creates.map((e) => e.code)).toEqual([201]);
  const history = await handle.fetchHistory();
  const attempts = (history.events ?? []).map((e) => e.activityTaskStartedEventAttributes?.attempt ?? 0);
  expect(Math.max(...attempts)).toBeGreaterThanOrEqual(2);
}

/** A kill must land inside the wait: the hook Job runs and a worker has picked up the wait. */
async function untilWaitingFor(handle: WorkflowHandle, namespace: string, job: string): Promise<void> {
  await eventually(async () => {
    const live = await cluster.batch.readNamespacedJob({ namespace, name: job });
    expect(live.status?.active).toBe(1);
    expect(await activityIsRunning(handle, 'awaitGroup')).toBe(true);
  });
}

async function newWorker(extraEnv: Record<string, string> = {}): Promise<WorkerProcess> {
  const worker = startWorkerProcess(clusterName, extraEnv);
  workers.push(worker);
  await worker.ready;
  return worker;
}

test('C2 a worker killed while it waits for a hook is replaced; the sync succeeds and the hook ran once', async () => {
  const first = await newWorker();
  const planned = await planYaml(documents(jobYaml('migrate', { hook: 'PreSync', runFor: '8s' }), configMapYaml()), ns);
  const handle = await startSync(client, { syncId: planned.syncId, app: 'worker-crash', cluster: clusterName, plan: planned.plan });
  await untilWaitingFor(handle, ns, 'migrate');

  await killWorker(first);
  await newWorker();
  const report = await followSync(handle, () => undefined);

  expect(report.phase).toBe('Succeeded');
  await expectCreatedOnceAfterARetry(handle, ns, 'migrate');
});

test('C2 a worker killed right after the API server created a hook: the retry adopts it, never creates it twice', async () => {
  const first = await newWorker({ HOOKSYNC_FAULTS: 'crash-after-create:adopt-me' });
  const ownNs = await createTestNamespace(cluster, 'crash-after-create');
  namespaces.push(ownNs);
  const planned = await planYaml(documents(jobYaml('adopt-me', { hook: 'PreSync' }), configMapYaml()), ownNs);
  const handle = await startSync(client, { syncId: planned.syncId, app: 'worker-crash-create', cluster: clusterName, plan: planned.plan });
  // The fault fires by itself: the first worker dies inside applyGroup, after the create.
  await new Promise((resolve) => first.child.once('exit', resolve));
  expect(first.child.signalCode).toBe('SIGKILL');
  await newWorker();
  const report = await followSync(handle, () => undefined);

  expect(report.phase).toBe('Succeeded');
  await expectCreatedOnceAfterARetry(handle, ownNs, 'adopt-me');
});

test('a hook deadline is a durable timer: it fires on time although no worker was alive when it passed', async () => {
  const first = await newWorker();
  const ownNs = await createTestNamespace(cluster, 'crash-deadline');
  namespaces.push(ownNs);
  const yaml = jobYaml('stuck-migrate', { hook: 'PreSync', runFor: '60s' }).replace('annotations: {', 'annotations: { hooksync.io/timeout: "4s",');
  const planned = await planYaml(yaml, ownNs);
  const handle = await startSync(client, { syncId: planned.syncId, app: 'crash-deadline', cluster: clusterName, plan: planned.plan });
  await untilWaitingFor(handle, ownNs, 'stuck-migrate');

  await killWorker(first);
  // The deadline passes with no worker at all; the timer is Temporal's, not the worker's.
  await new Promise((resolve) => setTimeout(resolve, 6_000));
  await newWorker();
  const report = await followSync(handle, () => undefined);

  expect(report.phase).toBe('Failed');
  expect(report.message).toMatch(/stuck-migrate failed: timed out after 4s \(hooksync\.io\/timeout\)$/);
  const history = await handle.fetchHistory();
  const fired = (history.events ?? []).filter((e) => e.timerFiredEventAttributes);
  expect(fired.length).toBeGreaterThanOrEqual(1);
});
