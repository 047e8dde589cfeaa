// S4, statically: the documented worker RBAC grants nothing by wildcard, nothing that escalates,
// and never list or watch on Secrets.
import { workerRbac } from '../../support/workerRbac';

const rules = workerRbac().flatMap((o) => (o.rules ?? []).map((r) => ({ role: o.metadata.name, ...r })));

test('the file holds the three roles, their bindings and the ServiceAccount', () => {
  expect(workerRbac().map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
    'Namespace/hooksync-system', 'ServiceAccount/hooksync-worker',
    'ClusterRole/hooksync-worker', 'ClusterRole/hooksync-worker-inventory', 'ClusterRole/hooksync-worker-cluster',
    'ClusterRoleBinding/hooksync-worker-inventory', 'ClusterRoleBinding/hooksync-worker-cluster', 'RoleBinding/hooksync-worker',
  ]);
});

test('no wildcard in any apiGroup, resource or verb', () => {
  const wild = rules.filter((r) => [...r.apiGroups, ...r.resources, ...r.verbs].some((v) => v.includes('*')));
  expect(wild).toEqual([]);
});

test('no escalate, bind, impersonate or deletecollection; no RBAC objects', () => {
  const forbidden = ['escalate', 'bind', 'impersonate', 'deletecollection'];
  expect(rules.filter((r) => r.verbs.some((v) => forbidden.includes(v)))).toEqual([]);
  expect(rules.filter((r) => r.apiGroups.includes('rbac.authorization.k8s.io'))).toEqual([]);
});

test('update (the PUT of Replace=true) only in the namespaced role: never on namespaces or CRDs', () => {
  const updating = rules.filter((r) => r.verbs.includes('update'));
  expect(updating.length).toBeGreaterThan(0);
  expect(updating.filter((r) => r.role !== 'hooksync-worker')).toEqual([]);
});

test('Secrets are never listed or watched; namespaces are never deleted', () => {
  const secretVerbs = rules.filter((r) => r.resources.includes('secrets')).flatMap((r) => r.verbs);
  expect(secretVerbs.filter((v) => v === 'list' || v === 'watch')).toEqual([]);
  const namespaceVerbs = rules.filter((r) => r.resources.includes('namespaces')).flatMap((r) => r.verbs);
  expect(namespaceVerbs).not.toContain('delete');
});
