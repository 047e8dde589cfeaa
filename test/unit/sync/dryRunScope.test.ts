// What the dry run before the first write covers (spec §3.5 step 2, §7.4).
import { dryRunScope } from '../../../sync/dryRunScope';
import { planSync } from '../../../sync/planSync';
import { planTasks } from '../../../sync/types';
import { hookAnnotation, manifest } from './manifests';

const crd = manifest('CustomResourceDefinition', 'widgets.example.com', { spec: { group: 'example.com', names: { kind: 'Widget' }, scope: 'Namespaced' } });

function scopeOf(manifests: ReturnType<typeof manifest>[], createNamespace = false) {
  const planned = planSync(manifests, { syncId: 's', attempt: 0, defaultNamespace: 'shop', createNamespace });
  expect(planned.problems).toEqual([]);
  const scope = dryRunScope(planTasks(planned.plan));
  return {
    createFirst: scope.createFirst.map((t) => `${t.ref.kind}/${t.ref.name}${t.createOnly ? ' (create only)' : ''}`),
    check: scope.check.map((c) => `${c.task.phase} ${c.task.ref.kind}/${c.task.ref.name}${c.skipIfKindMissing ? ' (skip if missing)' : ''}`),
  };
}

test('every resource and hook of every phase is checked, SyncFail hooks included', () => {
  const scope = scopeOf([manifest('Job', 'migrate', { annotations: hookAnnotation('PreSync') }), manifest('Deployment', 'web'), manifest('Job', 'alert', { annotations: hookAnnotation('SyncFail') })]);
  expect(scope).toEqual({ createFirst: [], check: ['PreSync Job/migrate', 'Sync Deployment/web', 'SyncFail Job/alert'] });
});

test('objects of a kind whose CRD is in the same sync are not checked; the CRD is', () => {
  const scope = scopeOf([crd, manifest('Widget', 'w1', { apiVersion: 'example.com/v1' })]);
  expect(scope.check).toEqual(['Sync CustomResourceDefinition/widgets.example.com']);
});

test('SkipDryRunOnMissingResource=true: checked, but a kind the server lacks is let by', () => {
  const scope = scopeOf([manifest('Widget', 'w1', { apiVersion: 'example.com/v1', annotations: { 'argocd.argoproj.io/sync-options': 'Prune=false,SkipDryRunOnMissingResource=true' } })]);
  expect(scope.check).toEqual(['Sync Widget/w1 (skip if missing)']);
});

test('--create-namespace: the namespace is created first and not dry-run', () => {
  const scope = scopeOf([manifest('ConfigMap', 'cm')], true);
  expect(scope).toEqual({ createFirst: ['Namespace/shop (create only)'], check: ['Sync ConfigMap/cm'] });
});

test('a declared Namespace that objects live in is created first; one nothing lives in is only checked', () => {
  const scope = scopeOf([manifest('Namespace', 'shop'), manifest('Namespace', 'empty'), manifest('ConfigMap', 'cm')]);
  expect(scope.createFirst).toEqual(['Namespace/shop']);
  expect(scope.check).toEqual(expect.arrayContaining(['Sync Namespace/shop', 'Sync Namespace/empty', 'Sync ConfigMap/cm']));
});
