// `--create-namespace` and the prune of Namespaces (issue: a namespace made beforehand, then
// `sync --create-namespace`, then `sync --prune`, lost the namespace and all it held). Argo CD's
// CreateNamespace creates a bare namespace, only when missing, first, and never prunes it; a prune
// of a Namespace that still holds what the app does not own is skipped and says what it holds.
import { auditedWrites } from '../../support/auditLog';
import { rowOf, runSync } from '../../support/syncHarness';
import { configMapYaml, documents, jobYaml, useSyncHarness } from './syncTestKit';

// Namespace prunes need delete on namespaces and list on what a namespace may hold; the documented
// worker role has neither, so there a Namespace prune is always skipped (see the last test).
const kit = useSyncHarness({
  workerRules: [
    { apiGroups: [''], resources: ['namespaces'], verbs: ['delete'] },
    { apiGroups: ['*'], resources: ['*'], verbs: ['list'] },
  ],
});
const unique = () => Math.random().toString(36).slice(2, 8);

async function createNamespaceByHand(name: string): Promise<void> {
  await kit.h.cluster.core.createNamespace({ body: { metadata: { name, labels: { team: 'payments' } } } });
  kit.deleteNamespaceAfterAll(name);
  await kit.h.cluster.core.createNamespacedConfigMap({ namespace: name, body: { metadata: { name: 'unrelated' }, data: { keep: 'me' } } });
}

test('a namespace made beforehand survives --create-namespace and a later --prune, untouched, with what it holds', async () => {
  const ns = `pre-${unique()}`;
  const app = `precreated-${ns}`;
  await createNamespaceByHand(ns);

  const first = await runSync(kit.h, configMapYaml(), { app, namespace: ns, createNamespace: true });
  expect(first.report.phase).toBe('Succeeded');
  expect(rowOf(first.report, 'Namespace', ns)).toMatchObject({ syncPhase: 'PreSync', status: 'Synced', message: `namespace/${ns} already exists` });
  const second = await runSync(kit.h, configMapYaml(), { app, namespace: ns, prune: true });
  expect(second.report.phase).toBe('Succeeded');
  expect(second.report.resources.map((r) => r.kind)).toEqual(['ConfigMap']);

  const live = await kit.h.cluster.core.readNamespace({ name: ns });
  expect([live.metadata?.deletionTimestamp, live.metadata?.labels]).toEqual([undefined, { team: 'payments', 'kubernetes.io/metadata.name': ns }]);
  expect(live.metadata?.annotations ?? {}).toEqual({});
  expect((await kit.h.cluster.core.readNamespacedConfigMap({ namespace: ns, name: 'unrelated' })).data).toEqual({ keep: 'me' });
  // hooksync never wrote to the namespace object itself.
  expect(auditedWrites(ns).filter((e) => e.resource === 'namespaces' && e.userAgent.startsWith('hooksync/'))).toEqual([]);
});

test('a missing namespace is created bare, first of all, and a later --prune leaves it', async () => {
  const ns = `new-${unique()}`;
  const app = `created-${ns}`;
  kit.deleteNamespaceAfterAll(ns);

  const first = await runSync(kit.h, documents(jobYaml('migrate', { hook: 'PreSync' }), configMapYaml()), { app, namespace: ns, createNamespace: true });
  expect(first.report.phase).toBe('Succeeded');
  expect(first.report.resources[0]).toMatchObject({ kind: 'Namespace', name: ns, syncPhase: 'PreSync', status: 'Synced', hookPhase: 'Succeeded', message: `namespace/${ns} created` });
  const writes = auditedWrites(ns).filter((e) => e.userAgent.startsWith('hooksync/'));
  expect(writes[0]).toMatchObject({ verb: 'create', resource: 'namespaces', name: ns, code: 201 });
  const live = await kit.h.cluster.core.readNamespace({ name: ns });
  expect(live.metadata?.labels).toEqual({ 'kubernetes.io/metadata.name': ns });

  const second = await runSync(kit.h, configMapYaml(), { app, namespace: ns, prune: true });
  expect(second.report.phase).toBe('Succeeded');
  expect((await kit.h.cluster.core.readNamespace({ name: ns })).metadata?.deletionTimestamp).toBeUndefined();
});

test('a prune of a Namespace the app declared is skipped while it holds objects the app does not own', async () => {
  const ns = `held-${unique()}`;
  const app = `held-${ns}`;
  kit.deleteNamespaceAfterAll(ns);
  const namespaceYaml = `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n`;
  expect((await runSync(kit.h, documents(namespaceYaml, configMapYaml({ namespace: ns })), { app, namespace: ns })).report.phase).toBe('Succeeded');
  await kit.h.cluster.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'unrelated' }, data: { keep: 'me' } } });

  // The manifests drop the Namespace (and the ConfigMap the app owns in it).
  const { report } = await runSync(kit.h, configMapYaml({ namespace: 'default' }).replace('app-config', `cm-${ns}`), { app, namespace: ns, prune: true });
  expect(report.phase).toBe('Succeeded');
  expect(rowOf(report, 'Namespace', ns)).toMatchObject({ status: 'PruneSkipped', hookPhase: 'Succeeded', message: 'ignored (the namespace holds objects this app does not own: ConfigMap unrelated)' });
  expect(rowOf(report, 'ConfigMap', 'app-config')).toMatchObject({ status: 'Pruned', hookPhase: 'Succeeded' });
  expect((await kit.h.cluster.core.readNamespace({ name: ns })).metadata?.deletionTimestamp).toBeUndefined();
  expect((await kit.h.cluster.core.readNamespacedConfigMap({ namespace: ns, name: 'unrelated' })).data).toEqual({ keep: 'me' });
  await kit.h.cluster.core.deleteNamespacedConfigMap({ namespace: ns, name: `cm-${ns}` }).catch(() => undefined);
});

test('a Namespace holding only what the app owns is pruned, and the sync waits until it is gone', async () => {
  const ns = `gone-${unique()}`;
  const app = `gone-${ns}`;
  kit.deleteNamespaceAfterAll(ns);
  const namespaceYaml = `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n`;
  const other = configMapYaml({ namespace: 'default' }).replace('app-config', `keep-${ns}`);
  expect((await runSync(kit.h, documents(namespaceYaml, configMapYaml({ namespace: ns }), other), { app, namespace: ns })).report.phase).toBe('Succeeded');

  const { report } = await runSync(kit.h, other, { app, namespace: ns, prune: true });
  expect(report.phase).toBe('Succeeded');
  expect(rowOf(report, 'Namespace', ns)).toMatchObject({ status: 'Pruned', hookPhase: 'Succeeded', message: 'pruned' });
  // Pruned means gone: the sync waited for the namespace controller to empty and remove it.
  await expect(kit.h.cluster.core.readNamespace({ name: ns })).rejects.toMatchObject({ code: 404 });
  await kit.h.cluster.core.deleteNamespacedConfigMap({ namespace: 'default', name: `keep-${ns}` }).catch(() => undefined);
});
