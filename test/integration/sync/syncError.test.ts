// An activity that fails for good ends the sync as Error (Argo CD's value for an operation that
// could not run), not as a failed workflow: here the worker's permission to read Jobs is revoked
// while it waits for a PreSync hook, so its next read is answered 403 Forbidden.
import { RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { hooksyncWrites } from '../../support/auditLog';
import { jobsOnlyKubeConfig } from '../../support/limitedKubeConfig';
import { eventually } from '../../support/eventually';
import { runSync, startSyncHarness, type SyncHarness } from '../../support/syncHarness';
import { connectTestCluster, createTestNamespace, deleteTestNamespace, type TestCluster } from '../../support/testCluster';

const admin: TestCluster = connectTestCluster();
const rbac = admin.kc.makeApiClient(RbacAuthorizationV1Api);
let ns: string;
let h: SyncHarness;

beforeAll(async () => {
  ns = await createTestNamespace(admin, 'sync-error');
  h = await startSyncHarness({ kc: await jobsOnlyKubeConfig(admin, ns) });
});
afterAll(async () => {
  await h.stop();
  // The worker could not release its finalizer after losing its rights; the admin does.
  const jobs = (await admin.batch.listNamespacedJob({ namespace: ns })).items;
  for (const job of jobs) {
    await admin.batch.patchNamespacedJob({ namespace: ns, name: job.metadata!.name!, body: [{ op: 'remove', path: '/metadata/finalizers' }] });
  }
  await deleteTestNamespace(admin, ns);
});

test('a permission lost while waiting ends the sync as Error naming the cause; nothing after it runs', async () => {
  const yaml = `
apiVersion: batch/v1
kind: Job
metadata:
  name: slow-migrate
  annotations: { argocd.argoproj.io/hook: PreSync }
spec:
  backoffLimit: 0
  template:
    metadata: { annotations: { kwok.hooksync.io/run-for: "20s" } }
    spec:
      restartPolicy: Never
      containers: [{ name: m, image: migrate:1 }]
---
apiVersion: batch/v1
kind: Job
metadata:
  name: after-migrate
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers: [{ name: a, image: app:1 }]
`;
  const running = runSync(h, yaml, { app: 'sync-error', namespace: ns });
  await eventually(async () => {
    const job = await admin.batch.readNamespacedJob({ namespace: ns, name: 'slow-migrate' });
    expect(job.status?.active).toBe(1);
  });
  await rbac.deleteNamespacedRoleBinding({ namespace: ns, name: 'jobs-only' });

  const { report } = await running;
  expect(report.phase).toBe('Error');
  expect(report.message).toMatch(/^PreSync wave 0: read Job .*slow-migrate: .*forbidden/);
  const description = await h.client.workflow.getHandle(`sync/${h.clusterName}/sync-error`).describe();
  expect(description.status.name).toBe('COMPLETED');
  expect(hooksyncWrites(ns).map((e) => e.name)).not.toContain('after-migrate');
});
