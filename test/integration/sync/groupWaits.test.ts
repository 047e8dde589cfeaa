// Spec C-c: a group's running tasks are waited for even after one of them has failed, so the
// result records every hook's real outcome; the next group never starts.
import { hooksyncWrites } from '../../support/auditLog';
import { rowOf, runSync, startSyncHarness, type SyncHarness } from '../../support/syncHarness';
import { createTestNamespace, deleteTestNamespace } from '../../support/testCluster';

let h: SyncHarness;
let ns: string;

beforeAll(async () => {
  h = await startSyncHarness();
  ns = await createTestNamespace(h.cluster, 'group-waits');
});
afterAll(async () => {
  await deleteTestNamespace(h.cluster, ns);
  await h.stop();
});

const presyncJob = (name: string, pod: string) => `
apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
  annotations: { argocd.argoproj.io/hook: PreSync, argocd.argoproj.io/hook-delete-policy: BeforeHookCreation }
spec:
  backoffLimit: 0
  template:
    metadata: ${pod}
    spec:
      restartPolicy: Never
      containers: [{ name: main, image: tool:1 }]
`;

test('C-c a failed hook does not cut short the other running hooks of its group', async () => {
  const yaml = [
    presyncJob('fails-fast', '{ labels: { kwok.hooksync.io/fail: "true" } }'),
    presyncJob('finishes-later', '{ annotations: { kwok.hooksync.io/run-for: "4s" } }'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: sync-phase-config }\ndata: { k: v }\n',
  ].join('\n---\n');
  const { report, states } = await runSync(h, yaml, { app: 'group-waits', namespace: ns });

  expect(report.phase).toBe('Failed');
  expect(report.message).toMatch(/^PreSync wave 0: Job .*fails-fast failed/);
  // While one hook had already failed, the other was still reported Running ...
  const overlapping = states.some((s) => s.resources.some((r) => r.name === 'fails-fast' && r.hookPhase === 'Failed')
    && s.resources.some((r) => r.name === 'finishes-later' && r.hookPhase === 'Running'));
  expect(overlapping).toBe(true);
  // ... and its outcome was waited for, not left Running in the result.
  expect(rowOf(report, 'Job', 'finishes-later').hookPhase).toBe('Succeeded');
  expect(hooksyncWrites(ns).map((e) => e.name)).not.toContain('sync-phase-config');
});
