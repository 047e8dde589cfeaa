// Credentials with little power, for tests of what hooksync does when the API server says 403:
// a ServiceAccount that may only work with Jobs in one namespace, as a KubeConfig.
import { KubeConfig, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import type { TestCluster } from './testCluster';

export async function jobsOnlyKubeConfig(admin: TestCluster, namespace: string): Promise<KubeConfig> {
  const rbac = admin.kc.makeApiClient(RbacAuthorizationV1Api);
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
