// App deletion (spec §2.6) on the real servers: PreDelete hooks, then the app's objects highest
// wave first (each wave gone before the next), then PostDelete hooks, then hooks by policy; a
// failed PreDelete hook deletes nothing; kept objects stay; --cascade=false only untracks; and a
// deletion and a sync of one app never run at once, whichever starts first.
import { auditedWrites } from '../../support/auditLog';
import { eventually } from '../../support/eventually';
import { planYaml, rowOf, runSync, type SyncHarness } from '../../support/syncHarness';
import { followSync, startSync, AppBeingDeleted, SyncAlreadyRunning, type SyncReport } from '../../../client/syncClient';
import { planDeleteHooks, startDeletion } from '../../../client/deleteClient';
import { newSyncId } from '../../../client/syncClient';
import { DELETE_WORKFLOW_TYPE, deleteWorkflowId, syncWorkflowId, taskQueueFor } from '../../../workflows/messages';
import type { DeleteInput } from '../../../sync/deleteRun';
import { annotatedConfigMapYaml, documents, jobOrUndefined, jobYaml, useSyncHarness } from './syncTestKit';

const kit = useSyncHarness();

const configMap = annotatedConfigMapYaml;
const wave = (n: number) => ({ 'argocd.argoproj.io/sync-wave': String(n) });

/** Plans the deletion hooks of `yaml` (as `delete -f -` would), starts the deletion and follows it. */
async function runDeletion(h: SyncHarness, yaml: string, o: { app: string; namespace: string; cascade?: boolean }): Promise<SyncReport> {
  const syncId = newSyncId();
  const planned = await planDeleteHooks(['-'], { deleteId: syncId, namespace: o.namespace }, { stdin: yaml });
  expect(planned.problems).toEqual([]);
  const handle = await startDeletion(h.client, { syncId, app: o.app, cluster: h.clusterName, hooks: planned.hooks, cascade: o.cascade ?? true });
  return followSync(handle, () => undefined);
}

async function configMapNames(h: SyncHarness, namespace: string): Promise<string[]> {
  return (await h.cluster.core.listNamespacedConfigMap({ namespace })).items.map((c) => c.metadata?.name ?? '').filter((n) => n !== 'kube-root-ca.crt').sort();
}

const hooksyncDeletes = (ns: string) => auditedWrites(ns).filter((e) => e.verb === 'delete' && e.userAgent.startsWith('hooksync/') && e.code < 300);

test('§2.6 PreDelete hook, objects highest wave first, PostDelete hook, hooks by policy; kept objects stay', async () => {
  const ns = await kit.namespace('delete-waves');
  const app = 'delete-waves';
  const objects = documents(
    configMap('w0'), configMap('w1', wave(1)), configMap('w2', wave(2)),
    configMap('precious', { 'argocd.argoproj.io/sync-options': 'Delete=false' }), configMap('helm-kept', { 'helm.sh/resource-policy': 'keep' }),
  );
  expect((await runSync(kit.h, objects, { app, namespace: ns })).report.phase).toBe('Succeeded');
  const hooks = documents(jobYaml('backup', { hook: 'PreDelete', runFor: '1s' }), jobYaml('farewell', { hook: 'PostDelete', policy: 'HookSucceeded' }));

  const report = await runDeletion(kit.h, documents(objects, hooks), { app, namespace: ns });

  expect([report.phase, report.message]).toEqual(['Succeeded', `app ${app} deleted: 3 object(s) deleted, 2 kept`]);
  expect(rowOf(report, 'Job', 'backup')).toMatchObject({ syncPhase: 'PreDelete', hookType: 'PreDelete', hookPhase: 'Succeeded', status: 'Synced' });
  expect(rowOf(report, 'ConfigMap', 'w2')).toMatchObject({ status: 'Pruned', state: 'Pruned', wave: 2 });
  expect(rowOf(report, 'ConfigMap', 'precious')).toMatchObject({ status: 'PruneSkipped', message: 'kept (Delete=false)' });
  expect(rowOf(report, 'ConfigMap', 'helm-kept')).toMatchObject({ status: 'PruneSkipped', message: 'kept (helm.sh/resource-policy: keep)' });
  expect(await configMapNames(kit.h, ns)).toEqual(['helm-kept', 'precious']);
  const writes = auditedWrites(ns).filter((e) => e.userAgent.startsWith('hooksync/') && e.code < 300 && ['create', 'delete'].includes(e.verb) && e.receivedAt >= (report.startedAt ?? ''));
  // The PreDelete Job before any deletion, waves 2, 1, 0 one after another, the PostDelete Job last, then its policy.
  expect(writes.map((e) => `${e.verb} ${e.name}`)).toEqual(['create backup', 'delete w2', 'delete w1', 'delete w0', 'create farewell', 'delete farewell']);
  expect(await jobOrUndefined(kit.h, ns, 'backup')).toBeDefined();
});

