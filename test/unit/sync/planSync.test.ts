import { planSync, type PlanOptions } from '../../../sync/planSync';
import { formatProblem } from '../../../sync/problems';
import { planTasks, type SyncPlan } from '../../../sync/types';
import { hookAnnotation, manifest } from './manifests';

const options: PlanOptions = { syncId: 'plan', attempt: 0, defaultNamespace: 'apps' };

/** `phase/wave Kind ns/name`, in execution order. */
function rows(plan: SyncPlan): string[] {
  return planTasks(plan).map((t) => `${t.phase}/${t.wave} ${t.ref.kind} ${t.ref.namespace ? `${t.ref.namespace}/` : ''}${t.ref.name}`);
}

describe('planSync: tasks', () => {
  test('R1.5 objects that are not hooks are applied in the Sync phase', () => {
    const { plan, problems } = planSync([manifest('ConfigMap', 'a'), manifest('Deployment', 'web', { annotations: { 'argocd.argoproj.io/sync-wave': '3' } })], options);
    expect(problems).toEqual([]);
    expect(rows(plan)).toEqual(['Sync/0 ConfigMap apps/a', 'Sync/3 Deployment apps/web']);
    expect(planTasks(plan).map((t) => [t.hookTypes, t.deletePolicies])).toEqual([[[], []], [[], []]]);
  });

  test('R1.6 a fixed-name hook with several types gives one task per phase, all with its name', () => {
    const { plan } = planSync([manifest('Job', 'schema', { annotations: hookAnnotation('PostSync,PreSync,PostSync') })], options);
    expect(rows(plan)).toEqual(['PreSync/0 Job apps/schema', 'PostSync/0 Job apps/schema']);
  });

  test('R1.6 a generateName hook with several types gives a distinct object per phase', () => {
    const { plan } = planSync([manifest('Job', '', { generateName: 'check-', annotations: hookAnnotation('PreSync,PostSync') })], options);
    const names = planTasks(plan).map((t) => t.ref.name);
    expect(names).toEqual([expect.stringMatching(/^check-presync-[0-9a-z]{8}$/), expect.stringMatching(/^check-postsync-[0-9a-z]{8}$/)]);
    expect(planTasks(plan).every((t) => t.generatedName)).toBe(true);
  });

  test('R4.2 two hooks sharing a generateName in one phase get different names (argo-cd#9184)', () => {
    const seed = () => manifest('Job', '', { generateName: 'seed-', annotations: hookAnnotation('PreSync') });
    const { plan, problems } = planSync([seed(), seed()], options);
    expect(problems).toEqual([]);
    const [a, b] = planTasks(plan).map((t) => t.ref.name);
    expect(a).not.toBe(b);
  });

  test('R4.2 generated names depend on the sync id and attempt, and are stable for the same ones', () => {
    const hook = manifest('Job', '', { generateName: 'seed-', annotations: hookAnnotation('PreSync') });
    const name = (o: PlanOptions) => planTasks(planSync([hook], o).plan)[0].ref.name;
    expect(name(options)).toBe(name({ ...options }));
    expect(name({ ...options, syncId: 'other' })).not.toBe(name(options));
    expect(name({ ...options, attempt: 1 })).toMatch(/^seed-presync-a1-/);
  });

  test('R4.1 R4.2 metadata.name wins over generateName', () => {
    const { plan } = planSync([manifest('Job', 'fixed', { generateName: 'gen-', annotations: hookAnnotation('PreSync') })], options);
    expect(planTasks(plan).map((t) => [t.ref.name, t.generatedName])).toEqual([['fixed', false]]);
  });

  test('R4.2 the object to apply carries the final name and no generateName; the input is untouched', () => {
    const hook = manifest('Job', '', { generateName: 'seed-', annotations: hookAnnotation('PreSync') });
    const before = JSON.stringify(hook);
    const [task] = planTasks(planSync([hook], options).plan);
    expect(task.object.metadata).toEqual({ name: task.ref.name, namespace: 'apps', annotations: hookAnnotation('PreSync') });
    expect(JSON.stringify(hook)).toBe(before);
  });

  test('R4.4 objects without a namespace get the default one; cluster-scoped objects get none', () => {
    const crd = manifest('CustomResourceDefinition', 'gadgets.x.io', { spec: { group: 'x.io', scope: 'Cluster', names: { kind: 'Gadget' } } });
    const manifests = [manifest('ConfigMap', 'a'), manifest('ConfigMap', 'b', { namespace: 'ops' }), manifest('ClusterRole', 'r', { namespace: 'ops' }), crd, manifest('Gadget', 'g', { apiVersion: 'x.io/v1' })];
    const { plan } = planSync(manifests, options);
    expect(rows(plan)).toEqual(['Sync/0 ConfigMap apps/a', 'Sync/0 ConfigMap ops/b', 'Sync/0 CustomResourceDefinition gadgets.x.io', 'Sync/0 ClusterRole r', 'Sync/0 Gadget g']);
    expect(planTasks(plan)[3].object.metadata.namespace).toBeUndefined();
  });

  test('R1.1 Skip objects produce no task', () => {
    const { plan } = planSync([manifest('ConfigMap', 'a', { annotations: hookAnnotation('Skip') }), manifest('ConfigMap', 'b')], options);
    expect(rows(plan)).toEqual(['Sync/0 ConfigMap apps/b']);
  });

  test('R2.12 a hook that only runs on application deletion produces no task, with a warning', () => {
    const { plan, warnings } = planSync([manifest('Job', 'cleanup', { annotations: hookAnnotation('PostDelete') })], options);
    expect(rows(plan)).toEqual([]);
    expect(warnings.map((w) => w.message)).toEqual([expect.stringContaining('object left out of the sync')]);
  });

  test('R2.12 an object that is both PostSync and PreDelete runs in PostSync', () => {
    const { plan } = planSync([manifest('Job', 'report', { annotations: hookAnnotation('PostSync,PreDelete') })], options);
    expect(rows(plan)).toEqual(['PostSync/0 Job apps/report']);
    expect(planTasks(plan)[0].hookTypes).toEqual(['PostSync', 'PreDelete']);
  });

  test('R2.1 hooks get their delete policies; a policy on a plain resource is ignored with a warning', () => {
    const annotations = { 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded' };
    const { plan, warnings } = planSync([manifest('ConfigMap', 'a', { annotations })], options);
    expect(planTasks(plan)[0].deletePolicies).toEqual([]);
    expect(warnings.map((w) => w.message)).toEqual(['delete policies apply only to hooks; ignored']);
  });

  test('C-d all SyncFail hooks form one group, whatever their waves', () => {
    const fail = (name: string, wave: string) => manifest('Job', name, { annotations: { ...hookAnnotation('SyncFail'), 'argocd.argoproj.io/sync-wave': wave } });
    const { plan } = planSync([fail('a', '2'), fail('b', '-1'), manifest('ConfigMap', 'c')], options);
    expect(plan.groups.map((g) => [g.phase, g.wave, g.tasks.map((t) => t.ref.name)])).toEqual([
      ['Sync', 0, ['c']],
      ['SyncFail', -1, ['b', 'a']],
    ]);
  });
});

describe('planSync: problems', () => {
  test('R1.4 every problem across all objects is reported, and the plan is empty', () => {
    const manifests = [
      manifest('Job', 'migrate', { annotations: { ...hookAnnotation('Presync'), 'argocd.argoproj.io/hook-delete-policy': 'Never' }, source: { file: 'a.yaml', document: 0, line: 1 } }),
      manifest('ConfigMap', 'cfg', { annotations: { 'argocd.argoproj.io/sync-wave': 'first' }, source: { file: 'b.yaml', document: 2, line: 9 } }),
      manifest('Deployment', 'fine'),
    ];
    const { plan, problems } = planSync(manifests, options);
    expect(plan.groups).toEqual([]);
    expect(problems.map(formatProblem)).toEqual([
      'a.yaml:1 (document 1): Job apps/migrate: metadata.annotations["argocd.argoproj.io/hook"]: unknown hook type (did you mean PreSync? values are case-sensitive) (found "Presync"); allowed: PreSync, Sync, PostSync, SyncFail, Skip, PreDelete, PostDelete',
      'a.yaml:1 (document 1): Job apps/migrate: metadata.annotations["argocd.argoproj.io/hook-delete-policy"]: unknown delete policy (found "Never"); allowed: BeforeHookCreation, HookSucceeded, HookFailed',
      'b.yaml:9 (document 3): ConfigMap apps/cfg: metadata.annotations["argocd.argoproj.io/sync-wave"]: not an integer (found "first"); allowed: a base-10 integer such as -1, 0 or 5',
    ]);
  });

  test('R4.1 two manifests for the same object in the same phase are rejected, naming the first', () => {
    const first = manifest('ConfigMap', 'cfg', { source: { file: 'a.yaml', document: 0, line: 3 } });
    const second = manifest('ConfigMap', 'cfg', { namespace: 'apps', source: { file: 'b.yaml', document: 1, line: 7 } });
    const { problems } = planSync([first, second], options);
    expect(problems).toEqual([
      expect.objectContaining({ object: 'ConfigMap apps/cfg', field: 'metadata.name', message: 'the same object is already defined at a.yaml:3 (document 1)', source: second.source }),
    ]);
  });

  test('R4.2 generateName on a plain resource is rejected', () => {
    const { problems } = planSync([manifest('ConfigMap', '', { generateName: 'cfg-' })], options);
    expect(problems).toEqual([expect.objectContaining({ object: 'ConfigMap apps/cfg-*', field: 'metadata.generateName', value: 'cfg-' })]);
  });

  test('R4.2 a hook generateName that cannot make a valid name is rejected', () => {
    const { problems } = planSync([manifest('Job', '', { generateName: 'Seed_', annotations: hookAnnotation('PreSync,PostSync') })], options);
    expect(problems).toEqual([expect.objectContaining({ field: 'metadata.generateName', value: 'Seed_' })]);
  });

  test('R4.1 a resource with neither name nor generateName is rejected (Argo CD\'s TestNamingNonHookResource)', () => {
    const { problems } = planSync([manifest('ConfigMap', '')], options);
    expect(problems).toEqual([expect.objectContaining({ field: 'metadata.name', message: expect.stringContaining('missing') })]);
  });

  describe('a hook with neither name nor generateName (Argo CD\'s TestAutomaticallyNamingUnnamedHook)', () => {
    const unnamed = manifest('Job', '', { annotations: hookAnnotation('PreSync,PostSync'), source: { file: 'hooks.yaml', document: 2 } });
    const names = (o: PlanOptions) => planTasks(planSync([unnamed], o).plan).map((t) => [t.phase, t.ref.name]);

    test('is named once per phase, each name saying its phase, and applied under that name', () => {
      const { plan, problems } = planSync([unnamed], options);
      expect(problems).toEqual([]);
      const tasks = planTasks(plan);
      expect(tasks.map((t) => t.phase)).toEqual(['PreSync', 'PostSync']);
      expect(tasks[0].ref.name).toMatch(/^job-presync-[0-9a-z]{8}$/);
      expect(tasks[1].ref.name).toMatch(/^job-postsync-[0-9a-z]{8}$/);
      for (const task of tasks) {
        expect(task).toMatchObject({ generatedName: true });
        expect(task.generateName).toBeUndefined();
        expect(task.object.metadata.name).toBe(task.ref.name);
      }
    });

    test('gets the same names in every sync and attempt of the same manifests', () => {
      expect(names({ ...options, syncId: 'another-sync', attempt: 3 })).toEqual(names(options));
    });

    test('gets other names in another namespace or at another place in the manifests', () => {
      expect(names({ ...options, defaultNamespace: 'other' })).not.toEqual(names(options));
      const moved = { ...unnamed, source: { ...unnamed.source, document: 3 } };
      expect(planTasks(planSync([moved], options).plan).map((t) => t.ref.name)).not.toEqual(names(options).map(([, n]) => n));
    });

    test('two unnamed hooks of one kind in one phase get distinct names', () => {
      const other = manifest('Job', '', { annotations: hookAnnotation('PreSync') });
      const { plan, problems } = planSync([manifest('Job', '', { annotations: hookAnnotation('PreSync') }), other], options);
      expect(problems).toEqual([]);
      expect(new Set(planTasks(plan).map((t) => t.ref.name)).size).toBe(2);
    });

    test('a problem elsewhere in it is still reported, naming the object as written', () => {
      const bad = manifest('Job', '', { annotations: { ...hookAnnotation('PreSync'), 'argocd.argoproj.io/sync-wave': 'soon' } });
      expect(planSync([bad], options).problems).toEqual([expect.objectContaining({ field: 'metadata.annotations["argocd.argoproj.io/sync-wave"]' })]);
    });
  });

  test('an object without apiVersion or kind is rejected before anything else is read', () => {
    const broken = { source: { file: 'x.yaml', document: 0 }, object: { metadata: { name: 'x' } } } as never;
    const { problems } = planSync([broken], options);
    expect(problems.map((p) => p.field)).toEqual(['apiVersion', 'kind']);
  });
});

describe('planSync: pruning (§3.4)', () => {
  const live = (kind: string, name: string, annotations: Record<string, string> = {}) =>
    manifest(kind, name, { namespace: 'apps', annotations }).object;

  test('§3.4 without --prune stale objects are skipped with Argo CD\'s message; live hooks and Skip objects are not listed', () => {
    const current = [live('ConfigMap', 'keep'), live('ConfigMap', 'old'), live('Job', 'hook', hookAnnotation('PreSync')), live('Secret', 's', hookAnnotation('Skip'))];
    const { plan } = planSync([manifest('ConfigMap', 'keep')], { ...options, prune: { enabled: false, live: current } });
    expect(rows(plan)).toEqual(['Sync/0 ConfigMap apps/keep']);
    expect(plan.skippedPrunes).toEqual([{ ref: expect.objectContaining({ kind: 'ConfigMap', name: 'old' }), message: 'ignored (requires pruning)' }]);
  });

  test('§3.4 prune waves are mirrored', () => {
    const wave = (w: string) => ({ 'argocd.argoproj.io/sync-wave': w });
    const current = [live('ConfigMap', 'a', wave('-1')), live('ConfigMap', 'b'), live('ConfigMap', 'c', wave('5'))];
    const { plan } = planSync([], { ...options, prune: { enabled: true, live: current } });
    expect(rows(plan)).toEqual(['Sync/-1 ConfigMap apps/c', 'Sync/0 ConfigMap apps/b', 'Sync/5 ConfigMap apps/a']);
    expect(planTasks(plan).every((t) => t.prune)).toBe(true);
  });

  test('§3.1 a prune task carries only the identity of the live object, never its data', () => {
    const secret = { ...live('Secret', 'old'), data: { password: 'c2VjcmV0' } };
    secret.metadata.uid = 'u-1';
    const { plan } = planSync([], { ...options, prune: { enabled: true, live: [secret] } });
    expect(planTasks(plan)[0].object).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'old', namespace: 'apps', uid: 'u-1' } });
  });

  test('§3.4 app-wide PruneLast puts every prune one wave after the last Sync wave (floor 0)', () => {
    const current = [live('ConfigMap', 'a', { 'argocd.argoproj.io/sync-wave': '-3' })];
    const desired = [manifest('ConfigMap', 'n', { annotations: { 'argocd.argoproj.io/sync-wave': '-5' } })];
    const { plan } = planSync(desired, { ...options, prune: { enabled: true, live: current, pruneLast: true } });
    expect(rows(plan)).toEqual(['Sync/-5 ConfigMap apps/n', 'Sync/1 ConfigMap apps/a']);
  });
});
