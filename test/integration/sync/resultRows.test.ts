// Result rows as Argo CD reports them (DESIGN §3, spec §8.2): a hook refused at the write is
// SyncFailed / Failed; plain resources carry a hook phase too (Running, then Succeeded); a SyncFail
// hook that could not run is added to the sync's message on a line of its own.
import { rowOf, runSync } from '../../support/syncHarness';
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
  const { report, states } = await runSync(kit.h, documents(configMapYaml(), deployment, jobYaml('smoke', { hook: 'PostSync' })), { app: 'rows-resources', namespace: ns });
  expect(report.phase).toBe('Succeeded');
  expect(rowOf(report, 'ConfigMap', 'app-config')).toMatchObject({ status: 'Synced', hookPhase: 'Succeeded', hookType: '' });
  expect(rowOf(report, 'Deployment', 'web')).toMatchObject({ status: 'Synced', hookPhase: 'Succeeded', health: 'Healthy' });
  const seen = new Set(states.flatMap((s) => s.resources.filter((r) => r.name === 'web').map((r) => r.hookPhase)));
  expect(seen).toContain('Running');
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
