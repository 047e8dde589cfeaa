// The hook duration samples a wait's answer yields: one per finished hook, none for resources.
import { hookSamples } from '../../../sync/hookMetrics';
import { taskKey, type SyncTask } from '../../../sync/types';

const task = (kind: string, name: string, hook: boolean, phase: SyncTask['phase'] = 'PreSync'): SyncTask => ({
  phase, wave: 0, ref: { group: kind === 'Job' ? 'batch' : '', version: 'v1', kind, namespace: 'ns', name },
  hookTypes: hook ? [phase as never] : [], deletePolicies: [], prune: false, generatedName: false, object: {} as never,
});

test('finished hooks give a sample each, labelled by hook type, kind and result', () => {
  const migrate = task('Job', 'migrate', true);
  const other = task('Job', 'still-running', true);
  const config = task('ConfigMap', 'plain', false);
  const finished = [{ key: taskKey(migrate), state: 'Failed' as const }, { key: taskKey(config), state: 'Succeeded' as const }];
  expect(hookSamples([migrate, other, config], finished, 12.5)).toEqual([{ labels: { hook_type: 'PreSync', kind: 'Job', result: 'Failed' }, seconds: 12.5 }]);
  expect(hookSamples([other], [], 3)).toEqual([]);
});
