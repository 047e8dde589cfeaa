// Access to the KWOK cluster for integration tests: typed clients and a unique namespace per test
// file, deleted afterwards, so tests never see each other's objects.
import { randomBytes } from 'node:crypto';
import { AppsV1Api, BatchV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { eventually } from './eventually';
import { readTestEnv } from './testEnv';

export interface TestCluster {
  kc: KubeConfig;
  core: CoreV1Api;
  batch: BatchV1Api;
  apps: AppsV1Api;
}

/** The embedded cluster, or another one (dev/kube-cluster.sh) by its kubeconfig. */
export function connectTestCluster(kubeconfigPath = readTestEnv().kubeconfigPath): TestCluster {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  return { kc, core: kc.makeApiClient(CoreV1Api), batch: kc.makeApiClient(BatchV1Api), apps: kc.makeApiClient(AppsV1Api) };
}

export async function createTestNamespace(cluster: TestCluster, prefix: string): Promise<string> {
  const name = `${prefix}-${randomBytes(3).toString('hex')}`;
  await cluster.core.createNamespace({ body: { metadata: { name, labels: { 'hooksync.io/test': 'true' } } } });
  return name;
}

/**
 * Until the controller manager has published the namespace's `kube-root-ca.crt` ConfigMap. It does
 * so a moment after the namespace is made, later when it is busy: a test that counts a namespace's
 * ConfigMaps (a quota of one, pages of a LIST) must not race it.
 */
export async function untilRootCaPublished(cluster: TestCluster, namespace: string): Promise<void> {
  await eventually(() => cluster.core.readNamespacedConfigMap({ namespace, name: 'kube-root-ca.crt' }));
}

export async function deleteTestNamespace(cluster: TestCluster, name: string): Promise<void> {
  await cluster.core.deleteNamespace({ name, propagationPolicy: 'Background' });
}
