// Result rows as Argo CD reports them (DESIGN §3, spec §8.2): a hook refused at the write is
// SyncFailed / Failed; plain resources carry a hook phase too (Running, then Succeeded); a SyncFail
// hook that could not run is added to the sync's message on a line of its own.
import { eventually } from '../../support/eventually';
import { planYaml, rowOf, runSync } from '../../support/syncHarness';
import { followSync, startSync, terminateSync } from '../../../client/syncClient';
import { syncStateQuery, syncWorkflowId } from '../../../workflows/messages';
import { configMapYaml, documents, jobYaml, useSyncHarness } from './syncTestKit';

const kit = useSyncHarness();

const deployment = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: "web:1" }] }
`;

test('plain resources: hook phase Running once applied, Succeeded once healthy', async () => {
  const ns = await kit.namespace('rows-resources');
  const { report } = await runSync(kit.h, documents(configMapYaml(), deployment, jobYaml('smoke', { hook: 'PostSync' })), { app: 'rows-resources', namespace: ns });
  expect(report.phase).toBe('Succeeded');
  expect(rowOf(report, 'ConfigMap', 'app-config')).toMatchObject({ status: 'Synced', hookPhase: 'Succeeded', hookType: '' });
  expect(rowOf(report, 'Deployment', 'web')).toMatchObject({ status: 'Synced', hookPhase: 'Succeeded', health: 'Healthy' });
});

test('a resource the sync waits for has hook phase Running; terminated, it keeps it, as Argo CD leaves it', async () => {
  const ns = await kit.namespace('rows-waiting');
  const app = 'rows-waiting';
  // No node matches, so the rollout never completes (and the deadline is far off).
  const stuck = deployment.replace('replicas: 1', 'replicas: 1\n  progressDeadlineSeconds: 3600').replace('spec: { containers:', 'spec: { nodeSelector: { nowhere: "true" }, containers:');
  const planned = await planYaml(documents(stuck, jobYaml('smoke', { hook: 'PostSync' })), ns);
  const handle = await startSync(kit.h.client, { syncId: planned.syncId, app, cluster: kit.h.clusterName, plan: planned.plan });
  await eventually(async () => {
    expect(rowOf(await handle.query(syncStateQuery), 'Deployment', 'web')).toMatchObject({ state: 'Running', status: 'Synced', hookPhase: 'Running' });
  }, { timeoutMs: 90_000 });
  await terminateSync(kit.h.client, syncWorkflowId(kit.h.clusterName, app));
  const report = await followSync(handle, () => undefined);
  expect(report.phase).toBe('Terminated');
  expect(rowOf(report, 'Deployment', 'web')).toMatchObject({ hookPhase: 'Running', message: 'the sync was terminated while waiting' });
});

test('a hook refused at the write (a leftover without BeforeHookCreation): SyncFailed, hook phase Failed', async () => {
  const ns = await kit.namespace('rows-refused');
  const app = 'rows-refused';
  const hook = jobYaml('fixed', { hook: 'PreSync', policy: 'HookFailed' });
  expect((await runSync(kit.h, documents(hook, configMapYaml()), { app, namespace: ns })).report.phase).toBe('Succeeded');
  const { report } = await runSync(kit.h, documents(hook, configMapYaml()), { app, namespace: ns });
  expect(report.phase).toBe('Failed');
  expect(rowOf(report, 'Job', 'fixed')).toMatchObject({ status: 'SyncFailed', hookPhase: 'Failed', state: 'Failed' });
  expect(rowOf(report, 'Job', 'fixed').message).toContain('already exists from an earlier sync');
});

test('a SyncFail hook that could not run is added to the message; one that ran adds nothing', async () => {
  const ns = await kit.namespace('rows-syncfail');
  const app = 'rows-syncfail';
  // Both syncs fail in PreSync; the fixed-name SyncFail hook stays after the first (HookFailed only).
  const yaml = documents(jobYaml('migrate', { hook: 'PreSync', fail: true, policy: 'BeforeHookCreation' }), jobYaml('notify', { hook: 'SyncFail', policy: 'HookFailed' }));
  const first = await runSync(kit.h, yaml, { app, namespace: ns });
  expect(first.report.phase).toBe('Failed');
  expect(first.report.message).not.toContain('SyncFail hooks failed');
  expect(rowOf(first.report, 'Job', 'notify')).toMatchObject({ hookPhase: 'Succeeded' });

  const second = await runSync(kit.h, yaml, { app, namespace: ns });
  expect(second.report.phase).toBe('Failed');
  expect(rowOf(second.report, 'Job', 'notify')).toMatchObject({ status: 'SyncFailed', hookPhase: 'Failed' });
  const [failure, syncFail] = second.report.message.split('\n');
  expect(failure).toContain('PreSync wave 0: Job');
  expect(syncFail).toMatch(/^one or more SyncFail hooks failed, reason: .*already exists from an earlier sync/);
});

test('every row carries images, as Argo CD\'s: the pod template\'s containers and init containers, [] for a kind without pods', async () => {
  const ns = await kit.namespace('details-rows-images');
  const withInit = deployment.replace('spec: { containers:', 'spec: { initContainers: [{ name: wait, image: "busybox:1.36" }], containers:');
  const { report } = await runSync(kit.h, documents(configMapYaml(), withInit, jobYaml('migrate', { hook: 'PreSync' })), { app: 'details-rows-images', namespace: ns });
  expect(report.phase).toBe('Succeeded');
  expect(rowOf(report, 'Deployment', 'web').images).toEqual(['web:1', 'busybox:1.36']);
  expect(rowOf(report, 'Job', 'migrate').images).toEqual(['migrate:1']);
  expect(rowOf(report, 'ConfigMap', 'app-config').images).toEqual([]);
});
