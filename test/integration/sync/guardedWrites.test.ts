// Writes that an activity decides from an earlier read are guarded (issue 11): they land on the
// object that was read or not at all, and a refusal makes the activity decide again from what is
// there now. Driven at the activity level (applyTask) against the real API server, with a second
// writer acting in the window between the read and the write.
import { applyTask } from '../../../activities/applyTask';
import { createKubeClient, type KubeClient } from '../../../activities/kubeClient';
import { releaseFinalizer } from '../../../activities/releaseFinalizer';
import type { Stamp } from '../../../sync/stamp';
import { planTasks, type ObjectRef, type SyncTask } from '../../../sync/types';
import { eventually } from '../../support/eventually';
import { planYaml } from '../../support/syncHarness';
import { connectTestCluster, createTestNamespace, deleteTestNamespace, type TestCluster } from '../../support/testCluster';
import { hooksyncRequests, jobYaml } from './syncTestKit';

let cluster: TestCluster;
let kube: KubeClient;
const namespaces: string[] = [];
const hooks: ObjectRef[] = [];

beforeAll(() => {
  cluster = connectTestCluster();
  kube = createKubeClient(cluster.kc);
});

afterAll(async () => {
  // Our finalizer on a hook created here would keep its namespace Terminating.
  for (const ref of hooks) await releaseFinalizer(kube, ref);
  for (const ns of namespaces) await deleteTestNamespace(cluster, ns);
});

async function namespace(prefix: string): Promise<string> {
  const ns = await createTestNamespace(cluster, prefix);
  namespaces.push(ns);
  return ns;
}

function configMapRef(ns: string, name: string): ObjectRef {
  return { group: '', version: 'v1', kind: 'ConfigMap', namespace: ns, name };
}

function pruneOf(ref: ObjectRef, uid: string | undefined): SyncTask {
  return {
    phase: 'Sync', wave: 0, ref, hookTypes: [], deletePolicies: [], prune: true, generatedName: false,
    object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: ref.name, namespace: ref.namespace, uid } },
  };
}

async function createConfigMap(ns: string, name: string) {
  return cluster.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name }, data: { k: 'v' } } });
}

test('a prune deletes the object it was planned for, and keeps one that has taken its name since', async () => {
  const ns = await namespace('guarded-prune');
  const ref = configMapRef(ns, 'stale');
  const listed = await createConfigMap(ns, 'stale');
  // Between the listing (sync start) and the prune, someone deletes it and creates another.
  await cluster.core.deleteNamespacedConfigMap({ namespace: ns, name: 'stale' });
  await eventually(async () => expect(await kube.read(ref)).toBeUndefined());
  const successor = await createConfigMap(ns, 'stale');
  const stamp: Stamp = { app: 'guarded', syncId: 'guarded-prune', attempt: 0 };

  const kept = await applyTask(kube, pruneOf(ref, listed.metadata?.uid), stamp);

  expect(kept).toMatchObject({ state: 'Pruned', status: 'Pruned' });
  expect(kept.message).toMatch(/newer object .* is kept/);
  expect((await kube.read(ref))?.metadata.uid).toBe(successor.metadata?.uid);

  // The prune of the object that is really there, as the listing saw it, deletes it (and the
  // task runs until the object is gone: the wait for that is awaitTasks').
  const pruned = await applyTask(kube, pruneOf(ref, successor.metadata?.uid), stamp);
  expect(pruned).toMatchObject({ state: 'Running', status: 'Pruned', message: 'pruned' });
  await eventually(async () => expect(await kube.read(ref)).toBeUndefined());
});

test('two attempts creating the same hook at once: one creates it, the other adopts it, neither fails', async () => {
  const ns = await namespace('guarded-hook');
  const planned = await planYaml(jobYaml('migrate', { hook: 'PreSync' }), ns);
  const task = planTasks(planned.plan)[0];
  hooks.push(task.ref);
  const stamp: Stamp = { app: 'guarded', syncId: planned.syncId, attempt: 0 };

  // A retried attempt running next to the one it replaced: both read "absent", both try to create.
  const updates = await Promise.all([applyTask(kube, task, stamp), applyTask(kube, task, stamp)]);

  expect(updates.map((u) => u.state)).toEqual(['Running', 'Running']);
  expect(updates.map((u) => u.message?.replace(/ \(.*\)$/, '')).sort()).toEqual(['job/migrate adopted', 'job/migrate created']);
  // One create was accepted; a second one, if the reads came first (as they usually do), was
  // answered 409 and made that attempt read again and adopt.
  const creates = await eventually(() => {
    const sent = hooksyncRequests(ns).filter((e) => e.verb === 'create' && e.name === 'migrate');
    expect(sent.some((e) => e.code === 201)).toBe(true);
    return sent;
  });
  expect(creates.filter((e) => e.code === 201)).toHaveLength(1);
  expect(creates.filter((e) => e.code !== 201).map((e) => e.code)).toEqual(creates.length === 2 ? [409] : []);
});
