import { formatPlanText, planToJson } from '../../../sync/formatPlan';
import { planSync } from '../../../sync/planSync';
import { hookAnnotation, manifest } from './manifests';

const options = { syncId: 'plan', attempt: 0, defaultNamespace: 'apps' };

describe('planToJson (DESIGN §3 contract)', () => {
  test('each task has exactly the contract fields, in execution order', () => {
    const { plan } = planSync(
      [
        manifest('Deployment', 'web'),
        manifest('Job', 'migrate', { annotations: { ...hookAnnotation('PreSync'), 'argocd.argoproj.io/hook-delete-policy': 'OnSuccess' } }),
      ],
      options,
    );
    const json = planToJson(plan);
    expect(Object.keys(json)).toEqual(['tasks', 'warnings']);
    expect(json.tasks).toEqual([
      { phase: 'PreSync', wave: 0, group: 'batch', version: 'v1', kind: 'Job', namespace: 'apps', name: 'migrate', hook: true, hookTypes: ['PreSync'], deletePolicies: ['HookSucceeded'], prune: false },
      { phase: 'Sync', wave: 0, group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'apps', name: 'web', hook: false, hookTypes: [], deletePolicies: [], prune: false },
    ]);
    expect(Object.keys(json.tasks[0])).toEqual(['phase', 'wave', 'group', 'version', 'kind', 'namespace', 'name', 'hook', 'hookTypes', 'deletePolicies', 'prune']);
    expect(json.warnings).toEqual([expect.stringContaining('OnSuccess is the old name of HookSucceeded')]);
  });

  test('survives a JSON round trip unchanged (no undefined, no functions)', () => {
    const { plan } = planSync([manifest('ConfigMap', 'a')], options);
    const json = planToJson(plan);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe('formatPlanText', () => {
  test('an empty plan says so', () => {
    expect(formatPlanText(planSync([], options).plan)).toBe('no tasks\n');
  });

  test('groups, aligned columns, and no trailing spaces', () => {
    const { plan } = planSync([manifest('ConfigMap', 'a'), manifest('Job', 'm', { annotations: hookAnnotation('PreSync') })], options);
    expect(formatPlanText(plan)).toBe(
      ['group 1: PreSync wave 0', '  Job        batch/v1  apps/m  hook=PreSync  delete=BeforeHookCreation', 'group 2: Sync wave 0', '  ConfigMap  v1        apps/a', ''].join('\n'),
    );
  });
});
