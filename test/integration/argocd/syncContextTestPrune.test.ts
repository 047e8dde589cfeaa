// gitops-engine's pkg/sync/sync_context_test.go (now argo-cd/gitops-engine), the prune side,
// replayed as real hooksync syncs. A live object to prune is one an earlier sync of the same app
// applied, so each test syncs twice: once to create what Argo CD's test lists as live, then the
// sync under test with --prune. Prunes are done once the object is gone: the sync waits for the
// deletion before the next wave (TestWaitForCleanUpBeforeNextWave).
//
// Skipped, with the reason:
//   TestDoNotPruneAppLevelPruneFalse, TestPruneConfirmResourceLevel, TestPruneConfirmAppLevel
//                                   app-level Prune=false and Prune=confirm: sync options hooksync
//                                   does not have (it has resource-level Prune=false only)
//   TestPruneLast "syncPhaseSameWave" and "syncPhaseDifferentWave", TestWaveReorderingOfPruneTasks
//   "pruneLast"                     app-level PruneLast, which hooksync's CLI does not offer
//   TestSyncContext_GetDeleteOptions_WithPrunePropagationPolicy
//                                   the PrunePropagationPolicy option; hooksync always prunes with
//                                   Foreground propagation, Argo CD's default (tested below)
//   TestWaveReorderingOfPruneTasks' same-wave cases: nothing to reorder, covered by the others
// Argo CD's tests prune Pods and a Namespace; ConfigMaps stand in for them where only the waves
// matter, so that no test namespace is pruned.
import { eventually } from '../../support/eventually';
import { rowOf } from '../../support/syncHarness';
import { documents, hooksyncRequests, jobYaml, useSyncHarness } from '../sync/syncTestKit';
import {
  argoSync, cmYaml, configMap, createAsAdmin, deleteAsAdmin, dropFinalizers, hooksyncDeleteUris, job, liveObject, pod, podRule, podYaml,
  resourceRow, resultOf, rowNames, startArgoSync, type LiveRef,
  freshApp,
} from './argocdKit';

const admissionGroup = 'admissionregistration.k8s.io';
const policies: LiveRef[] = [];
const kit = useSyncHarness({
  workerRules: [podRule],
  // A leftover policy would keep its namespace from being deleted.
  async cleanUp(h) {
    for (const ref of policies) await deleteAsAdmin(h, ref);
  },
});

const serviceYaml = (name: string) => `
apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector: { app: ${name} }
  ports: [{ port: 80 }]
`;

const pruned = { status: 'Pruned', message: 'pruned', hookPhase: 'Succeeded' };

test('TestSyncSuccessfully', async () => {
  const { ns, app } = await freshApp(kit, 'prune-and-create');
  expect((await argoSync(kit.h, podYaml('my-pod'), { app, namespace: ns })).phase).toBe('Succeeded');

  const report = await argoSync(kit.h, serviceYaml('my-service'), { app, namespace: ns, prune: true });

  expect(report.phase).toBe('Succeeded');
  expect(rowNames(report)).toEqual(['Pod/my-pod', 'Service/my-service']);
  expect(rowOf(report, 'Pod', 'my-pod')).toMatchObject(pruned);
  expect(rowOf(report, 'Service', 'my-service')).toMatchObject({ status: 'Synced' });
  expect(await liveObject(kit.h, pod(ns, 'my-pod'))).toBeUndefined();
});

test('TestSyncDeleteSuccessfully', async () => {
  const { ns, app } = await freshApp(kit, 'prune-all');
  expect((await argoSync(kit.h, documents(serviceYaml('my-service'), podYaml('my-pod')), { app, namespace: ns })).phase).toBe('Succeeded');

  const report = await argoSync(kit.h, '', { app, namespace: ns, prune: true });

  expect(report.phase).toBe('Succeeded');
  expect(rowNames(report)).toEqual(['Pod/my-pod', 'Service/my-service']);
  for (const row of report.resources) expect(row).toMatchObject(pruned);
  expect(await liveObject(kit.h, pod(ns, 'my-pod'))).toBeUndefined();
});

/** Makes the API server refuse to delete the ConfigMap `name` in `ns` (a ValidatingAdmissionPolicy). */
async function forbidDeletion(ns: string, name: string): Promise<void> {
  const policy: LiveRef = { apiVersion: `${admissionGroup}/v1`, kind: 'ValidatingAdmissionPolicy', name: `no-delete-${ns}` };
  const binding: LiveRef = { apiVersion: `${admissionGroup}/v1`, kind: 'ValidatingAdmissionPolicyBinding', name: `no-delete-${ns}` };
  policies.push(binding, policy);
  await createAsAdmin(kit.h, {
    apiVersion: policy.apiVersion, kind: policy.kind, metadata: { name: policy.name },
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } },
        resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['DELETE'], resources: ['configmaps'] }],
      },
      validations: [{ expression: `oldObject.metadata.name != '${name}'`, message: `${name} may not be deleted` }],
    },
  } as never);
  await createAsAdmin(kit.h, {
    apiVersion: binding.apiVersion, kind: binding.kind, metadata: { name: binding.name },
    spec: { policyName: policy.name, validationActions: ['Deny'] },
  } as never);
  // Policies take effect a moment after they are created: a dry-run delete tells when (a denial
  // is 422 Invalid).
  await eventually(async () => {
    await expect(kit.h.cluster.core.deleteNamespacedConfigMap({ namespace: ns, name, dryRun: 'All' })).rejects.toMatchObject({ code: 422 });
  }, { timeoutMs: 30_000 });
}