test('§2.6 a failed PreDelete hook deletes nothing and the deletion ends Failed', async () => {
  const ns = await kit.namespace('delete-predelete-fails');
  const app = 'delete-predelete-fails';
  expect((await runSync(kit.h, configMap('stays'), { app, namespace: ns })).report.phase).toBe('Succeeded');
  const hooks = documents(jobYaml('backup', { hook: 'PreDelete', fail: true }), jobYaml('farewell', { hook: 'PostDelete' }));

  const report = await runDeletion(kit.h, hooks, { app, namespace: ns });

  expect(report.phase).toBe('Failed');
  expect(report.message).toMatch(/^PreDelete wave 0: Job .*backup failed: .*; nothing was deleted$/);
  expect(report.resources.map((r) => `${r.kind}/${r.name} ${r.state}`)).toEqual(['Job/backup Failed']);
  expect(await configMapNames(kit.h, ns)).toEqual(['stays']);
  expect(hooksyncDeletes(ns)).toEqual([]);
  expect(await jobOrUndefined(kit.h, ns, 'farewell')).toBeUndefined();
});

test('a hook the API server refuses (dry run) stops the deletion before anything is written', async () => {
  const ns = await kit.namespace('delete-hook-refused');
  const app = 'delete-hook-refused';
  expect((await runSync(kit.h, configMap('stays'), { app, namespace: ns })).report.phase).toBe('Succeeded');
  const since = new Date().toISOString();
  const refused = jobYaml('farewell', { hook: 'PostDelete' }).replace('  backoffLimit: 0', '  backoffLimit: 0\n  notAJobField: 1');

  const report = await runDeletion(kit.h, documents(jobYaml('backup', { hook: 'PreDelete' }), refused), { app, namespace: ns });

  expect(report.phase).toBe('Failed');
  expect(report.message).toMatch(/^one or more objects failed to apply \(dry run\), reason: .*Job .*farewell: .*notAJobField.*; nothing was deleted$/);
  expect(rowOf(report, 'Job', 'farewell')).toMatchObject({ status: 'SyncFailed', state: 'Failed' });
  expect(auditedWrites(ns).filter((e) => e.userAgent.startsWith('hooksync/') && e.receivedAt >= since)).toEqual([]);
  expect(await configMapNames(kit.h, ns)).toEqual(['stays']);
});

