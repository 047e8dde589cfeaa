// Deadlines (DESIGN §6, issue 5): hooksync.io/timeout on a hook and --timeout on a sync, each a
// durable timer. Past it the sync fails naming what it waited for; SyncFail hooks run, and the
// next group never starts.
import { hooksyncWrites } from '../../support/auditLog';
import { followSync, startSync } from '../../../client/syncClient';
import { planYaml, rowOf } from '../../support/syncHarness';
import { configMapYaml, documents, jobYaml, syncWithin, useSyncHarness } from './syncTestKit';

const kit = useSyncHarness();

test('a PreSync hook over its hooksync.io/timeout fails the sync and SyncFail runs', async () => {
  const ns = await kit.namespace('hook-timeout');
  const slow = jobYaml('slow-migrate', { hook: 'PreSync', runFor: '60s' })
    .replace('annotations: {', 'annotations: { hooksync.io/timeout: "3s",');
  const yaml = documents(slow, jobYaml('notify', { hook: 'SyncFail' }), configMapYaml());

  // Were the timeout not kept, the Job would end the sync Succeeded after 60 s.
  const { report } = await syncWithin(kit.h, yaml, { app: 'hook-timeout', namespace: ns });

  expect(report.phase).toBe('Failed');
  expect(report.message).toMatch(/^PreSync wave 0: Job .*slow-migrate failed: timed out after 3s \(hooksync\.io\/timeout\)$/);
  expect(rowOf(report, 'Job', 'slow-migrate')).toMatchObject({ state: 'Failed', hookPhase: 'Failed' });
  expect(rowOf(report, 'Job', 'notify')).toMatchObject({ syncPhase: 'SyncFail', hookPhase: 'Succeeded' });
  expect(hooksyncWrites(ns).map((e) => e.resource)).not.toContain('configmaps');
});

test('--timeout: a sync not done in time fails naming the group it waited for; SyncFail runs', async () => {
  const ns = await kit.namespace('sync-timeout');
  const yaml = documents(jobYaml('slow-migrate', { hook: 'PreSync', runFor: '60s' }), jobYaml('notify', { hook: 'SyncFail' }), configMapYaml());
  const planned = await planYaml(yaml, ns);
  // The sync's deadline counts from its start, so it must leave room for the Job to be created
  // first, however slow the machine: 20 s, while the Job runs 60 s.
  const handle = await startSync(kit.h.client, { syncId: planned.syncId, app: 'sync-timeout', cluster: kit.h.clusterName, plan: planned.plan, timeoutSeconds: 20 });
  const report = await followSync(handle, () => undefined);

  expect(report.phase).toBe('Failed');
  expect(report.message).toBe('sync timed out after 20s (--timeout) while waiting for PreSync wave 0: Job/slow-migrate');
  expect(rowOf(report, 'Job', 'slow-migrate')).toMatchObject({ state: 'Failed', message: 'the sync timed out while it ran' });
  expect(rowOf(report, 'Job', 'notify')).toMatchObject({ syncPhase: 'SyncFail', hookPhase: 'Succeeded' });
  expect(hooksyncWrites(ns).map((e) => e.resource)).not.toContain('configmaps');
  const job = await kit.h.cluster.batch.readNamespacedJob({ namespace: ns, name: 'slow-migrate' });
  expect(job.metadata?.finalizers ?? []).not.toContain('hooksync.io/hook-finalizer');
});
