// Pruning (spec §3.1, §3.4): objects of the app that the manifests no longer have are deleted with
// --prune, later waves first; without it they are left alone, and not even listed.
import { auditedWrites } from '../../support/auditLog';
import { eventually } from '../../support/eventually';
import { rowOf, runSync } from '../../support/syncHarness';
import { useSyncHarness } from './syncTestKit';

const kit = useSyncHarness();
let ns: string;

beforeAll(async () => {
  ns = await kit.namespace('prune');
});

const configMap = (name: string, wave: number) => `
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  annotations:
    argocd.argoproj.io/sync-wave: "${wave}"
data: {k: v}
`;
const all = [configMap('keep', 0), configMap('early', 1), configMap('late', 2)].join('---');

test('§3.4 without --prune, stale objects stay (and, unlisted, get no row)', async () => {
  const app = 'prune-skip';
  expect((await runSync(kit.h, all, { app, namespace: ns })).report.phase).toBe('Succeeded');
  const { report } = await runSync(kit.h, configMap('keep', 0), { app, namespace: ns });
  expect(report.phase).toBe('Succeeded');
  expect(report.resources.map((r) => r.name)).toEqual(['keep']);
  const names = (await kit.h.cluster.core.listNamespacedConfigMap({ namespace: ns, labelSelector: `hooksync.io/app=${app}` })).items.map((c) => c.metadata?.name).sort();
  expect(names).toEqual(['early', 'keep', 'late']);
});

test('§3.4 --prune deletes stale objects across waves, the later wave first', async () => {
  const app = 'prune-waves';
  const manifests = all.replace(/name: (keep|early|late)/g, 'name: p-$1');
  expect((await runSync(kit.h, manifests, { app, namespace: ns })).report.phase).toBe('Succeeded');
  const { report } = await runSync(kit.h, configMap('p-keep', 0), { app, namespace: ns, prune: true });
  expect(report.phase).toBe('Succeeded');
  expect(rowOf(report, 'ConfigMap', 'p-early')).toMatchObject({ status: 'Pruned' });
  expect(rowOf(report, 'ConfigMap', 'p-late')).toMatchObject({ status: 'Pruned' });
  expect(rowOf(report, 'ConfigMap', 'p-keep')).toMatchObject({ status: 'Synced' });
  await eventually(async () => {
    const names = (await kit.h.cluster.core.listNamespacedConfigMap({ namespace: ns, labelSelector: `hooksync.io/app=${app}` })).items.map((c) => c.metadata?.name);
    expect(names).toEqual(['p-keep']);
  });
  const deletes = auditedWrites(ns).filter((e) => e.verb === 'delete' && e.userAgent.startsWith('hooksync/')).map((e) => e.name);
  expect(deletes).toEqual(['p-late', 'p-early']);
});

const serviceAccount = (name: string) => `
apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}
`;

test('--prune finds the kinds an older sync applied, through syncs without --prune (the inventory carries over)', async () => {
  const app = 'prune-inventory';
  const kinds = [{ apiVersion: 'v1', kind: 'ConfigMap' }, { apiVersion: 'v1', kind: 'ServiceAccount' }];
  // The app's first --prune sync has no inventory to go by: it lists every kind, and leaves one.
  expect((await runSync(kit.h, configMap('i-keep', 0), { app, namespace: ns, prune: true })).report.inventory).toEqual([kinds[0]]);
  expect((await runSync(kit.h, [configMap('i-keep', 0), serviceAccount('i-old')].join('---'), { app, namespace: ns })).report.inventory).toEqual(kinds);
  // Without --prune nothing is listed: the ServiceAccount stays, and the inventory still names its kind.
  expect((await runSync(kit.h, configMap('i-keep', 0), { app, namespace: ns })).report.inventory).toEqual(kinds);
  const { report } = await runSync(kit.h, configMap('i-keep', 0), { app, namespace: ns, prune: true });
  expect(report.phase).toBe('Succeeded');
  expect(rowOf(report, 'ServiceAccount', 'i-old')).toMatchObject({ status: 'Pruned' });
  expect(report.inventory).toEqual(kinds);
});
