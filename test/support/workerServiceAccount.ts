// The worker's documented roles (deploy/rbac/worker-rbac.yaml) for test workers: every sync
// harness runs its worker as a ServiceAccount with exactly those roles (HOOKSYNC_TEST_WORKER_RBAC=0
// gives it the cluster admin's instead), so the end-to-end suite shows they are enough. The namespaced role is bound for all
// namespaces (the file's cluster-wide alternative), since tests and --create-namespace make new
// namespaces all the time.
import { KubeConfig, KubernetesObjectApi, PatchStrategy } from '@kubernetes/client-node';
import type { TestCluster } from './testCluster';
import { WORKER_SA, workerRbac, type RbacObject } from './workerRbac';

/**
 * The suite's own ServiceAccount with the documented roles: not the documented one itself, whose
 * bindings the RBAC test checks exactly, while this one holds the worker role in all namespaces.
 */
export const SUITE_SA = { namespace: WORKER_SA.namespace, name: 'hooksync-worker-suite' };

function binding(name: string, role: string): RbacObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: [{ kind: 'ServiceAccount', ...SUITE_SA }],
  };
}

/** The suite ServiceAccount bound to each documented ClusterRole, cluster-wide. */
function suiteBindings(): RbacObject[] {
  const roles = workerRbac().filter((o) => o.kind === 'ClusterRole').map((o) => o.metadata.name);
  return roles.map((role) => binding(`${role}-suite`, role));
}

/** On unless HOOKSYNC_TEST_WORKER_RBAC=0 (to tell a missing right from a bug, say). */
export function workerRbacRequested(): boolean {
  return process.env.HOOKSYNC_TEST_WORKER_RBAC !== '0';
}

/** The documented roles and the suite's bindings, applied as the admin (idempotent across test files). */
export async function applySuiteRbac(admin: TestCluster): Promise<void> {
  const api = KubernetesObjectApi.makeApiClient(admin.kc);
  const account = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { ...SUITE_SA } };
  const objects = [...workerRbac().filter((o) => !o.kind.endsWith('Binding')), account, ...suiteBindings()];
  for (const o of objects) await api.patch(o, undefined, undefined, 'hooksync-test', true, PatchStrategy.ServerSideApply);
}

/** A kubeconfig that authenticates as the suite's ServiceAccount with a short-lived token. */
export function suiteServiceAccountConfig(admin: TestCluster): Promise<KubeConfig> {
  return serviceAccountConfig(admin, SUITE_SA, 'default');
}

/** A kubeconfig that authenticates as `account` with a short-lived token (TokenRequest API). */
export async function serviceAccountConfig(admin: TestCluster, account: { namespace: string; name: string }, namespace: string): Promise<KubeConfig> {
  const request = await admin.core.createNamespacedServiceAccountToken({ ...account, body: { spec: { expirationSeconds: 3600, audiences: [] } } });
  const server = admin.kc.getCurrentCluster()!;
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'kwok', server: server.server, caFile: server.caFile, caData: server.caData, skipTLSVerify: false }],
    users: [{ name: 'worker', token: request.status!.token }],
    contexts: [{ name: 'worker', cluster: 'kwok', user: 'worker', namespace }],
    currentContext: 'worker',
  });
  return kc;
}

export type PolicyRule = { apiGroups: string[]; resources: string[]; verbs: string[] };

/**
 * What the RBAC file tells users to do for kinds outside the documented role: a rule per kind.
 * Granted to the ServiceAccount for one harness, and taken back when it stops.
 */
export async function grantExtraRules(admin: TestCluster, name: string, rules: PolicyRule[]): Promise<() => Promise<void>> {
  const api = KubernetesObjectApi.makeApiClient(admin.kc);
  const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules };
  const bound = binding(name, name);
  for (const o of [role, bound]) await api.patch(o, undefined, undefined, 'hooksync-test', true, PatchStrategy.ServerSideApply);
  return async () => {
    for (const o of [bound, role]) await api.delete(o).catch(() => undefined);
  };
}
