// S4: a worker with exactly the documented rights (deploy/rbac/worker-rbac.yaml), authenticated
// by a ServiceAccount token from the TokenRequest API, runs real syncs: hooks, Secrets, a CRD,
// a Deployment, and a prune. What the ServiceAccount may do is read back from the API server.
import { randomBytes } from 'node:crypto';
import { ApiextensionsV1Api, AuthorizationV1Api, type KubeConfig, KubernetesObjectApi, PatchStrategy } from '@kubernetes/client-node';
import { hooksyncWrites } from '../../support/auditLog';
import { runSync, rowOf, startSyncHarness, type SyncHarness } from '../../support/syncHarness';
import { connectTestCluster, createTestNamespace, deleteTestNamespace, type TestCluster } from '../../support/testCluster';
import { WORKER_SA, workerRbac, type RbacObject } from '../../support/workerRbac';
import { serviceAccountConfig } from '../../support/workerServiceAccount';
import { documents, jobYaml } from '../sync/syncTestKit';

let admin: TestCluster;
let h: SyncHarness;
let ns: string;
const group = `r${randomBytes(4).toString('hex')}.hooksync.test`;
const crdName = `gizmos.${group}`;

/** Applies objects as the cluster admin (server-side apply, idempotent across runs). */
async function applyAll(objects: RbacObject[]): Promise<void> {
  const api = KubernetesObjectApi.makeApiClient(admin.kc);
  for (const o of objects) await api.patch(o, undefined, undefined, 'hooksync-test', true, PatchStrategy.ServerSideApply);
}

/** The documented RBAC, its example RoleBinding moved to the test namespace. */
function rbacFor(namespace: string): RbacObject[] {
  return workerRbac().map((o) => (o.kind === 'RoleBinding' ? { ...o, metadata: { ...o.metadata, namespace } } : o));
}

/** A kubeconfig that authenticates as the worker's documented ServiceAccount. */
const serviceAccountKubeConfig = () => serviceAccountConfig(admin, WORKER_SA, ns);

beforeAll(async () => {
  admin = connectTestCluster();
  ns = await createTestNamespace(admin, 'rbac');
  await applyAll(rbacFor(ns));
  h = await startSyncHarness({ kc: await serviceAccountKubeConfig() });
});

afterAll(async () => {
  await h?.stop();
  await deleteTestNamespace(admin, ns);
  await admin.kc.makeApiClient(ApiextensionsV1Api).deleteCustomResourceDefinition({ name: crdName }).catch(() => undefined);
});

const crd = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ${crdName}
spec:
  group: ${group}
  scope: Namespaced
  names: { plural: gizmos, singular: gizmo, kind: Gizmo, listKind: GizmoList }
  versions:
    - name: v1
      served: true
      storage: true
      schema: { openAPIV3Schema: { type: object } }
`;
const app = (withConfig: boolean) => documents(
  crd,
  jobYaml('migrate', { hook: 'PreSync' }),
  `
apiVersion: v1
kind: Secret
metadata: { name: db }
stringData: { password: s3cr3t-value }
`,
  ...(withConfig ? [`
apiVersion: v1
kind: ConfigMap
metadata: { name: settings }
data: { mode: fast }
`] : []),
  `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: web:1 }] }
`,
  jobYaml('smoke', { hook: 'PostSync' }),
);

test('the ServiceAccount may not do what the roles leave out (read back from the API server)', async () => {
  const can = async (kc: KubeConfig, attrs: { verb: string; resource: string; group?: string; namespace?: string }) => {
    const review = await kc.makeApiClient(AuthorizationV1Api).createSelfSubjectAccessReview({ body: { spec: { resourceAttributes: { ...attrs } } } });
    return review.status?.allowed ?? false;
  };
  const kc = await serviceAccountKubeConfig();
  expect(await can(kc, { verb: 'create', resource: 'jobs', group: 'batch', namespace: ns })).toBe(true);
  expect(await can(kc, { verb: 'get', resource: 'secrets', namespace: ns })).toBe(true);
  const denied = await Promise.all([
    can(kc, { verb: 'list', resource: 'secrets', namespace: ns }),
    can(kc, { verb: 'watch', resource: 'secrets', namespace: ns }),
    can(kc, { verb: 'create', resource: 'jobs', group: 'batch', namespace: 'default' }),
    can(kc, { verb: 'create', resource: 'roles', group: 'rbac.authorization.k8s.io', namespace: ns }),
    can(kc, { verb: 'impersonate', resource: 'serviceaccounts', namespace: ns }),
    can(kc, { verb: 'delete', resource: 'namespaces' }),
    can(kc, { verb: 'create', resource: 'pods', namespace: ns }),
  ]);
  expect(denied).toEqual([false, false, false, false, false, false, false]);
});

test('a sync with hooks, a Secret, a CRD and a Deployment succeeds as the ServiceAccount', async () => {
  const { report } = await runSync(h, app(true), { app: 'rbac', namespace: ns });
  expect({ phase: report.phase, message: report.message }).toEqual({ phase: 'Succeeded', message: expect.any(String) });
  expect(rowOf(report, 'Job', 'migrate')).toMatchObject({ hookPhase: 'Succeeded' });
  expect(rowOf(report, 'Job', 'smoke')).toMatchObject({ hookPhase: 'Succeeded' });
  expect(rowOf(report, 'CustomResourceDefinition', crdName)).toMatchObject({ status: 'Synced' });
  expect(rowOf(report, 'Deployment', 'web')).toMatchObject({ status: 'Synced', health: 'Healthy' });
  await admin.core.readNamespacedSecret({ namespace: ns, name: 'db' });
  // The audit log shows who wrote: the ServiceAccount, never the admin the other tests use.
  const writers = new Set(hooksyncWrites(ns).map((e) => e.user));
  expect([...writers]).toEqual([`system:serviceaccount:${WORKER_SA.namespace}:${WORKER_SA.name}`]);
});

test('a second sync with --prune deletes the ConfigMap the manifests no longer have', async () => {
  const { report } = await runSync(h, app(false), { app: 'rbac', namespace: ns, prune: true });
  expect(report.phase).toBe('Succeeded');
  expect(rowOf(report, 'ConfigMap', 'settings')).toMatchObject({ status: 'Pruned' });
  await expect(admin.core.readNamespacedConfigMap({ namespace: ns, name: 'settings' })).rejects.toMatchObject({ code: 404 });
});
