// The worker's manifests (deploy/worker/worker.yaml with deploy/rbac/worker-rbac.yaml) pass the
// API server's own checks: a server-side apply with dryRun=All and strict field validation, into a
// namespace of this test's own. The server validates each object against its schema, defaults it
// and runs admission, but stores nothing. KWOK runs no containers, so this says nothing of the
// image, the probes answering, or the process (README, "Deploying").
import { createKubeClient, type KubeClient } from '../../../activities/kubeClient';
import type { KubeObject } from '../../../sync/manifest';
import { manifestsIn } from '../../support/deployManifests';
import { connectTestCluster, createTestNamespace, deleteTestNamespace } from '../../support/testCluster';

const cluster = connectTestCluster();
let kube: KubeClient;
let ns: string;

beforeAll(async () => {
  kube = createKubeClient(cluster.kc);
  ns = await createTestNamespace(cluster, 'ops-deploy');
});
afterAll(async () => {
  await deleteTestNamespace(cluster, ns);
});

const dryRun = (obj: KubeObject) => kube.apply(obj, { dryRun: true });
const named = (objects: KubeObject[], kind: string) => objects.find((o) => o.kind === kind)!;

test('every object is accepted by a strict server-side dry run, and none is stored', async () => {
  const objects = manifestsIn(ns);
  expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
    'ServiceAccount/hooksync-worker', 'ClusterRole/hooksync-worker', 'ClusterRole/hooksync-worker-inventory', 'ClusterRole/hooksync-worker-cluster',
    'ClusterRoleBinding/hooksync-worker-inventory', 'ClusterRoleBinding/hooksync-worker-cluster', 'RoleBinding/hooksync-worker',
    'ConfigMap/hooksync-worker', 'Deployment/hooksync-worker', 'PodDisruptionBudget/hooksync-worker',
  ]);
  const answers: KubeObject[] = [];
  for (const obj of objects) answers.push(await dryRun(obj));

  // The server's answer is the object as it would be stored: defaulted, in the test namespace.
  const deployment = named(answers, 'Deployment') as KubeObject & { spec: { replicas: number; template: { spec: Record<string, unknown> & { containers: Array<Record<string, unknown>> } } } };
  expect(deployment.metadata.namespace).toBe(ns);
  expect(deployment.spec.replicas).toBe(2);
  expect(deployment.spec.template.spec.serviceAccountName).toBe('hooksync-worker');
  expect(deployment.spec.template.spec.containers[0].readinessProbe).toMatchObject({ httpGet: { path: '/readyz', port: 'health', scheme: 'HTTP' }, timeoutSeconds: 1 });
  expect(named(answers, 'PodDisruptionBudget')).toMatchObject({ spec: { minAvailable: 1 } });
  expect(named(answers, 'RoleBinding')).toMatchObject({ metadata: { namespace: ns }, subjects: [{ kind: 'ServiceAccount', name: 'hooksync-worker', namespace: ns }] });

  // Dry run: nothing reached etcd.
  for (const kind of ['Deployment', 'PodDisruptionBudget', 'ConfigMap', 'ServiceAccount']) {
    const { apiVersion, metadata } = named(objects, kind);
    expect(await kube.read({ group: apiVersion.includes('/') ? apiVersion.split('/')[0] : '', version: apiVersion.split('/').pop()!, kind, namespace: ns, name: metadata.name! })).toBeUndefined();
  }
});

test('the same dry run refuses a manifest with a misspelled field or a bad value, so the check above can fail', async () => {
  const deployment = named(manifestsIn(ns), 'Deployment') as KubeObject & { spec: Record<string, unknown> };
  await expect(dryRun({ ...deployment, spec: { ...deployment.spec, replica: 2 } })).rejects.toThrow(/\.spec\.replica: field not declared in schema/);
  const pdb = named(manifestsIn(ns), 'PodDisruptionBudget') as KubeObject & { spec: Record<string, unknown> };
  await expect(dryRun({ ...pdb, spec: { ...pdb.spec, maxUnavailable: 1 } })).rejects.toThrow('minAvailable and maxUnavailable cannot be both set');
});
