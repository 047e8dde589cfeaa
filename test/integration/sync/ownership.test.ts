// Ownership (DESIGN §3, issue: "an object owned by another app is refused, not taken over"): the
// tracking id on every applied object names its app and the object itself.
import { hooksyncWrites } from '../../support/auditLog';
import { rowOf, runSync } from '../../support/syncHarness';
import { useSyncHarness } from './syncTestKit';

const kit = useSyncHarness();

const configMap = (name: string) => `
apiVersion: v1
kind: ConfigMap
metadata: { name: ${name} }
data: { k: v }
`;

test('an object owned by another app is refused, not taken over', async () => {
  const ns = await kit.namespace('owned-elsewhere');
  expect((await runSync(kit.h, configMap('shared'), { app: 'first-app', namespace: ns })).report.phase).toBe('Succeeded');

  const { report } = await runSync(kit.h, configMap('shared'), { app: 'second-app', namespace: ns });
  expect(report.phase).toBe('Failed');
  expect(rowOf(report, 'ConfigMap', 'shared')).toMatchObject({ status: 'SyncFailed' });
  expect(rowOf(report, 'ConfigMap', 'shared').message).toContain('belongs to app "first-app"');
  const live = await kit.h.cluster.core.readNamespacedConfigMap({ namespace: ns, name: 'shared' });
  expect(live.metadata?.annotations?.['hooksync.io/tracking-id']).toBe(`first-app:/ConfigMap:${ns}/shared`);
  expect(hooksyncWrites(ns).filter((e) => e.name === 'shared')).toHaveLength(1);
});

test('a copy of our object under another name is neither pruned nor counted as ours', async () => {
  const ns = await kit.namespace('copied');
  const app = 'copy-owner';
  expect((await runSync(kit.h, configMap('original'), { app, namespace: ns })).report.phase).toBe('Succeeded');
  // A user copies it, labels and tracking id included, as `kubectl get -o yaml | edit | apply` would.
  const original = await kit.h.cluster.core.readNamespacedConfigMap({ namespace: ns, name: 'original' });
  await kit.h.cluster.core.createNamespacedConfigMap({ namespace: ns, body: {
    metadata: { name: 'copy', labels: original.metadata?.labels, annotations: original.metadata?.annotations }, data: { k: 'v' },
  } });

  const { report } = await runSync(kit.h, configMap('original'), { app, namespace: ns, prune: true });
  expect(report.phase).toBe('Succeeded');
  expect(report.resources.some((r) => r.name === 'copy')).toBe(false);
  await expect(kit.h.cluster.core.readNamespacedConfigMap({ namespace: ns, name: 'copy' })).resolves.toBeDefined();
});
