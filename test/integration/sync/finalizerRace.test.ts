// Releasing our hook finalizer while others change the same list (issue 11, DESIGN §4 finalizer
// rule). A Job with ttlSecondsAfterFinished: 0 is deleted by the TTL controller the moment it
// finishes, and the garbage collector adds and removes foregroundDeletion while hooksync records
// the outcome and takes its finalizer off; other controllers may add finalizers of their own at any
// time. The release must remove our entry only, from the list as it is on the server when the
// write lands, and never fail the sync for having read an older list.
import { createKubeClient, type KubeClient } from '../../../activities/kubeClient';
import { releaseFinalizer } from '../../../activities/releaseFinalizer';
import { HOOK_FINALIZER } from '../../../sync/stamp';
import type { ObjectRef } from '../../../sync/types';
import { eventually } from '../../support/eventually';
import { rowOf } from '../../support/syncHarness';
import { configMapYaml, documents, hooksyncRequests, jobYaml, syncWithin, useSyncHarness, jobOrUndefined } from './syncTestKit';

const OTHER = 'example.com/other';

const kit = useSyncHarness();
const { namespace } = kit;

let kube: KubeClient;
beforeAll(() => {
  kube = createKubeClient(kit.h.cluster.kc);
});

test('a PreSync Job hook with ttlSecondsAfterFinished: 0 synced 20 times in a row succeeds 20 times', async () => {
  const ns = await namespace('ttl-race');
  const yaml = documents(jobYaml('migrate', { hook: 'PreSync', ttlSecondsAfterFinished: 0 }), configMapYaml());
  const outcomes: string[] = [];
  // One app, one sync after the other: each finds the previous Job still being deleted (or gone).
  for (let i = 0; i < 20; i++) {
    const { report } = await syncWithin(kit.h, yaml, { app: 'ttl-race', namespace: ns });
    const row = rowOf(report, 'Job', 'migrate');
    outcomes.push(`${report.phase} ${row.hookPhase ?? ''}${report.phase === 'Succeeded' ? '' : `: ${report.message}`}`);
  }

  expect(outcomes).toEqual(Array<string>(20).fill('Succeeded Succeeded'));
  // One release landed per Job; any other patch was a guard's refusal (a list that had changed),
  // followed by a fresh read.
  const releases = await eventually(() => {
    const sent = hooksyncRequests(ns).filter((e) => e.verb === 'patch' && e.resource === 'jobs');
    expect(sent.filter((e) => e.code === 200)).toHaveLength(20);
    return sent;
  });
  expect(releases.map((e) => e.code).filter((code) => code !== 200 && code !== 422)).toEqual([]);
  // Nothing is left holding the last Job: the TTL controller's delete completes.
  await eventually(async () => expect(await jobOrUndefined(kit.h, ns, 'migrate')).toBeUndefined());
}, 600_000);

