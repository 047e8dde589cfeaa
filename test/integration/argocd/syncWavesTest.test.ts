// Argo CD's test/e2e/sync_waves_test.go replayed as real hooksync syncs; each test bears the name of
// the Argo CD test it comes from.
//
// Differences asserted here (DESIGN §6, every applied resource must be healthy before the sync
// succeeds): Argo CD does not health-gate the last wave, so a sync whose only Deployment is
// Progressing or Degraded "succeeds"; hooksync keeps waiting for a Progressing one (until
// --timeout ends the sync) and fails on a Degraded one.
// Nothing of this file is skipped. Argo CD's custom health checks (resource overrides in Lua) have
// no counterpart in hooksync: where a test uses one, a real object in the same state stands in.
import { eventually } from '../../support/eventually';
import { hooksyncRequests, useSyncHarness, documents } from '../sync/syncTestKit';
import { rowOf } from '../../support/syncHarness';
import {
  argoSync, cmYaml, configMap, dropFinalizers, liveObject, pod, podYaml, resourceRow, resultOf, rowNames, startArgoSync, stuckDeploymentYaml,
  type LiveRef,
  freshApp,
} from './argocdKit';

const BLOCK = 'example.com/block-delete';
const rbac = 'rbac.authorization.k8s.io';
const kit = useSyncHarness({
  workerRules: [
    // The Role below grants these on Pods; RBAC lets the worker create it only if it holds them too.
    { apiGroups: [''], resources: ['pods'], verbs: ['get', 'watch', 'list', 'create', 'patch', 'update', 'delete'] },
    { apiGroups: [rbac], resources: ['roles', 'rolebindings'], verbs: ['get', 'watch', 'list', 'create', 'patch', 'delete'] },
  ],
});

test('TestFixingDegradedApp', async () => {
  const { ns, app } = await freshApp(kit, 'fix-degraded');
  // Argo CD's `sync-waves`: cm-1 (wave 1) and cm-2 (wave 2), with a Lua health check that reads
  // them Degraded until an annotation says otherwise. ConfigMaps have no health in hooksync, so
  // wave 1 is a Deployment that really degrades (its pods never start, its progress deadline is
  // 2 s); fixing it means letting its pods start.
  const broken = documents(stuckDeploymentYaml('cm-1', { wave: 1, progressDeadlineSeconds: 2 }), cmYaml('cm-2', { wave: 2 }));
  const first = await argoSync(kit.h, broken, { app, namespace: ns });

  expect(first.phase).toBe('Failed');
  expect(rowNames(first)).toEqual(['Deployment/cm-1']);
  expect(rowOf(first, 'Deployment', 'cm-1')).toMatchObject(resourceRow('Failed', { health: 'Degraded', wave: 1 }));
  // Wave 2 never started.
  expect(await liveObject(kit.h, configMap(ns, 'cm-2'))).toBeUndefined();

  const fixed = documents(stuckDeploymentYaml('cm-1', { wave: 1, progressDeadlineSeconds: 2, unstuck: true }), cmYaml('cm-2', { wave: 2 }));
  const second = await argoSync(kit.h, fixed, { app, namespace: ns });

  expect(second.phase).toBe('Succeeded');
  expect(rowNames(second)).toEqual(['ConfigMap/cm-2', 'Deployment/cm-1']);
  expect(rowOf(second, 'Deployment', 'cm-1')).toMatchObject(resourceRow('Succeeded', { health: 'Healthy' }));
  expect(rowOf(second, 'ConfigMap', 'cm-2')).toMatchObject(resourceRow('Succeeded', { wave: 2 }));
});

test('TestOneProgressingDeploymentIsSucceededAndSynced', async () => {
  const { ns, app } = await freshApp(kit, 'one-progressing');
  // Argo CD: Succeeded, the app Progressing. hooksync (DESIGN §6) waits for the Deployment to be
  // healthy; its pods never start, so the sync's --timeout ends it, Failed, naming what it waited for.
  const report = await argoSync(kit.h, stuckDeploymentYaml('main'), { app, namespace: ns, timeoutSeconds: 3 });

  expect(report.phase).toBe('Failed');
  expect(report.message).toContain('timed out');
  expect(report.message).toContain('Deployment/main');
  expect(rowNames(report)).toEqual(['Deployment/main']);
  expect(rowOf(report, 'Deployment', 'main')).toMatchObject({ status: 'Synced', state: 'Failed' });
});

