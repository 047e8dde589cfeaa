import { inputProblems } from '../../../sync/inputProblems';

const valid = { syncId: 's1', app: 'shop', cluster: 'c', attempt: 0, prune: false, plan: { groups: [{ phase: 'Sync', wave: 0, tasks: [] }], skippedPrunes: [], warnings: [] } };

describe('the sync workflow input check', () => {
  test('a valid input has no problems', () => {
    expect(inputProblems(valid)).toEqual([]);
    expect(inputProblems({ ...valid, timeoutSeconds: 60, attempt: 2 })).toEqual([]);
  });

  test('each malformed field is named', () => {
    expect(inputProblems({ ...valid, syncId: '', attempt: -1, plan: { groups: 'x', skippedPrunes: [] } })).toEqual([
      'syncId must be a non-empty string',
      'attempt must be a whole number from 0',
      'plan.groups must be a list of groups, each with a list of tasks',
    ]);
    expect(inputProblems({ ...valid, plan: undefined, prune: 'yes', timeoutSeconds: 0 })).toEqual([
      'prune must be true or false',
      'plan must be an object (a SyncPlan from planSync)',
      'timeoutSeconds must be a number above 0',
    ]);
  });

  test('an inventory is optional, and when given a list of kinds', () => {
    expect(inputProblems({ ...valid, inventory: [{ apiVersion: 'v1', kind: 'ConfigMap' }] })).toEqual([]);
    expect(inputProblems({ ...valid, inventory: [] })).toEqual([]);
    const problem = 'inventory must be a list of kinds, each with a non-empty apiVersion and kind';
    expect(inputProblems({ ...valid, inventory: 'ConfigMap' })).toEqual([problem]);
    expect(inputProblems({ ...valid, inventory: [{ apiVersion: 'v1' }] })).toEqual([problem]);
    expect(inputProblems({ ...valid, inventory: [{ apiVersion: '', kind: 'ConfigMap' }] })).toEqual([problem]);
  });

  test('a wave delay is optional; when given, a number of seconds from 0', () => {
    expect(inputProblems({ ...valid, waveDelaySeconds: 0 })).toEqual([]);
    expect(inputProblems({ ...valid, waveDelaySeconds: 30 })).toEqual([]);
    for (const waveDelaySeconds of [-1, '5s', Number.POSITIVE_INFINITY, Number.NaN]) {
      expect(inputProblems({ ...valid, waveDelaySeconds })).toEqual(['waveDelaySeconds must be a number from 0']);
    }
  });

  test('sync options are optional, and when given known names with their values', () => {
    const task = (syncOptions: unknown) => ({ phase: 'Sync', wave: 0, tasks: [{ syncOptions }] });
    expect(inputProblems({ ...valid, plan: { ...valid.plan, syncOptions: { Replace: 'true' }, groups: [task({ Prune: 'confirm' })] } })).toEqual([]);
    const problem = "plan.syncOptions and every task's syncOptions must map known sync option names to their values (README, Sync options)";
    expect(inputProblems({ ...valid, plan: { ...valid.plan, syncOptions: 'Replace=true' } })).toEqual([problem]);
    expect(inputProblems({ ...valid, plan: { ...valid.plan, groups: [task({ Replace: 'yes' })] } })).toEqual([problem]);
    expect(inputProblems({ ...valid, plan: { ...valid.plan, groups: [task({ Bogus: 'true' })] } })).toEqual([problem]);
  });

  test('something that is not an object at all', () => {
    expect(inputProblems(undefined)).toEqual(['the input must be one object (SyncInput)']);
    expect(inputProblems([valid])).toEqual(['the input must be one object (SyncInput)']);
  });
});
