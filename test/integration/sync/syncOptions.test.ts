// Argo CD's sync options on the real cluster (README "Sync options"): per object through the
// `argocd.argoproj.io/sync-options` annotation, per sync as `--sync-option` would pass them. Each
// option with a behaviour of its own is shown against the same sync without it, and the API
// server's audit log says which verbs hooksync really sent.
import { randomBytes } from 'node:crypto';
import { clusterPreflight } from '../../../client/clusterPreflight';
import { planFromFiles } from '../../../client/planFromFiles';
import { followSync, newSyncId, startSync } from '../../../client/syncClient';
import { parseSyncOptionFlags } from '../../../sync/syncOptions';
import { auditedWrites, type AuditEntry } from '../../support/auditLog';
import { rowOf, type SyncRun } from '../../support/syncHarness';
import { configMapYaml, documents, jobYaml, useSyncHarness } from './syncTestKit';

// Replace=true needs `update`, which the documented role grants (deploy/rbac/worker-rbac.yaml).
// The suite applies that role to the shared cluster from each worktree's copy, so it is granted
// here as well, lest a run from a copy without it take it away in the middle of this file.
const kit = useSyncHarness({ workerRules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['update'] }] });

interface OptionSync {
  app: string;
  namespace: string;
  prune?: boolean;
  /** As `--sync-option` values. */
  syncOptions?: string[];
}

/** Plans (with the sync's options, as the CLI parses them), starts and follows one sync. */
async function syncWith(yaml: string, { app, namespace, prune = false, syncOptions = [] }: OptionSync): Promise<SyncRun> {
  const perSync = parseSyncOptionFlags(syncOptions);
  if (perSync.problems.length) throw new Error(perSync.problems.join('\n'));
  const syncId = newSyncId();
  const planned = await planFromFiles(['-'], { syncId, attempt: 0, defaultNamespace: namespace, syncOptions: perSync.options }, { stdin: yaml });
  if (planned.problems.length) throw new Error(`manifest problems:\n${planned.problems.join('\n')}`);
  const handle = await startSync(kit.h.client, { syncId, app, cluster: kit.h.clusterName, plan: planned.plan, prune });
  const states: SyncRun['states'] = [];
  return { report: await followSync(handle, (s) => states.push(s)), states };
}

function configMap(name: string, data: Record<string, string>, o: { options?: string; immutable?: boolean; extra?: string } = {}): string {
  const annotations = o.options ? `\n  annotations: { argocd.argoproj.io/sync-options: "${o.options}" }` : '';
  return `
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}${annotations}
${o.immutable ? 'immutable: true\n' : ''}${o.extra ?? ''}data: ${JSON.stringify(data)}
`;
}

/** Writes hooksync sent to one object, dry runs excluded. */
const writesTo = (ns: string, name: string): AuditEntry[] => auditedWrites(ns).filter((e) => e.name === name && e.userAgent.startsWith('hooksync/') && e.code < 300);

const readConfigMap = (ns: string, name: string) => kit.h.cluster.core.readNamespacedConfigMap({ namespace: ns, name });

test('Replace=true: a PUT (update) that removes what another writer added; a plain apply keeps it', async () => {
  const ns = await kit.namespace('options-replace');
  const app = 'options-replace';
  expect((await syncWith(documents(configMap('applied', { k: 'v' }), configMap('replaced', { k: 'v' })), { app, namespace: ns })).report.phase).toBe('Succeeded');
  for (const name of ['applied', 'replaced']) {
    const live = await readConfigMap(ns, name);
    await kit.h.cluster.core.replaceNamespacedConfigMap({ namespace: ns, name, body: { ...live, data: { ...live.data, added: 'by-hand' } } });
  }

  const yaml = documents(configMap('applied', { k: 'v2' }), configMap('replaced', { k: 'v2' }, { options: 'Replace=true' }));
  const { report } = await syncWith(yaml, { app, namespace: ns });

  expect(report.phase).toBe('Succeeded');
  expect(rowOf(report, 'ConfigMap', 'replaced').message).toBe('configmap/replaced replaced');
  expect((await readConfigMap(ns, 'replaced')).data).toEqual({ k: 'v2' });
  // Server-side apply leaves the field another manager owns.
  expect((await readConfigMap(ns, 'applied')).data).toEqual({ k: 'v2', added: 'by-hand' });
  expect(writesTo(ns, 'replaced').map((e) => e.verb)).toEqual(['patch', 'update']);
  expect(writesTo(ns, 'applied').map((e) => e.verb)).toEqual(['patch', 'patch']);
});

