// The promise hooksync exists for (DESIGN §4): a worker SIGKILLed while it waits for a hook is
// replaced and the sync goes on where it stood. No hook is created twice (counted in the API
// server's audit log) and the history shows the interrupted activity ran again (the fault fired).
// A deletion held for a confirmation survives its worker too: the replacement answers the confirm.
import { randomBytes } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { confirmPrune } from '../../../client/confirmPrune';
import { startDeletion } from '../../../client/deleteClient';
import { followSync, newSyncId, startSync } from '../../../client/syncClient';
import { getSync } from '../../../client/syncStatus';
import { auditedWrites } from '../../support/auditLog';
import { eventually } from '../../support/eventually';
import { activityIsRunning, activityRuns, timeOf } from '../../support/faultHarness';
import { connectTestClient, planYaml, type PlannedYaml } from '../../support/syncHarness';
import { connectTestCluster, createTestNamespace, deleteTestNamespace } from '../../support/testCluster';
import { killWorker, startWorkerProcess, type WorkerProcess } from '../../support/workerProcess';
import { annotatedConfigMapYaml, configMapYaml, documents, jobYaml } from '../sync/syncTestKit';

const cluster = connectTestCluster();
const clusterName = `crash-${randomBytes(4).toString('hex')}`;
const workers: WorkerProcess[] = [];
const namespaces: string[] = [];
const syncs: WorkflowHandle[] = [];
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
  // A test that failed half-way would leave its sync running on the shared server, workerless.
  for (const handle of syncs) await handle.terminate('worker-crash tests ended').catch(() => undefined);
  await client.connection.close();
  for (const n of [ns, ...namespaces]) await deleteTestNamespace(cluster, n);
});

/**
 * The proof a crash test needs: one create request for the hook Job in all (a second try would
 * show, as a 201 or a 409 AlreadyExists), and the activity the kill interrupted ran a second
 * attempt (the fault fired). Only that activity counts: on a loaded machine another one may have
 * been retried for reasons of its own.
 */
async function expectCreatedOnceAfterARetry(handle: WorkflowHandle, namespace: string, job: string, interrupted: string): Promise<void> {
  const creates = auditedWrites(namespace).filter((e) => e.verb === 'create' && e.resource === 'jobs' && e.name === job);
  expect(creates.map((e) => e.code)).toEqual([201]);
  const attempts = (await activityRuns(handle)).filter((a) => a.type === interrupted).map((a) => a.attempts);
  expect(Math.max(0, ...attempts)).toBeGreaterThanOrEqual(2);
}

/**
 * A kill must land inside the wait: the hook Job runs and a worker has picked up the wait. The
 * Jobs run long enough (tens of seconds) for even a loaded machine to see both before they end.
 */
async function untilWaitingFor(handle: WorkflowHandle, namespace: string, job: string): Promise<void> {
  await eventually(async () => {
    const live = await cluster.batch.readNamespacedJob({ namespace, name: job });
    expect(live.status?.active).toBe(1);
    expect(await activityIsRunning(handle, 'awaitGroup')).toBe(true);
  });
}

/** When the workflow's first timer fired, as the Temporal server recorded it. */
async function timerFiredAt(handle: WorkflowHandle): Promise<number | undefined> {
  const fired = ((await handle.fetchHistory()).events ?? []).find((e) => e.timerFiredEventAttributes);
  return fired && timeOf(fired);
}

async function startCrashSync(app: string, planned: PlannedYaml): Promise<WorkflowHandle> {
  const handle = await startSync(client, { syncId: planned.syncId, app, cluster: clusterName, plan: planned.plan });
  syncs.push(handle);
  return handle;
}

async function newWorker(extraEnv: Record<string, string> = {}): Promise<WorkerProcess> {
  const worker = startWorkerProcess(clusterName, extraEnv);
  workers.push(worker);
  await worker.ready;
  return worker;
}

test('C2 a worker killed while it waits for a hook is replaced; the sync succeeds and the hook ran once', async () => {
  const first = await newWorker();
  const planned = await planYaml(documents(jobYaml('migrate', { hook: 'PreSync', runFor: '30s' }), configMapYaml()), ns);
  const handle = await startCrashSync('worker-crash', planned);
  await untilWaitingFor(handle, ns, 'migrate');

  await killWorker(first);
  await newWorker();
  const report = await followSync(handle, () => undefined);

  expect(report.phase).toBe('Succeeded');
  await expectCreatedOnceAfterARetry(handle, ns, 'migrate', 'awaitGroup');
});