test('TestDegradedDeploymentIsSucceededAndSynced', async () => {
  const { ns, app } = await freshApp(kit, 'one-degraded');
  // Argo CD: Succeeded, the app Degraded. hooksync (DESIGN §6): a Degraded resource fails the sync.
  const report = await argoSync(kit.h, stuckDeploymentYaml('main', { progressDeadlineSeconds: 1 }), { app, namespace: ns });

  expect(report.phase).toBe('Failed');
  expect(report.message).toContain('progress deadline');
  expect(rowNames(report)).toEqual(['Deployment/main']);
  expect(rowOf(report, 'Deployment', 'main')).toMatchObject(resourceRow('Failed', { health: 'Degraded' }));
});

// Argo CD's `syncwaves-prune-order`: a ServiceAccount and a Role (wave 0), their RoleBinding
// (wave 1) and a Pod running as that ServiceAccount (wave 2) whose finalizer only its own preStop
// hook removes, using the Role. Pruned in the wrong order, the binding goes first and the Pod
// hangs. KWOK runs no preStop hook, so the test removes the finalizer in its place, and checks
// that the binding is still there when it does: the prune of wave 1 waits for the Pod to be gone.
const pruneOrderApp = documents(
  `
apiVersion: v1
kind: ServiceAccount
metadata:
  name: modify-pods-sa
  annotations: { argocd.argoproj.io/sync-wave: "0" }
`,
  `
apiVersion: ${rbac}/v1
kind: Role
metadata:
  name: modify-pods-role
  annotations: { argocd.argoproj.io/sync-wave: "0" }
rules:
  - apiGroups: [""]
    resources: [pods]
    verbs: [get, list, delete, update, patch]
`,
  `
apiVersion: ${rbac}/v1
kind: RoleBinding
metadata:
  name: modify-pods-rolebinding
  annotations: { argocd.argoproj.io/sync-wave: "1" }
subjects: [{ kind: ServiceAccount, name: modify-pods-sa }]
roleRef: { kind: Role, name: modify-pods-role, apiGroup: ${rbac} }
`,
  podYaml('pod-with-finalizers', { wave: 2, finalizers: [BLOCK], serviceAccount: 'modify-pods-sa' }),
);

test('TestSyncPruneOrderWithSyncWaves', async () => {
  const { ns, app } = await freshApp(kit, 'prune-order');
  const podRef = pod(ns, 'pod-with-finalizers');
  const binding: LiveRef = { apiVersion: `${rbac}/v1`, kind: 'RoleBinding', namespace: ns, name: 'modify-pods-rolebinding' };
  try {
    const created = await argoSync(kit.h, pruneOrderApp, { app, namespace: ns });
    expect(created.phase).toBe('Succeeded');
    expect(rowOf(created, 'Pod', 'pod-with-finalizers')).toMatchObject({ health: 'Healthy' });

    // Both files deleted: the app has nothing left, so everything is pruned.
    const handle = await startArgoSync(kit.h, '', { app, namespace: ns, prune: true });
    await eventually(async () => expect((await liveObject(kit.h, podRef))?.metadata?.deletionTimestamp).toBeDefined());
    // The Pod's deletion hangs on its finalizer; the next wave's prune has not started.
    expect(await liveObject(kit.h, binding)).toBeDefined();
    await dropFinalizers(kit.h, podRef);
    const pruned = await resultOf(kit.h, handle);

    expect(pruned.phase).toBe('Succeeded');
    expect(rowNames(pruned)).toEqual(['Pod/pod-with-finalizers', 'Role/modify-pods-role', 'RoleBinding/modify-pods-rolebinding', 'ServiceAccount/modify-pods-sa']);
    for (const row of pruned.resources) expect(row).toMatchObject({ status: 'Pruned', hookPhase: 'Succeeded' });
    expect(await liveObject(kit.h, podRef)).toBeUndefined();
    // Deleted in the reverse of the creation order, one wave after the other.
    const deletes = hooksyncRequests(ns).filter((e) => e.verb === 'delete').map((e) => e.resource);
    expect(deletes.slice(0, 2)).toEqual(['pods', 'rolebindings']);
    expect(deletes.slice(2).sort()).toEqual(['roles', 'serviceaccounts']);
  } finally {
    await dropFinalizers(kit.h, podRef);
  }
});