test('Force=true: a change to an immutable field deletes the object by uid and re-creates it; without it the sync fails before any write', async () => {
  const ns = await kit.namespace('options-force');
  const app = 'options-force';
  expect((await syncWith(configMap('frozen', { k: 'v1' }, { immutable: true }), { app, namespace: ns })).report.phase).toBe('Succeeded');
  const before = await readConfigMap(ns, 'frozen');

  const refused = await syncWith(configMap('frozen', { k: 'v2' }, { immutable: true }), { app, namespace: ns });
  expect(refused.report.phase).toBe('Failed');
  expect(rowOf(refused.report, 'ConfigMap', 'frozen').message).toMatch(/immutable/);
  expect(writesTo(ns, 'frozen')).toHaveLength(1);

  const { report } = await syncWith(configMap('frozen', { k: 'v2' }, { immutable: true, options: 'Force=true' }), { app, namespace: ns });
  expect(report.phase).toBe('Succeeded');
  expect(rowOf(report, 'ConfigMap', 'frozen')).toMatchObject({ status: 'Synced', message: 'configmap/frozen re-created (Force: a field that cannot change did)' });
  const after = await readConfigMap(ns, 'frozen');
  expect(after.data).toEqual({ k: 'v2' });
  expect(after.metadata?.uid).not.toBe(before.metadata?.uid);
  expect(writesTo(ns, 'frozen').map((e) => e.verb)).toEqual(['patch', 'delete', 'create']);
});

test('Validate=false for the sync: a replace drops an unknown field instead of refusing the object; an apply cannot, and says so', async () => {
  const ns = await kit.namespace('options-validate');
  const loose = (options?: string) => configMap('loose', { k: 'v' }, { extra: 'colour: blue\n', options });

  const strict = await syncWith(loose('Replace=true'), { app: 'options-validate', namespace: ns });
  expect(strict.report.phase).toBe('Failed');
  expect(rowOf(strict.report, 'ConfigMap', 'loose').message).toContain('unknown field "colour"');

  const applied = await syncWith(loose(), { app: 'options-validate', namespace: ns, syncOptions: ['Validate=false'] });
  expect(applied.report.phase).toBe('Failed');
  expect(rowOf(applied.report, 'ConfigMap', 'loose').message).toContain('.colour: field not declared in schema (Validate=false drops unknown fields from a create or a replace, not from a server-side apply: add Replace=true)');
  expect(writesTo(ns, 'loose')).toEqual([]);

  const { report } = await syncWith(loose('Replace=true'), { app: 'options-validate', namespace: ns, syncOptions: ['Validate=false'] });
  expect(report.phase).toBe('Succeeded');
  const live = await readConfigMap(ns, 'loose');
  expect(live.data).toEqual({ k: 'v' });
  expect(live as unknown as Record<string, unknown>).not.toHaveProperty('colour');
});

test('ApplyOutOfSyncOnly=true: an unchanged object gets no write and still shows Synced; a changed one is applied; hooks run', async () => {
  const ns = await kit.namespace('options-out-of-sync');
  const app = 'options-out-of-sync';
  const yaml = (changedValue: string) => documents(configMap('same', { k: 'v' }), configMap('changed', { k: changedValue }), jobYaml('smoke', { hook: 'PostSync', policy: 'BeforeHookCreation' }));
  expect((await syncWith(yaml('v1'), { app, namespace: ns })).report.phase).toBe('Succeeded');
  const sameWrites = writesTo(ns, 'same').length;
  const hookWrites = writesTo(ns, 'smoke').filter((e) => e.verb === 'create').length;

  const { report } = await syncWith(yaml('v2'), { app, namespace: ns, syncOptions: ['ApplyOutOfSyncOnly=true'] });

  expect(report.phase).toBe('Succeeded');
  expect(rowOf(report, 'ConfigMap', 'same')).toMatchObject({ status: 'Synced', message: 'configmap/same unchanged (ApplyOutOfSyncOnly: nothing written)' });
  expect(rowOf(report, 'ConfigMap', 'changed')).toMatchObject({ status: 'Synced', message: 'configmap/changed configured' });
  expect(rowOf(report, 'Job', 'smoke')).toMatchObject({ hookPhase: 'Succeeded' });
  expect(writesTo(ns, 'same')).toHaveLength(sameWrites);
  expect((await readConfigMap(ns, 'changed')).data).toEqual({ k: 'v2' });
  expect(writesTo(ns, 'smoke').filter((e) => e.verb === 'create')).toHaveLength(hookWrites + 1);
});

