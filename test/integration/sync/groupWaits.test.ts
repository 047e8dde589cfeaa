// How a group is waited for. C-c: a group's running tasks are waited for even after one of them
// has failed, so the result records every hook's real outcome, and the next group never starts.
// C-b (a deliberate difference, DESIGN §6): the last group is health-gated too.
import { hooksyncWrites } from '../../support/auditLog';
import { rowOf, runSync } from '../../support/syncHarness';
import { configMapYaml, documents, jobYaml, syncWithin, useSyncHarness } from './syncTestKit';

const kit = useSyncHarness();

test('C-c a failed hook does not cut short the other running hooks of its group', async () => {
  const ns = await kit.namespace('group-waits');
  const yaml = documents(
    jobYaml('fails-fast', { hook: 'PreSync', fail: true }),
    jobYaml('finishes-later', { hook: 'PreSync', runFor: '4s' }),
    configMapYaml(),
  );
  const { report, states } = await runSync(kit.h, yaml, { app: 'group-waits', namespace: ns });

  expect(report.phase).toBe('Failed');
  expect(report.message).toMatch(/^PreSync wave 0: Job .*fails-fast failed/);
  // While one hook had already failed, the other was still reported Running ...
  const overlapping = states.some((s) => s.resources.some((r) => r.name === 'fails-fast' && r.hookPhase === 'Failed')
    && s.resources.some((r) => r.name === 'finishes-later' && r.hookPhase === 'Running'));
  expect(overlapping).toBe(true);
  // ... and its outcome was waited for, not left Running in the result.
  expect(rowOf(report, 'Job', 'finishes-later').hookPhase).toBe('Succeeded');
  expect(hooksyncWrites(ns).map((e) => e.resource)).not.toContain('configmaps');
});

test('C-b / DESIGN §6 the last group is health-gated: a sync of one Deployment that never progresses fails', async () => {
  const ns = await kit.namespace('last-group');
  // No node matches the pod template, so the Deployment reports ProgressDeadlineExceeded after 2 s.
  // Argo CD would call this sync Succeeded as soon as the apply returned.
  const yaml = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: only-wave
spec:
  progressDeadlineSeconds: 2
  selector: { matchLabels: { app: only-wave } }
  template:
    metadata: { labels: { app: only-wave } }
    spec:
      nodeSelector: { hooksync.io/no-such-node: "true" }
      containers: [{ name: web, image: web:1 }]
`;
  const { report } = await syncWithin(kit.h, yaml, { app: 'last-group', namespace: ns });
  expect(report.phase).toBe('Failed');
  expect(report.message).toMatch(/^Sync wave 0: Deployment .*only-wave failed: .*progress deadline/);
  expect(rowOf(report, 'Deployment', 'only-wave')).toMatchObject({ status: 'Synced', health: 'Degraded' });
});
