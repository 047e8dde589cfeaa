// Terminate (DESIGN §4, spec §6.3): the running hook is deleted, no finalizer of ours is left,
// nothing after it runs, and the sync ends Terminated (the workflow itself completes normally).
import { hooksyncWrites } from '../../support/auditLog';
import { eventually } from '../../support/eventually';
import { planYaml, rowOf } from '../../support/syncHarness';
import { followSync, startSync, terminateSync } from '../../../client/syncClient';
import { syncStateQuery, syncWorkflowId } from '../../../workflows/messages';
import { killWorker, startWorkerProcess } from '../../support/workerProcess';
import { configMapYaml, documents, jobYaml, useSyncHarness } from './syncTestKit';

const kit = useSyncHarness();

test('§6.3 terminate deletes the running hook and ends the sync Terminated', async () => {
  const ns = await kit.namespace('terminate');
  const app = 'terminate';
  const planned = await planYaml(documents(jobYaml('long-migrate', { hook: 'PreSync', runFor: '60s' }), configMapYaml()), ns);
  const handle = await startSync(kit.h.client, { syncId: planned.syncId, app, cluster: kit.h.clusterName, plan: planned.plan });
  await eventually(async () => {
    const job = await kit.h.cluster.batch.readNamespacedJob({ namespace: ns, name: 'long-migrate' });
    expect(job.status?.active).toBe(1);
  });

  await terminateSync(kit.h.client, syncWorkflowId(kit.h.clusterName, app));
  const report = await followSync(handle, () => undefined);

  expect(report.phase).toBe('Terminated');
  expect(report.message).toBe('sync terminated by the user');
  // Argo CD's row of a hook it stopped (TestTerminateWithRunningHooks).
  expect(rowOf(report, 'Job', 'long-migrate')).toMatchObject({ state: 'Failed', status: 'Synced', hookPhase: 'Failed', message: 'Terminated' });
  expect((await handle.describe()).status.name).toBe('COMPLETED');
  await eventually(async () => {
    const jobs = (await kit.h.cluster.batch.listNamespacedJob({ namespace: ns })).items;
    expect(jobs.map((j) => j.metadata?.name)).toEqual([]);
  });
  expect(hooksyncWrites(ns).map((e) => e.resource)).not.toContain('configmaps');
});

test('§6.3 terminate keeps the hooks that completed, whatever their policy, and deletes only the running ones', async () => {
  const ns = await kit.namespace('terminate-keep');
  const app = 'terminate-keep';
  const yaml = documents(
    jobYaml('done-on-success', { hook: 'PreSync', policy: 'HookSucceeded' }),
    jobYaml('done-on-create', { hook: 'PreSync', policy: 'BeforeHookCreation' }),
    jobYaml('running-on-success', { hook: 'PreSync', policy: 'HookSucceeded', runFor: '120s' }),
    jobYaml('running-on-failed', { hook: 'PreSync', policy: 'HookFailed', runFor: '120s' }),
    configMapYaml(),
  );
  const planned = await planYaml(yaml, ns);
  const handle = await startSync(kit.h.client, { syncId: planned.syncId, app, cluster: kit.h.clusterName, plan: planned.plan });
  // Terminate once the quick hooks are recorded as done and the slow ones run.
  await eventually(async () => {
    const state = await handle.query(syncStateQuery);
    expect(['done-on-success', 'done-on-create'].map((n) => rowOf(state, 'Job', n).hookPhase)).toEqual(['Succeeded', 'Succeeded']);
    expect(rowOf(state, 'Job', 'running-on-success').hookPhase).toBe('Running');
  }, { timeoutMs: 90_000 });

  await terminateSync(kit.h.client, syncWorkflowId(kit.h.clusterName, app));
  const report = await followSync(handle, () => undefined);

  expect(report.phase).toBe('Terminated');
  expect(rowOf(report, 'Job', 'done-on-success')).toMatchObject({ state: 'Succeeded', hookPhase: 'Succeeded' });
  expect(rowOf(report, 'Job', 'done-on-create')).toMatchObject({ state: 'Succeeded', hookPhase: 'Succeeded' });
  for (const name of ['running-on-success', 'running-on-failed']) {
    expect(rowOf(report, 'Job', name)).toMatchObject({ state: 'Failed', hookPhase: 'Failed', message: 'Terminated' });
  }
  await eventually(async () => {
    const jobs = (await kit.h.cluster.batch.listNamespacedJob({ namespace: ns })).items;
    expect(jobs.map((j) => [j.metadata?.name, j.metadata?.finalizers ?? []]).sort()).toEqual([['done-on-create', []], ['done-on-success', []]]);
  });
});

test('a sync terminated before its first step ends Terminated with a result, having written nothing', async () => {
  const ns = await kit.namespace('terminate-early');
  const cluster = `early-${ns}`;
  const planned = await planYaml(documents(jobYaml('migrate', { hook: 'PreSync' }), configMapYaml()), ns);
  // No worker polls this cluster's queue yet: the cancellation is there before the first step.
  const handle = await startSync(kit.h.client, { syncId: planned.syncId, app: 'terminate-early', cluster, plan: planned.plan });
  await terminateSync(kit.h.client, handle.workflowId);
  const worker = startWorkerProcess(cluster);
  try {
    await worker.ready;
    const report = await followSync(handle, () => undefined);
    expect([report.phase, report.message, report.resources]).toEqual(['Terminated', 'sync terminated by the user before it applied anything', []]);
  } finally {
    await killWorker(worker);
  }
  expect(hooksyncWrites(ns)).toEqual([]);
});
