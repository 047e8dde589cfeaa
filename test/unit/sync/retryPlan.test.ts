import { planSync, type PlanOptions } from '../../../sync/planSync';
import { groupId, planRetry, renamed, retryInput } from '../../../sync/retryPlan';
import { initialRows, rowsThatRan, type ResourceRow, type SyncResult } from '../../../sync/syncRun';
import { planTasks, type SyncPlan } from '../../../sync/types';
import { hookAnnotation, manifest } from './manifests';

const options: PlanOptions = { syncId: 's1', attempt: 0, defaultNamespace: 'apps' };
const wave = (n: number) => ({ 'argocd.argoproj.io/sync-wave': String(n) });

/** PreSync: a generated hook (wave 0); Sync: a ConfigMap (wave 0), a Deployment (wave 1); PostSync: a generated hook; SyncFail: a fixed hook. */
const manifests = [
  manifest('Job', '', { generateName: 'migrate-', annotations: hookAnnotation('PreSync') }),
  manifest('ConfigMap', 'settings'),
  manifest('Deployment', 'web', { annotations: wave(1) }),
  manifest('Job', '', { generateName: 'smoke-', annotations: hookAnnotation('PostSync') }),
  manifest('Job', 'alert', { annotations: hookAnnotation('SyncFail') }),
];

function referencePlan(attempt = 0): SyncPlan {
  const { plan, problems } = planSync(manifests, { ...options, attempt });
  expect(problems).toEqual([]);
  return plan;
}

/** A finished attempt's result: rows of `plan` with the given state per group id, the rest never ran. */
function resultOf(plan: SyncPlan, states: Record<string, ResourceRow['state']>, attempt = 0): SyncResult {
  const rows = initialRows(plan);
  for (const row of rows.values()) row.state = states[groupId({ phase: row.syncPhase, wave: row.wave })] ?? 'Pending';
  return { syncId: 's1', app: 'a', cluster: 'c', attempt, phase: 'Failed', message: 'x', resources: rowsThatRan(rows) };
}

describe('retry: what carries over', () => {
  test('renaming for the first attempt gives the names planning gave, and for attempt 2 the names planning for attempt 2 gives', () => {
    const first = planTasks(referencePlan(0));
    const second = planTasks(referencePlan(2));
    expect(first.map((t) => renamed(t, { syncId: 's1', attempt: 0 }).ref.name)).toEqual(first.map((t) => t.ref.name));
    expect(first.map((t) => renamed(t, { syncId: 's1', attempt: 2 }))).toEqual(second);
  });

  test('a hook with neither name nor generateName keeps its name in a retry, as planning the retry\'s attempt gives it', () => {
    const unnamed = manifest('Job', '', { annotations: hookAnnotation('PreSync') });
    const [task] = planTasks(planSync([unnamed], options).plan);
    const [planned] = planTasks(planSync([unnamed], { ...options, attempt: 1 }).plan);
    expect(renamed(task, { syncId: 's1', attempt: 1 })).toEqual(task);
    expect(planned.ref.name).toBe(task.ref.name);
  });

  test('groups whose every row succeeded are carried; a failed group, the ones after it and SyncFail are not', () => {
    const retry = retryInput(resultOf(referencePlan(), { 'PreSync wave 0': 'Succeeded', 'Sync wave 0': 'Failed', 'SyncFail wave 0': 'Succeeded' }));
    expect(retry.fromAttempt).toBe(0);
    expect(retry.succeededGroups).toEqual(['PreSync wave 0']);
    expect(retry.carriedRows.map((r) => [r.kind, r.carriedFrom])).toEqual([['Job', 0]]);
  });

  test('the retry skips the leading succeeded groups and renames the hooks of every group it runs', () => {
    const plan = referencePlan();
    const retry = planRetry(plan, retryInput(resultOf(plan, { 'PreSync wave 0': 'Succeeded', 'Sync wave 0': 'Succeeded', 'Sync wave 1': 'Failed' })), { syncId: 's1', attempt: 1 });
    expect([...retry.skipped]).toEqual(['PreSync wave 0', 'Sync wave 0']);
    const names = planTasks(retry.plan).map((t) => t.ref.name);
    const before = planTasks(plan).map((t) => t.ref.name);
    // The skipped PreSync hook keeps its name (it is not run); the PostSync hook is new; fixed names stay.
    expect(names[0]).toBe(before[0]);
    expect(names[3]).toMatch(/^smoke-postsync-a1-/);
    expect(names.filter((n, i) => n !== before[i])).toEqual([names[3]]);
  });

  test('a group that succeeded after a failed one is run again: it may depend on what failed', () => {
    const plan = referencePlan();
    const retry = planRetry(plan, { fromAttempt: 0, succeededGroups: ['Sync wave 0'], carriedRows: [] }, { syncId: 's1', attempt: 1 });
    expect(retry.skipped.size).toBe(0);
  });

  test('the retry shows carried rows in place of the skipped tasks, marked with their attempt; the rest start Pending', () => {
    const plan = referencePlan();
    const retry = planRetry(plan, retryInput(resultOf(plan, { 'PreSync wave 0': 'Succeeded', 'Sync wave 0': 'Failed' })), { syncId: 's1', attempt: 1 });
    const rows = [...initialRows(retry.plan, retry).values()];
    expect(rows.map((r) => [r.kind, r.name.replace(/-[0-9a-z]{8}$/, ''), r.state, r.carriedFrom])).toEqual([
      ['Job', 'migrate-presync', 'Succeeded', 0],
      ['ConfigMap', 'settings', 'Pending', undefined],
      ['Deployment', 'web', 'Pending', undefined],
      ['Job', 'smoke-postsync-a1', 'Pending', undefined],
      ['Job', 'alert', 'Pending', undefined],
    ]);
  });

  test('a second retry carries what the first retry carried and what it ran', () => {
    const plan = referencePlan();
    const first = planRetry(plan, retryInput(resultOf(plan, { 'PreSync wave 0': 'Succeeded', 'Sync wave 0': 'Failed' })), { syncId: 's1', attempt: 1 });
    const rows = initialRows(first.plan, first);
    for (const row of rows.values()) if (row.syncPhase === 'Sync' && row.wave === 0) row.state = 'Succeeded';
    for (const row of rows.values()) if (row.syncPhase === 'Sync' && row.wave === 1) row.state = 'Failed';
    const second = retryInput({ syncId: 's1', app: 'a', cluster: 'c', attempt: 1, phase: 'Failed', message: '', resources: rowsThatRan(rows) });
    expect(second.succeededGroups).toEqual(['PreSync wave 0', 'Sync wave 0']);
    expect(second.carriedRows.map((r) => [r.kind, r.carriedFrom])).toEqual([['Job', 0], ['ConfigMap', 1]]);
  });
});
