// Selective sync (`--resource`, Argo CD's `argocd app sync --resource`; its e2e TestSelectiveSync and
// TestSelectiveSyncDoesNotRunHooks): only the selected objects are written, no hook is created, a
// --prune deletes among the selected objects only, and the inventory the sync leaves still names
// the kinds of what it did not select, so that the next full --prune sync finds them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import { planFromFiles } from '../../../client/planFromFiles';
import { followSync, newSyncId, startSync } from '../../../client/syncClient';
import { parseResourceSelector, type ResourceSelector } from '../../../sync/resourceSelector';
import type { SyncInput, SyncResult } from '../../../sync/syncRun';
import { auditedDryRuns } from '../../support/auditLog';
import { eventually } from '../../support/eventually';
import { runCliSync, runOfflineCli } from '../../support/runCli';
import { rowOf, runSync } from '../../support/syncHarness';
import { describeRequests, documents, hooksyncRequests, jobOrUndefined, jobYaml, useSyncHarness } from './syncTestKit';

const kit = useSyncHarness();

const configMap = (name: string) => `
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
data: {k: v}
`;
const serviceAccount = (name: string) => `
apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}
`;

function manifestFile(yaml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'hooksync-select-')), 'manifests.yaml');
  writeFileSync(file, yaml);
  return file;
}

function selectors(...texts: string[]): ResourceSelector[] {
  return texts.map((text) => {
    const parsed = parseResourceSelector(text);
    if ('error' in parsed) throw new Error(parsed.error);
    return parsed.selector;
  });
}

/** A selective sync through the library, as `hooksync sync --resource` starts one. */
async function selectiveSync(yaml: string, o: { app: string; namespace: string; resources: string[]; prune?: boolean }): Promise<SyncResult> {
  const syncId = newSyncId();
  const planned = await planFromFiles(['-'], { syncId, attempt: 0, defaultNamespace: o.namespace, selection: selectors(...o.resources) }, { stdin: yaml });
  if (planned.problems.length > 0) throw new Error(`problems:\n${planned.problems.join('\n')}`);
  const handle = await startSync(kit.h.client, { syncId, app: o.app, cluster: kit.h.clusterName, plan: planned.plan, prune: o.prune });
  const result = await followSync(handle, () => undefined);
  // The Temporal UI's summary of the run tells it apart from a full sync.
  expect(await (await handle.describe()).staticSummary()).toBe(`selective sync (no hooks) of ${o.app} to ${kit.h.clusterName} (sync id ${syncId})`);
  // --prune travels where only a worker that knows the selection looks: an older one would prune nothing.
  const input = await startedInput(handle);
  expect([input.prune, input.selectivePrune]).toEqual([false, o.prune ?? false]);
  return result;
}

async function startedInput(handle: WorkflowHandle): Promise<SyncInput> {
  const started = (await handle.fetchHistory()).events?.[0]?.workflowExecutionStartedEventAttributes;
  return decodeFromPayloadsAtIndex<SyncInput>(handle.client.options.loadedDataConverter, 0, started?.input?.payloads);
}

async function configMapNames(ns: string, app: string): Promise<string[]> {
  const list = await kit.h.cluster.core.listNamespacedConfigMap({ namespace: ns, labelSelector: `hooksync.io/app=${app}` });
  return list.items.map((c) => c.metadata?.name ?? '').sort();
}

async function serviceAccountNames(ns: string, app: string): Promise<string[]> {
  const list = await kit.h.cluster.core.listNamespacedServiceAccount({ namespace: ns, labelSelector: `hooksync.io/app=${app}` });
  return list.items.map((c) => c.metadata?.name ?? '').sort();
}

test('hooksync sync --resource writes the selected object only, and creates no hook', async () => {
  const ns = await kit.namespace('select-only');
  const app = 'select-only';
  const yaml = documents(jobYaml('migrate', { hook: 'PreSync' }), configMap('chosen'), configMap('other'), jobYaml('smoke', { hook: 'PostSync' }));
  const run = await runCliSync(kit.h.clusterName, '-f', manifestFile(yaml), '--app', app, '-n', ns, '--resource', `:ConfigMap:${ns}/chosen`, '-o', 'json');
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const report = JSON.parse(run.stdout) as SyncResult;
  expect(report.phase).toBe('Succeeded');
  expect(report.resources.map((r) => `${r.syncPhase} ${r.kind}/${r.name} ${r.status ?? ''}`)).toEqual(['Sync ConfigMap/chosen Synced']);

  expect(await configMapNames(ns, app)).toEqual(['chosen']);
  expect([await jobOrUndefined(kit.h, ns, 'migrate'), await jobOrUndefined(kit.h, ns, 'smoke')]).toEqual([undefined, undefined]);
  // Not one request to an object that was not selected: not even a dry run.
  expect(describeRequests(hooksyncRequests(ns))).toEqual(['patch configmaps/chosen']);
  expect(describeRequests(auditedDryRuns(ns).filter((e) => e.userAgent.startsWith('hooksync/')))).toEqual(['patch configmaps/chosen']);

  // For people, the sync says up front what it leaves out, as `hooksync plan --resource` does.
  const text = await runCliSync(kit.h.clusterName, '-f', manifestFile(yaml), '--app', app, '-n', ns, '--resource', ':ConfigMap:chosen');
  expect(text.code).toBe(0);
  expect(text.stdout).toContain(`selective sync (--resource :ConfigMap:chosen): 1 of 2 resource(s) selected`);
  expect(text.stdout).toMatch(new RegExp(`hooks not run \\(a selective sync runs no hooks, as in Argo CD\\):\n  - PreSync Job ${ns}/migrate\n  - PostSync Job ${ns}/smoke`));
});

