// A prune is done once its object is gone (Argo CD's TestWaitForCleanUpBeforeNextWave): an object
// held by a finalizer keeps its prune wave waiting, with the reason in progress and in the UI's
// current details, and the next prune wave starts only after it has left the API server.
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { auditedWrites } from '../../support/auditLog';
import { eventually } from '../../support/eventually';
import { planYaml, rowOf, runSync } from '../../support/syncHarness';
import { followSync, startSync } from '../../../client/syncClient';
import { waitingReasons } from '../../../client/waitingReasons';
import { documents, useSyncHarness } from './syncTestKit';

const kit = useSyncHarness();
const HOLD = 'example.com/hold';

const configMap = (name: string, wave: number, finalizers: string[] = []) => `
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  annotations: { argocd.argoproj.io/sync-wave: "${wave}" }
${finalizers.length ? `  finalizers: [${finalizers.map((f) => `"${f}"`).join(', ')}]\n` : ''}data: {k: v}
`;

test('the next prune wave waits until the pruned object held by a finalizer is gone', async () => {
  const ns = await kit.namespace('prune-waits');
  const app = 'prune-waits';
  // Applied in wave 0 then 1, so pruned in reverse: `held` (wave 1) first, `needed-by-held` after.
  const all = documents(configMap('keep', 0), configMap('needed-by-held', 0), configMap('held', 1, [HOLD]));
  expect((await runSync(kit.h, all, { app, namespace: ns })).report.phase).toBe('Succeeded');

  const planned = await planYaml(configMap('keep', 0), ns);
  const handle = await startSync(kit.h.client, { syncId: planned.syncId, app, cluster: kit.h.clusterName, plan: planned.plan, prune: true });
  // The wait says what it waits for, in progress (heartbeat) and in the workflow's current details.
  await eventually(async () => {
    expect((await waitingReasons(handle)).map((r) => [r.name, r.reason])).toEqual([['held', 'waiting for deletion of /ConfigMap/held']]);
  }, { timeoutMs: 90_000 });
  const metadata = await handle.query<{ currentDetails?: string }>('__temporal_workflow_metadata');
  expect(metadata.currentDetails).toContain('waiting for deletion of /ConfigMap/held');
  const live = await kit.h.cluster.core.readNamespacedConfigMap({ namespace: ns, name: 'needed-by-held' });
  expect(live.metadata?.deletionTimestamp).toBeUndefined();

  await kit.h.cluster.core.patchNamespacedConfigMap(
    { namespace: ns, name: 'held', body: [{ op: 'test', path: '/metadata/finalizers/0', value: HOLD }, { op: 'remove', path: '/metadata/finalizers/0' }] },
    setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
  );
  const report = await followSync(handle, () => undefined);

  expect(report.phase).toBe('Succeeded');
  for (const name of ['held', 'needed-by-held']) expect(rowOf(report, 'ConfigMap', name)).toMatchObject({ status: 'Pruned', hookPhase: 'Succeeded', state: 'Pruned' });
  const writes = auditedWrites(ns);
  const released = writes.findIndex((e) => e.verb === 'patch' && e.name === 'held' && !e.userAgent.startsWith('hooksync/'));
  const nextWave = writes.findIndex((e) => e.verb === 'delete' && e.name === 'needed-by-held');
  expect(released).toBeGreaterThanOrEqual(0);
  expect(nextWave).toBeGreaterThan(released);
});
