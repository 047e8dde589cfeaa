// An activity that fails for good ends the sync as Error (Argo CD's value for an operation that
// could not run), not as a failed workflow: here the worker's permission to read Jobs is revoked
// while it waits for a PreSync hook, so its next read is answered 403 Forbidden.
import { KubeConfig, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { hooksyncWrites } from '../../support/auditLog';
import { eventually } from '../../support/eventually';
import { runSync, startSyncHarness, type SyncHarness } from '../../support/syncHarness';
import { connectTestCluster, createTestNamespace, deleteTestNamespace, type TestCluster } from '../../support/testCluster';

const admin: TestCluster = connectTestCluster();
const rbac = admin.kc.makeApiClient(RbacAuthorizationV1Api);
let ns: string;
let h: SyncHarness;

/** Credentials of a ServiceAccount that may only work with Jobs in `namespace`. */
async function jobsOnlyKubeConfig(namespace: string): Promise<KubeConfig> {
  await admin.core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: 'jobs-only' } } });
  await rbac.createNamespacedRole({ namespace, body: {
    metadata: { name: 'jobs-only' },
    rules: [{ apiGroups: ['batch'], resources: ['jobs'], verbs: ['get', 'list', 'create', 'patch', 'delete'] }],
  } });
  await rbac.createNamespacedRoleBinding({ namespace, body: {
    metadata: { name: 'jobs-only' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'jobs-only' },
    subjects: [{ kind: 'ServiceAccount', name: 'jobs-only', namespace }],
  } });
  const token = await admin.core.createNamespacedServiceAccountToken({ namespace, name: 'jobs-only', body: { spec: { audiences: [], expirationSeconds: 3600 } } });
  const cluster = admin.kc.getCurrentCluster()!;
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'kwok', server: cluster.server, caData: cluster.caData, caFile: cluster.caFile, skipTLSVerify: false }],
    users: [{ name: 'jobs-only', token: token.status!.token }],
    contexts: [{ name: 'jobs-only', cluster: 'kwok', user: 'jobs-only', namespace }],
    currentContext: 'jobs-only',
  });
  return kc;
}

beforeAll(async () => {
  ns = await createTestNamespace(admin, 'sync-error');
  h = await startSyncHarness({ kc: await jobsOnlyKubeConfig(ns) });
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