test('TestSyncPruneFailure', async () => {
  const { ns, app } = await freshApp(kit, 'prune-failure');
  // Argo CD's fake kubectl fails the command with "foo". Here the API server refuses the delete.
  expect((await argoSync(kit.h, documents(cmYaml('test-service'), cmYaml('other')), { app, namespace: ns })).phase).toBe('Succeeded');
  await forbidDeletion(ns, 'test-service');

  const report = await argoSync(kit.h, cmYaml('other'), { app, namespace: ns, prune: true });

  expect(report.phase).toBe('Failed');
  const row = rowOf(report, 'ConfigMap', 'test-service');
  expect(row.status).toBe('SyncFailed');
  expect(row.message).toContain('test-service may not be deleted');
  expect(await liveObject(kit.h, configMap(ns, 'test-service'))).toBeDefined();
});

test('TestDoNotSyncOrPruneHooks', async () => {
  const { ns, app } = await freshApp(kit, 'no-prune-hooks');
  // Argo CD's test also skips the hooks of the sync (skipHooks); hooksync has no such option. The
  // part that applies: a hook left by an earlier sync is never pruned.
  expect((await argoSync(kit.h, documents(jobYaml('do-not-prune-me', { hook: 'PreSync' }), cmYaml('app-config')), { app, namespace: ns })).phase).toBe('Succeeded');

  const report = await argoSync(kit.h, cmYaml('app-config'), { app, namespace: ns, prune: true });

  expect(report.phase).toBe('Succeeded');
  expect(rowNames(report)).toEqual(['ConfigMap/app-config']);
  expect(await liveObject(kit.h, job(ns, 'do-not-prune-me'))).toBeDefined();
});

test('TestDoNotPruneResourceLevelPruneFalse', async () => {
  const { ns, app } = await freshApp(kit, 'prune-false');
  // Argo CD repeats this for each app-level prune option; hooksync has none (see above).
  expect((await argoSync(kit.h, documents(cmYaml('my-pod', { syncOptions: 'Prune=false' }), cmYaml('other')), { app, namespace: ns })).phase).toBe('Succeeded');

  const report = await argoSync(kit.h, cmYaml('other'), { app, namespace: ns, prune: true });

  expect(report.phase).toBe('Succeeded');
  expect(rowOf(report, 'ConfigMap', 'my-pod')).toMatchObject({ status: 'PruneSkipped', message: 'ignored (no prune)', hookPhase: 'Succeeded' });
  expect(await liveObject(kit.h, configMap(ns, 'my-pod'))).toBeDefined();
});

interface LiveSpec { wave: number; pruneLast?: boolean }

/**
 * Syncs `live`, then `target` with --prune, and returns the second result. Objects are ConfigMaps
 * named as in Argo CD's test.
 */
async function pruneWaves(prefix: string, live: Record<string, LiveSpec>, target: Record<string, number>) {
  const { ns, app } = await freshApp(kit, prefix);
  const manifests = (specs: [string, LiveSpec][]) => documents(...specs.map(([name, s]) => cmYaml(name, { wave: s.wave, syncOptions: s.pruneLast ? 'PruneLast=true' : undefined })));
  expect((await argoSync(kit.h, manifests(Object.entries(live)), { app, namespace: ns })).phase).toBe('Succeeded');
  const report = await argoSync(kit.h, manifests(Object.entries(target).map(([name, wave]) => [name, { wave }])), { app, namespace: ns, prune: true });
  expect(report.phase).toBe('Succeeded');
  return report;
}

function wavesOf(report: { resources: { name: string; wave: number }[] }): Record<string, number> {
  return Object.fromEntries(report.resources.map((r) => [r.name, r.wave]));
}

describe('TestPruneLast', () => {
  test('pruneLastIndividualResources', async () => {
    const report = await pruneWaves('prune-last', { 'pod-2': { wave: 1, pruneLast: true }, 'pod-3': { wave: 7, pruneLast: true } }, { 'pod-1': 2 });

    // Both prunes run last: one wave after the highest Sync wave (7, a prune's own, counts).
    expect(wavesOf(report)).toEqual({ 'pod-1': 2, 'pod-2': 8, 'pod-3': 8 });
    expect(rowOf(report, 'ConfigMap', 'pod-1')).toMatchObject(resourceRow('Succeeded'));
    for (const name of ['pod-2', 'pod-3']) expect(rowOf(report, 'ConfigMap', name)).toMatchObject(pruned);
  });
});