test('--cascade=false deletes nothing and runs no hook: the objects lose only hooksync labels and tracking id', async () => {
  const ns = await kit.namespace('delete-orphan');
  const app = 'delete-orphan';
  expect((await runSync(kit.h, configMap('orphan', { team: 'blue' }), { app, namespace: ns })).report.phase).toBe('Succeeded');

  const report = await runDeletion(kit.h, jobYaml('backup', { hook: 'PreDelete' }), { app, namespace: ns, cascade: false });

  expect([report.phase, report.message]).toEqual(['Succeeded', `app ${app} untracked (--cascade=false): 1 object(s) left in place without hooksync's labels`]);
  const live = await kit.h.cluster.core.readNamespacedConfigMap({ namespace: ns, name: 'orphan' });
  expect(live.metadata?.labels ?? {}).toEqual({});
  expect(live.metadata?.annotations).toEqual({ team: 'blue' });
  expect(hooksyncDeletes(ns)).toEqual([]);
  expect(await jobOrUndefined(kit.h, ns, 'backup')).toBeUndefined();
  // Untracked, the object is no longer the app's: a --prune sync of the app leaves it alone.
  expect((await runSync(kit.h, configMap('other'), { app, namespace: ns, prune: true })).report.phase).toBe('Succeeded');
  expect(await configMapNames(kit.h, ns)).toEqual(['orphan', 'other']);
});

test('a sync of an app being deleted is refused by Temporal, and names the deletion', async () => {
  const ns = await kit.namespace('delete-locks-sync');
  const app = 'delete-locks-sync';
  const syncId = newSyncId();
  const planned = await planDeleteHooks(['-'], { deleteId: syncId, namespace: ns }, { stdin: jobYaml('slow-', { hook: 'PreDelete', runFor: '4s', generateName: true }) });
  const deletion = await startDeletion(kit.h.client, { syncId, app, cluster: kit.h.clusterName, hooks: planned.hooks, cascade: true });
  // The lock is taken by the deletion's first step; from then on no sync starts.
  await eventually(async () => expect((await kit.h.client.workflow.getHandle(syncWorkflowId(kit.h.clusterName, app)).describe()).type).toBe('deletionLock'));
  const sync = await planYaml(configMap('late'), ns);
  const refused = startSync(kit.h.client, { syncId: sync.syncId, app, cluster: kit.h.clusterName, plan: sync.plan });
  await expect(refused).rejects.toThrow(AppBeingDeleted);
  await expect(refused).rejects.toThrow(`app "${app}" on cluster "${kit.h.clusterName}" is being deleted (workflow ${deleteWorkflowId(kit.h.clusterName, app)})`);
  expect((await followSync(deletion, () => undefined)).phase).toBe('Succeeded');
  // Released at the end: the next sync starts.
  expect((await runSync(kit.h, configMap('after'), { app, namespace: ns })).report.phase).toBe('Succeeded');
});

test('a deletion while a sync runs is refused, by the client and, started past it, by the workflow: nothing is deleted', async () => {
  const ns = await kit.namespace('delete-during-sync');
  const app = 'delete-during-sync';
  expect((await runSync(kit.h, configMap('stays'), { app, namespace: ns })).report.phase).toBe('Succeeded');
  const slow = await planYaml(jobYaml('slow-', { hook: 'PreSync', runFor: '4s', generateName: true }), ns);
  const running = await startSync(kit.h.client, { syncId: slow.syncId, app, cluster: kit.h.clusterName, plan: slow.plan, prune: false });

  await expect(startDeletion(kit.h.client, { syncId: newSyncId(), app, cluster: kit.h.clusterName, hooks: [], cascade: true })).rejects.toThrow(SyncAlreadyRunning);
  // A deletion started as if the client's check had passed just before the sync began.
  const input: DeleteInput = { syncId: newSyncId(), app, cluster: kit.h.clusterName, hooks: [], cascade: true };
  const raced = await kit.h.client.workflow.start(DELETE_WORKFLOW_TYPE, { taskQueue: taskQueueFor(kit.h.clusterName), workflowId: deleteWorkflowId(kit.h.clusterName, app), args: [input] });
  const report = await followSync(raced, () => undefined);

  expect(report.phase).toBe('Failed');
  expect(report.message).toContain(`a sync of app ${app} is running (workflow ${syncWorkflowId(kit.h.clusterName, app)}): nothing was deleted`);
  expect((await followSync(running, () => undefined)).phase).toBe('Succeeded');
  expect(await configMapNames(kit.h, ns)).toEqual(['stays']);
  expect(hooksyncDeletes(ns)).toEqual([]);
});
