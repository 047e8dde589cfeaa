// deletePlan and deleteHookTasks: what `hooksync delete` runs and deletes, in which order (spec §2.6).
import { deleteHookTasks } from '../../../sync/deleteHooks';
import { deletePlan, KEPT_MESSAGES } from '../../../sync/deletePlan';
import { type KubeObject } from '../../../sync/manifest';
import { annotationPath } from '../../../sync/problems';
import { type SyncPlan } from '../../../sync/types';
import { manifest } from './manifests';

const context = { deleteId: 'd1', defaultNamespace: 'shop', clusterScoped: new Set<string>() };
const hook = (types: string, extra: Record<string, string> = {}) => ({ 'argocd.argoproj.io/hook': types, ...extra });
const wave = (n: number) => ({ 'argocd.argoproj.io/sync-wave': String(n) });

function live(kind: string, name: string, annotations: Record<string, string> = {}, apiVersion = ({ Deployment: 'apps/v1', Job: 'batch/v1' } as Record<string, string>)[kind] ?? 'v1'): KubeObject {
  return { apiVersion, kind, metadata: { name, namespace: 'shop', uid: `uid-${name}`, annotations } };
}

function layout(plan: SyncPlan): string[] {
  return plan.groups.map((g) => `${g.phase} ${g.wave}: ${g.tasks.map((t) => `${t.prune ? 'delete ' : ''}${t.ref.kind}/${t.ref.name}`).join(', ')}`);
}