test('FailOnSharedResource=true: an object an Argo CD application tracks fails the sync before any write; without it, it is taken over', async () => {
  const ns = await kit.namespace('options-shared');
  await kit.h.cluster.core.createNamespacedConfigMap({ namespace: ns, body: {
    metadata: { name: 'app-config', annotations: { 'argocd.argoproj.io/tracking-id': `legacy:/ConfigMap:${ns}/app-config` } },
    data: { mode: 'old' },
  } });

  const shared = await syncWith(documents(configMapYaml(), configMap('other', { k: 'v' })), { app: 'options-shared', namespace: ns, syncOptions: ['FailOnSharedResource=true'] });
  expect(shared.report.phase).toBe('Failed');
  expect(rowOf(shared.report, 'ConfigMap', 'app-config').message).toBe(`ConfigMap ${ns}/app-config is tracked by Argo CD application "legacy" (argocd.argoproj.io/tracking-id); FailOnSharedResource=true refuses to share it`);
  expect(writesTo(ns, 'app-config')).toEqual([]);
  expect(writesTo(ns, 'other')).toEqual([]);

  const { report } = await syncWith(configMapYaml(), { app: 'options-shared', namespace: ns });
  expect(report.phase).toBe('Succeeded');
  expect((await readConfigMap(ns, 'app-config')).data).toEqual({ mode: 'new' });
});

test('Prune=false and PruneLast=true for the sync: one keeps every stale object, the other prunes after the last wave', async () => {
  const ns = await kit.namespace('options-prune');
  const app = 'options-prune';
  const wave = (name: string, w: number) => `
apiVersion: v1
kind: ConfigMap
metadata: { name: ${name}, annotations: { argocd.argoproj.io/sync-wave: "${w}" } }
data: { k: v }
`;
  expect((await syncWith(documents(wave('stale', 0), wave('kept', 0)), { app, namespace: ns })).report.phase).toBe('Succeeded');

  const noPrune = await syncWith(wave('kept', 0), { app, namespace: ns, prune: true, syncOptions: ['Prune=false'] });
  expect(noPrune.report.phase).toBe('Succeeded');
  expect(rowOf(noPrune.report, 'ConfigMap', 'stale')).toMatchObject({ state: 'PruneSkipped', message: 'ignored (no prune)' });
  await expect(readConfigMap(ns, 'stale')).resolves.toBeDefined();

  const { report } = await syncWith(documents(wave('kept', 0), wave('late', 3)), { app, namespace: ns, prune: true, syncOptions: ['PruneLast=true'] });
  expect(report.phase).toBe('Succeeded');
  expect(rowOf(report, 'ConfigMap', 'stale')).toMatchObject({ state: 'Pruned', wave: 4 });
  expect(rowOf(report, 'ConfigMap', 'late')).toMatchObject({ wave: 3 });
});

test('CreateNamespace=true for the sync creates the missing namespace, as --create-namespace does', async () => {
  const ns = `options-create-ns-${randomBytes(3).toString('hex')}`;
  kit.deleteNamespaceAfterAll(ns);
  const { report } = await syncWith(configMapYaml(), { app: 'options-create-ns', namespace: ns, syncOptions: ['CreateNamespace=true'] });
  expect(report.phase).toBe('Succeeded');
  expect(rowOf(report, 'Namespace', ns).message).toBe(`namespace/${ns} created`);
  await expect(readConfigMap(ns, 'app-config')).resolves.toBeDefined();
});

test('SkipDryRunOnMissingResource=true for the sync: the check of served kinds lets a kind the cluster does not serve (yet) by', async () => {
  const widget = 'apiVersion: options.hooksync.io/v1\nkind: Widget\nmetadata: { name: gizmo }\n';
  const planOf = async (syncOptions: string[]) => {
    const planned = await planFromFiles(['-'], { syncId: 'plan', attempt: 0, defaultNamespace: 'shop', syncOptions: parseSyncOptionFlags(syncOptions).options }, { stdin: widget });
    return planned.plan;
  };
  expect(await clusterPreflight(kit.h.cluster.kc, await planOf([]))).toEqual([
    expect.stringContaining('Widget shop/gizmo: kind: the cluster does not serve Widget in options.hooksync.io/v1'),
  ]);
  expect(await clusterPreflight(kit.h.cluster.kc, await planOf(['SkipDryRunOnMissingResource=true']))).toEqual([]);
});