describe('TestWaveReorderingOfPruneTasks', () => {
  const wave = (w: number, pruneLast = false): LiveSpec => ({ wave: w, pruneLast });

  test('differentWave_allPruneTasks', async () => {
    const report = await pruneWaves('reorder-all', { ns: wave(0), 'pod-1': wave(1), 'pod-2': wave(2), 'pod-3': wave(3), 'pod-4': wave(4) }, {});
    expect(wavesOf(report)).toEqual({ ns: 4, 'pod-1': 3, 'pod-2': 2, 'pod-3': 1, 'pod-4': 0 });
  });

  test('differentWave_mixedTasks', async () => {
    const report = await pruneWaves('reorder-mixed', { ns: wave(0), 'pod-1': wave(1), 'pod-3': wave(3), 'pod-4': wave(4) }, { ns: 0, 'pod-2': 2 });
    // Prune waves mirror among themselves; the applied objects keep theirs.
    expect(wavesOf(report)).toEqual({ ns: 0, 'pod-1': 4, 'pod-2': 2, 'pod-3': 3, 'pod-4': 1 });
  });

  test('pruneLastIndividualResources', async () => {
    const live = { ns: wave(0), 'pod-1': wave(1), 'pod-2': wave(2, true), 'pod-3': wave(3), 'pod-4': wave(4) };
    const report = await pruneWaves('reorder-prune-last', live, { ns: 0 });
    expect(wavesOf(report)).toEqual({ ns: 0, 'pod-1': 4, 'pod-2': 5, 'pod-3': 2, 'pod-4': 1 });
  });

  test('mixedTasks', async () => {
    const live = { ns: wave(-1), 'pod-1': wave(1), 'pod-3': wave(3), 'pod-4': wave(3), 'pod-5': wave(4), 'pod-6': wave(5), 'pod-7': wave(5) };
    const report = await pruneWaves('reorder-many', live, { ns: -1, 'pod-2': 3, 'pod-6': 5 });
    expect(wavesOf(report)).toEqual({ ns: -1, 'pod-1': 5, 'pod-2': 3, 'pod-3': 4, 'pod-4': 4, 'pod-5': 3, 'pod-6': 5, 'pod-7': 1 });
  });
});

test('TestWaitForCleanUpBeforeNextWave', async () => {
  const { ns, app } = await freshApp(kit, 'cleanup-first');
  const BLOCK = 'example.com/block-delete';
  const live = documents(cmYaml('pod-1', { wave: 1 }), cmYaml('pod-2', { wave: 2, finalizers: [BLOCK] }), cmYaml('pod-3', { wave: 3 }));
  try {
    expect((await argoSync(kit.h, live, { app, namespace: ns })).phase).toBe('Succeeded');

    // Prune order: pod-3, pod-2, pod-1. pod-2's deletion hangs on its finalizer.
    const handle = await startArgoSync(kit.h, '', { app, namespace: ns, prune: true });
    await eventually(async () => expect((await liveObject(kit.h, configMap(ns, 'pod-2')))?.metadata?.deletionTimestamp).toBeDefined());
    expect(await liveObject(kit.h, configMap(ns, 'pod-3'))).toBeUndefined();
    // The sync waits for pod-2 to be gone before it moves to the next wave and prunes pod-1.
    expect(await liveObject(kit.h, configMap(ns, 'pod-1'))).toBeDefined();
    expect(hooksyncRequests(ns).filter((e) => e.verb === 'delete').map((e) => e.name)).toEqual(['pod-3', 'pod-2']);
    await dropFinalizers(kit.h, configMap(ns, 'pod-2'));
    const report = await resultOf(kit.h, handle);

    expect(report.phase).toBe('Succeeded');
    expect(report.resources.map((r) => r.name)).toEqual(['pod-3', 'pod-2', 'pod-1']);
    for (const row of report.resources) expect(row).toMatchObject(pruned);
    expect(await liveObject(kit.h, configMap(ns, 'pod-1'))).toBeUndefined();
  } finally {
    await dropFinalizers(kit.h, configMap(ns, 'pod-2'));
  }
});

test('TestSyncContext_GetDeleteOptions_Default', async () => {
  const { ns, app } = await freshApp(kit, 'prune-foreground');
  expect((await argoSync(kit.h, documents(cmYaml('my-pod'), cmYaml('other')), { app, namespace: ns })).phase).toBe('Succeeded');

  const report = await argoSync(kit.h, cmYaml('other'), { app, namespace: ns, prune: true });

  expect(report.phase).toBe('Succeeded');
  expect(rowOf(report, 'ConfigMap', 'my-pod')).toMatchObject(pruned);
  // Argo CD's default for prunes, as the API server received it.
  expect(hooksyncDeleteUris(ns)).toEqual([`/api/v1/namespaces/${ns}/configmaps/my-pod?propagationPolicy=Foreground`]);
});