const hooks = deleteHookTasks([
  manifest('Job', 'backup', { annotations: hook('PreDelete', wave(1)) }),
  manifest('Job', 'drain', { annotations: hook('PreDelete') }),
  manifest('Job', 'farewell', { annotations: hook('PostDelete', { 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded' }) }),
  manifest('Job', 'migrate', { annotations: hook('PreSync') }),
  manifest('ConfigMap', 'settings'),
], context);

test('only PreDelete and PostDelete hooks are deletion hooks; sync hooks and resources are not', () => {
  expect(hooks.problems).toEqual([]);
  expect(hooks.tasks.map((t) => `${t.phase} ${t.wave} ${t.ref.namespace}/${t.ref.name} ${t.deletePolicies.join('+')}`)).toEqual([
    'PreDelete 1 shop/backup BeforeHookCreation',
    'PreDelete 0 shop/drain BeforeHookCreation',
    'PostDelete 0 shop/farewell HookSucceeded',
  ]);
});

test('§2.6 PreDelete hooks by wave, then the objects highest wave first, then PostDelete hooks', () => {
  const objects = [live('ConfigMap', 'a', wave(-1)), live('Deployment', 'web', wave(2)), live('Service', 'web'), live('ConfigMap', 'b', wave(2))];
  const { plan, untrack } = deletePlan(hooks.tasks, objects, { cascade: true });
  expect(layout(plan)).toEqual([
    'PreDelete 0: Job/drain',
    'PreDelete 1: Job/backup',
    'Sync 2: delete Deployment/web, delete ConfigMap/b',
    'Sync 0: delete Service/web',
    'Sync -1: delete ConfigMap/a',
    'PostDelete 0: Job/farewell',
  ]);
  expect(untrack).toEqual([]);
});

test('a deletion carries only the identity and uid of the object listed', () => {
  const secret: KubeObject = { ...live('Secret', 'token'), data: { password: 'c2VjcmV0' } };
  const [task] = deletePlan([], [secret], { cascade: true }).plan.groups[0].tasks;
  expect(task.object).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'token', namespace: 'shop', uid: 'uid-token' } });
  expect(task.prune).toBe(true);
});

test('Delete=false, helm.sh/resource-policy: keep and CRDs are kept, with a row saying why', () => {
  const crd: KubeObject = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com', uid: 'u' } };
  const objects = [
    live('ConfigMap', 'precious', { 'argocd.argoproj.io/sync-options': 'Prune=false, Delete=false' }),
    live('Secret', 'helm-kept', { 'helm.sh/resource-policy': 'keep' }),
    crd,
    live('ConfigMap', 'doomed', { 'argocd.argoproj.io/sync-options': 'Delete=true' }),
  ];
  const { plan } = deletePlan([], objects, { cascade: true });
  expect(layout(plan)).toEqual(['Sync 0: delete ConfigMap/doomed']);
  expect(plan.skippedPrunes.map((s) => `${s.ref.kind}/${s.ref.name}: ${s.message}`)).toEqual([
    `ConfigMap/precious: ${KEPT_MESSAGES.deleteFalse}`,
    `Secret/helm-kept: ${KEPT_MESSAGES.helmKeep}`,
    `CustomResourceDefinition/widgets.example.com: ${KEPT_MESSAGES.crd}`,
  ]);
});

test('a live copy of one of the deletion hooks (an earlier deletion left it) is not deleted as an object', () => {
  const { plan } = deletePlan(hooks.tasks, [live('Job', 'backup', hook('PreDelete')), live('Job', 'old-sync-hook', hook('PreSync'))], { cascade: true });
  expect(layout(plan)).toEqual(['PreDelete 0: Job/drain', 'PreDelete 1: Job/backup', 'Sync 0: delete Job/old-sync-hook', 'PostDelete 0: Job/farewell']);
});

test('--cascade=false deletes nothing and runs no hook: every object is untracked, kept ones too', () => {
  const objects = [live('ConfigMap', 'a'), live('ConfigMap', 'precious', { 'argocd.argoproj.io/sync-options': 'Delete=false' })];
  const { plan, untrack } = deletePlan(hooks.tasks, objects, { cascade: false });
  expect(plan.groups).toEqual([]);
  expect(untrack.map((o) => o.metadata)).toEqual([{ name: 'a', namespace: 'shop', uid: 'uid-a' }, { name: 'precious', namespace: 'shop', uid: 'uid-precious' }]);
});

test('the same hooks and objects give the same plan (a replayed deletion runs what it started with)', () => {
  const objects = [live('Deployment', 'web', wave(2)), live('ConfigMap', 'b')];
  expect(deletePlan(hooks.tasks, objects, { cascade: true })).toEqual(deletePlan(hooks.tasks, [...objects].reverse(), { cascade: true }));
});

test('a generateName hook gets a name from the deletion id, different per stage; a hook without a name is a problem', () => {
  const built = deleteHookTasks([
    manifest('Job', '', { generateName: 'cleanup-', annotations: hook('PreDelete,PostDelete') }),
    manifest('Job', '', { annotations: hook('PostDelete') }),
  ], context);
  const names = built.tasks.map((t) => t.ref.name);
  expect(names).toHaveLength(2);
  expect(names[0]).toMatch(/^cleanup-predelete-[0-9a-z]{8}$/);
  expect(names[1]).toMatch(/^cleanup-postdelete-[0-9a-z]{8}$/);
  expect(deleteHookTasks([manifest('Job', '', { generateName: 'cleanup-', annotations: hook('PreDelete') })], { ...context, deleteId: 'd2' }).tasks[0].ref.name).not.toBe(names[0]);
  expect(built.problems.map((p) => `${p.field}: ${p.message}`)).toEqual(['metadata.name: missing: every hook needs metadata.name or metadata.generateName']);
});

test('a bad annotation on a deletion hook is a problem naming the field, reported once for a two-stage hook', () => {
  const built = deleteHookTasks([manifest('Job', 'x', { annotations: hook('PreDelete,PostDelete', { 'argocd.argoproj.io/hook-delete-policy': 'Sometimes' }) })], context);
  expect(built.tasks).toEqual([]);
  expect(built.problems).toHaveLength(1);
  expect(built.problems[0].field).toBe(annotationPath('argocd.argoproj.io/hook-delete-policy'));
});