test('hooksync plan --resource shows, offline, what is selected and that hooks are skipped', async () => {
  const yaml = documents(jobYaml('migrate', { hook: 'PreSync' }), configMap('chosen'), configMap('other'));
  const file = manifestFile(yaml);
  const plan = await runOfflineCli('plan', '-f', file, '-n', 'shop', '--resource', ':ConfigMap:chosen');
  expect(plan.code).toBe(0);
  expect(plan.stdout).toContain('ConfigMap  v1  shop/chosen');
  expect(plan.stdout).not.toContain('shop/other');
  expect(plan.stdout).toContain('selective sync (--resource :ConfigMap:chosen): 1 of 2 resource(s) selected; the 1 not selected are neither applied nor pruned');
  expect(plan.stdout).toContain('hooks not run (a selective sync runs no hooks, as in Argo CD):\n  - PreSync Job shop/migrate');

  const wrong = await runOfflineCli('plan', '-f', file, '-n', 'shop', '--resource', 'apps:ConfigMap:chosen', '--resource', 'batch:Job:migrate');
  expect(wrong.code).toBe(2);
  expect(wrong.stderr).toContain('--resource apps:ConfigMap:chosen matches no resource in the manifests: did you mean :ConfigMap:chosen?');
  expect(wrong.stderr).toContain('--resource batch:Job:migrate matches no resource in the manifests: it names PreSync hook Job shop/migrate, and a selective sync runs no hooks');

  const malformed = await runOfflineCli('plan', '-f', file, '--resource', 'ConfigMap');
  expect(malformed.code).toBe(2);
  expect(malformed.stderr).toMatch(/--resource "ConfigMap": expected \[!\]\[GROUP:\]KIND:\[NAMESPACE\/\]NAME/);
});

test('--prune with --resource prunes among the selected objects only; the next full --prune sync still prunes the rest', async () => {
  const ns = await kit.namespace('select-prune');
  const app = 'select-prune';
  const everything = documents(configMap('keep'), configMap('stale'), serviceAccount('stale-sa'));
  expect((await runSync(kit.h, everything, { app, namespace: ns })).report.phase).toBe('Succeeded');

  // The manifests dropped both stale objects; the selection covers the ConfigMaps only.
  const selective = await selectiveSync(configMap('keep'), { app, namespace: ns, resources: [':ConfigMap:*'], prune: true });
  expect(selective.phase).toBe('Succeeded');
  expect(rowOf(selective, 'ConfigMap', 'stale')).toMatchObject({ status: 'Pruned' });
  expect(selective.resources.map((r) => r.name).sort()).toEqual(['keep', 'stale']);
  await eventually(async () => expect(await configMapNames(ns, app)).toEqual(['keep']));
  expect(await serviceAccountNames(ns, app)).toEqual(['stale-sa']);
  // What the selective sync leaves for the next: the ServiceAccount kind, which it listed but did not select.
  expect(selective.inventory).toEqual([{ apiVersion: 'v1', kind: 'ConfigMap' }, { apiVersion: 'v1', kind: 'ServiceAccount' }]);

  const full = await runSync(kit.h, configMap('keep'), { app, namespace: ns, prune: true });
  expect(full.report.phase).toBe('Succeeded');
  expect(rowOf(full.report, 'ServiceAccount', 'stale-sa')).toMatchObject({ status: 'Pruned' });
  await eventually(async () => expect(await serviceAccountNames(ns, app)).toEqual([]));
});

test('a selective sync without --prune lists nothing and keeps the inventory it was given', async () => {
  const ns = await kit.namespace('select-keep');
  const app = 'select-keep';
  const first = await runSync(kit.h, documents(configMap('a'), serviceAccount('sa')), { app, namespace: ns, prune: true });
  expect(first.report.inventory).toEqual([{ apiVersion: 'v1', kind: 'ConfigMap' }, { apiVersion: 'v1', kind: 'ServiceAccount' }]);
  const selective = await selectiveSync(configMap('a'), { app, namespace: ns, resources: [':ConfigMap:a'] });
  expect(selective.phase).toBe('Succeeded');
  expect(selective.resources.map((r) => r.name)).toEqual(['a']);
  expect(selective.inventory).toEqual(first.report.inventory);
  expect(await serviceAccountNames(ns, app)).toEqual(['sa']);
});