test('C2 a worker killed right after the API server created a hook: the retry adopts it, never creates it twice', async () => {
  const first = await newWorker({ HOOKSYNC_FAULTS: 'crash-after-create:adopt-me' });
  const ownNs = await createTestNamespace(cluster, 'crash-after-create');
  namespaces.push(ownNs);
  const planned = await planYaml(documents(jobYaml('adopt-me', { hook: 'PreSync' }), configMapYaml()), ownNs);
  const handle = await startCrashSync('worker-crash-create', planned);
  // The fault fires by itself: the first worker dies inside the first apply (which carries the
  // dry run, activities/dryRunThenApply.ts), after the create; the retry runs both again.
  await new Promise((resolve) => first.child.once('exit', resolve));
  expect(first.child.signalCode).toBe('SIGKILL');
  await newWorker();
  const report = await followSync(handle, () => undefined);

  expect(report.phase).toBe('Succeeded');
  await expectCreatedOnceAfterARetry(handle, ownNs, 'adopt-me', 'dryRunThenApply');
});

test('a hook deadline is a durable timer: it fires on time although no worker was alive when it passed', async () => {
  const first = await newWorker();
  const ownNs = await createTestNamespace(cluster, 'crash-deadline');
  namespaces.push(ownNs);
  // The timeout counts from the start of the wait: 30 s leave room to see the wait and kill the
  // worker before it passes, however slow the machine.
  const yaml = jobYaml('stuck-migrate', { hook: 'PreSync', runFor: '300s' }).replace('annotations: {', 'annotations: { hooksync.io/timeout: "30s",');
  const planned = await planYaml(yaml, ownNs);
  const handle = await startCrashSync('crash-deadline', planned);
  await untilWaitingFor(handle, ownNs, 'stuck-migrate');

  await killWorker(first);
  const killedAt = Date.now();
  // The deadline passes with no worker at all; the timer is Temporal's, not the worker's.
  const firedAt = await eventually(async () => {
    const at = await timerFiredAt(handle);
    expect(at).toBeDefined();
    return at!;
  });
  expect(firedAt).toBeGreaterThan(killedAt);
  await newWorker();
  const report = await followSync(handle, () => undefined);

  expect(report.phase).toBe('Failed');
  expect(report.message).toMatch(/stuck-migrate failed: timed out after 30s \(hooksync\.io\/timeout\)$/);
});

test('C2 a worker killed while a deletion waits for confirmation is replaced; the replacement answers the confirm and deletes each object once', async () => {
  const first = await newWorker();
  const ownNs = await createTestNamespace(cluster, 'crash-held-delete');
  namespaces.push(ownNs);
  const app = ownNs;
  const objects = documents(annotatedConfigMapYaml('web', { 'argocd.argoproj.io/sync-wave': '1' }), annotatedConfigMapYaml('db', { 'argocd.argoproj.io/sync-options': 'Delete=confirm' }));
  expect((await followSync(await startCrashSync(app, await planYaml(objects, ownNs)), () => undefined)).phase).toBe('Succeeded');
  const deleteId = newSyncId();
  const deletion = await startDeletion(client, { syncId: deleteId, app, cluster: clusterName, hooks: [], cascade: true });
  syncs.push(deletion);
  // Held: the higher wave is deleted, the confirm's wave waits in the workflow (no activity runs).
  await eventually(async () => expect((await getSync(client, deleteId)).waitingFor?.map((w) => w.name)).toEqual(['db']));
  await eventually(async () => expect(await liveConfigMaps(ownNs)).toEqual(['db']));

  await killWorker(first);
  await newWorker();
  // The replacement has none of the workflow's state in memory: it replays the history to answer.
  const confirmed = await confirmPrune(client, deleteId);
  const report = await followSync(deletion, () => undefined);

  expect(confirmed.operation).toBe('delete');
  expect([report.phase, report.message]).toEqual(['Succeeded', `app ${app} deleted: 2 object(s) deleted`]);
  expect(await liveConfigMaps(ownNs)).toEqual([]);
  const deletes = auditedWrites(ownNs).filter((e) => e.verb === 'delete' && e.userAgent.startsWith('hooksync/') && e.resource === 'configmaps');
  expect(deletes.map((e) => e.name).sort()).toEqual(['db', 'web']);
});

async function liveConfigMaps(namespace: string): Promise<string[]> {
  return (await cluster.core.listNamespacedConfigMap({ namespace })).items.map((c) => c.metadata?.name ?? '').filter((n) => n !== 'kube-root-ca.crt').sort();
}