describe('releaseFinalizer against a stale view', () => {
  const created: { ns: string; name: string }[] = [];

  function refOf(ns: string, name: string): ObjectRef {
    return { group: '', version: 'v1', kind: 'ConfigMap', namespace: ns, name };
  }

  async function configMapWith(ns: string, name: string, finalizers: string[]) {
    created.push({ ns, name });
    return kit.h.cluster.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name, finalizers }, data: { k: 'v' } } });
  }

  /** Another controller's write: adds its finalizer at `index` of the list as the server has it. */
  async function addOther(ns: string, name: string, index: number | '-') {
    await kit.h.cluster.core.patchNamespacedConfigMap({ namespace: ns, name, body: [{ op: 'add', path: `/metadata/finalizers/${index}`, value: OTHER }] });
  }

  async function finalizersOf(ns: string, name: string) {
    const live = await kube.read(refOf(ns, name));
    return live?.metadata.finalizers ?? [];
  }

  // Test clean-up only: finalizers left on would keep the namespace Terminating.
  afterAll(async () => {
    for (const { ns, name } of created) {
      await kit.h.cluster.core.patchNamespacedConfigMap({ namespace: ns, name, body: [{ op: 'remove', path: '/metadata/finalizers' }] }).catch(() => undefined);
    }
  });

  test.each([
    { where: 'after ours', index: '-' as const, expected: [OTHER] },
    { where: 'before ours', index: 0, expected: [OTHER] },
  ])('a finalizer another controller added $where between our read and our write survives; ours is gone', async ({ index, expected }) => {
    const ns = await namespace('release-stale');
    await configMapWith(ns, 'held', [HOOK_FINALIZER]);
    const stale = await kube.read(refOf(ns, 'held'));
    await addOther(ns, 'held', index);

    await releaseFinalizer(kube, refOf(ns, 'held'), stale);

    expect(await finalizersOf(ns, 'held')).toEqual(expected);
    // Exactly one release landed. When the other finalizer went in front, our entry moved: the
    // first patch's test failed, nothing was written, and a second patch from a fresh read landed.
    const patches = await eventually(() => {
      const sent = hooksyncRequests(ns).filter((e) => e.verb === 'patch' && e.name === 'held');
      expect(sent.some((e) => e.code === 200)).toBe(true);
      return sent;
    });
    expect(patches.map((e) => e.code)).toEqual(index === 0 ? [422, 200] : [200]);
  });

  test('on an object being deleted, only our finalizer comes off: the other still holds it', async () => {
    const ns = await namespace('release-deleting');
    await configMapWith(ns, 'doomed', [HOOK_FINALIZER, OTHER]);
    const stale = await kube.read(refOf(ns, 'doomed'));
    await kit.h.cluster.core.deleteNamespacedConfigMap({ namespace: ns, name: 'doomed' });

    await releaseFinalizer(kube, refOf(ns, 'doomed'), stale);

    const live = await kube.read(refOf(ns, 'doomed'));
    expect(live?.metadata.deletionTimestamp).toBeDefined();
    expect(live?.metadata.finalizers).toEqual([OTHER]);
  });

  test('an object that took the name since our read is not ours to release', async () => {
    const ns = await namespace('release-replaced');
    await configMapWith(ns, 'reborn', [HOOK_FINALIZER]);
    const stale = await kube.read(refOf(ns, 'reborn'));
    // Someone else removes the first object (finalizers and all) and creates another of that name.
    await kit.h.cluster.core.patchNamespacedConfigMap({ namespace: ns, name: 'reborn', body: [{ op: 'remove', path: '/metadata/finalizers' }] });
    await kit.h.cluster.core.deleteNamespacedConfigMap({ namespace: ns, name: 'reborn' });
    await eventually(async () => expect(await kube.read(refOf(ns, 'reborn'))).toBeUndefined());
    await configMapWith(ns, 'reborn', [HOOK_FINALIZER]);

    await releaseFinalizer(kube, refOf(ns, 'reborn'), stale);

    const live = await kube.read(refOf(ns, 'reborn'));
    expect(live?.metadata.uid).not.toBe(stale?.metadata.uid);
    expect(live?.metadata.finalizers).toEqual([HOOK_FINALIZER]);
  });

  test('an object already gone, or no longer holding our finalizer, is done without a write', async () => {
    const ns = await namespace('release-done');
    await configMapWith(ns, 'plain', [OTHER]);
    const gone = refOf(ns, 'never-made');

    await releaseFinalizer(kube, refOf(ns, 'plain'));
    await releaseFinalizer(kube, gone);

    expect(await finalizersOf(ns, 'plain')).toEqual([OTHER]);
    // A later write of ours, once in the audit log, shows the log has caught up with the releases.
    await kube.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'marker', namespace: ns } });
    await eventually(() => expect(hooksyncRequests(ns).some((e) => e.verb === 'create' && e.name === 'marker')).toBe(true));
    expect(hooksyncRequests(ns).filter((e) => e.verb === 'patch')).toEqual([]);
  });
});
