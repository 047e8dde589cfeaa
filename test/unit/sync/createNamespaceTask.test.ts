// `--create-namespace` in the plan (Argo CD's CreateNamespace): a create-only PreSync task in front.
import { planSync } from '../../../sync/planSync';
import { planTasks } from '../../../sync/types';
import { hookAnnotation, manifest } from './manifests';

function tasksOf(manifests: ReturnType<typeof manifest>[]) {
  const planned = planSync(manifests, { syncId: 's', attempt: 0, defaultNamespace: 'shop', createNamespace: true });
  expect(planned.problems).toEqual([]);
  return planTasks(planned.plan).map((t) => `${t.phase} ${t.wave} ${t.ref.kind}/${t.ref.name}${t.createOnly ? ' create-only' : ''}`);
}

test.each([
  { name: 'no PreSync hooks: its own PreSync wave 0 group, first', manifests: [manifest('ConfigMap', 'cm', { annotations: { 'argocd.argoproj.io/sync-wave': '-2' } })], expected: ['PreSync 0 Namespace/shop create-only', 'Sync -2 ConfigMap/cm'] },
  { name: 'PreSync hooks in wave -1: joins their wave, in front', manifests: [manifest('Job', 'migrate', { annotations: { ...hookAnnotation('PreSync'), 'argocd.argoproj.io/sync-wave': '-1' } })], expected: ['PreSync -1 Namespace/shop create-only', 'PreSync -1 Job/migrate'] },
  { name: 'PreSync hooks in wave 3: wave 0, before them', manifests: [manifest('Job', 'migrate', { annotations: { ...hookAnnotation('PreSync'), 'argocd.argoproj.io/sync-wave': '3' } })], expected: ['PreSync 0 Namespace/shop create-only', 'PreSync 3 Job/migrate'] },
  { name: 'the manifests declare it: theirs, no create-only task', manifests: [manifest('Namespace', 'shop'), manifest('ConfigMap', 'cm')], expected: ['Sync 0 Namespace/shop', 'Sync 0 ConfigMap/cm'] },
])('$name', ({ manifests, expected }) => {
  expect(tasksOf(manifests)).toEqual(expected);
});

test('the namespace is created bare: no labels, no annotations', () => {
  const planned = planSync([manifest('ConfigMap', 'cm')], { syncId: 's', attempt: 0, defaultNamespace: 'shop', createNamespace: true });
  expect(planTasks(planned.plan)[0].object).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
});
