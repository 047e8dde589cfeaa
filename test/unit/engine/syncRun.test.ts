// The pure state of one sync run (sync/syncRun.ts): result rows, failures, and which hooks go when
// the sync ends (DESIGN §6: HookSucceeded / HookFailed follow the hook's own outcome).
import { type KubeObject } from '../../../sync/manifest';
import { planSync, type PlanOptions } from '../../../sync/planSync';
import {
  applyUpdates, failedRows, failureMessage, hooksToDelete, impliedState, initialRows, rowFailed, rowsThatRan, runningHooks, splitGroups, stillPending,
  endedUpdates, runningHookTasks, withSyncFailFailures, dryRunFailureMessage,
  type ResourceRow, type TaskUpdate,
} from '../../../sync/syncRun';
import { type TaskState } from '../../../sync/taskState';
import { planTasks, taskKey, type SyncPlan, type SyncTask } from '../../../sync/types';
import { hookAnnotation, manifest } from '../sync/manifests';

/** An update as an activity would send it: the state it reached follows from its fields. */
function u(update: Omit<TaskUpdate, 'state'> & { state?: TaskState }): TaskUpdate {
  return { state: impliedState(update), ...update };
}

const options: PlanOptions = { syncId: 'sync-1', attempt: 0, defaultNamespace: 'apps' };

function hook(name: string, type: string, policy?: string, extra: Record<string, string> = {}) {
  const annotations: Record<string, string> = { ...hookAnnotation(type), ...extra };
  if (policy !== undefined) annotations['argocd.argoproj.io/hook-delete-policy'] = policy;
  return manifest('Job', name, { annotations });
}

function live(kind: string, name: string, annotations?: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind, metadata: { name, namespace: 'apps', ...(annotations ? { annotations } : {}) } };
}

function plan(manifests: ReturnType<typeof manifest>[], extra: Partial<PlanOptions> = {}): SyncPlan {
  const result = planSync(manifests, { ...options, ...extra });
  expect(result.problems).toEqual([]);
  return result.plan;
}

/** The task of `plan` for object `name` in `phase`. */
function task(p: SyncPlan, name: string, phase = 'Sync'): SyncTask {
  const found = planTasks(p).find((t) => t.ref.name === name && t.phase === phase);
  if (!found) throw new Error(`no ${phase} task for ${name}`);
  return found;
}

function key(p: SyncPlan, name: string, phase = 'Sync'): string {
  return taskKey(task(p, name, phase));
}

// A plan with every kind of row: hooks in three phases, resources in two waves, two SyncFail hooks
// in different waves, and one skipped prune.
const mixed = plan(
  [
    hook('migrate', 'PreSync', 'HookSucceeded'),
    manifest('ConfigMap', 'config'),
    manifest('Deployment', 'web', { annotations: { 'argocd.argoproj.io/sync-wave': '1' } }),
    hook('smoke', 'PostSync', 'HookFailed'),
    hook('notify', 'SyncFail', undefined, { 'argocd.argoproj.io/sync-wave': '0' }),
    hook('alert', 'SyncFail', undefined, { 'argocd.argoproj.io/sync-wave': '5' }),
  ],
  { prune: { enabled: false, live: [live('ConfigMap', 'old')] } },
);

describe('initialRows', () => {
  test('one row per task, keyed by taskKey, with identity, phase, wave and hook type and no status yet', () => {
    const rows = initialRows(mixed);
    const expected: Array<[string, ResourceRow]> = [
      [key(mixed, 'migrate', 'PreSync'), { group: 'batch', version: 'v1', kind: 'Job', namespace: 'apps', name: 'migrate', syncPhase: 'PreSync', wave: 0, hookType: 'PreSync', message: '', state: 'Pending', images: [] }],
      [key(mixed, 'config'), { group: '', version: 'v1', kind: 'ConfigMap', namespace: 'apps', name: 'config', syncPhase: 'Sync', wave: 0, hookType: '', message: '', state: 'Pending', images: [] }],
      [key(mixed, 'web'), { group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'apps', name: 'web', syncPhase: 'Sync', wave: 1, hookType: '', message: '', state: 'Pending', images: [] }],
      [key(mixed, 'smoke', 'PostSync'), { group: 'batch', version: 'v1', kind: 'Job', namespace: 'apps', name: 'smoke', syncPhase: 'PostSync', wave: 0, hookType: 'PostSync', message: '', state: 'Pending', images: [] }],
      [key(mixed, 'alert', 'SyncFail'), { group: 'batch', version: 'v1', kind: 'Job', namespace: 'apps', name: 'alert', syncPhase: 'SyncFail', wave: 5, hookType: 'SyncFail', message: '', state: 'Pending', images: [] }],
      [key(mixed, 'notify', 'SyncFail'), { group: 'batch', version: 'v1', kind: 'Job', namespace: 'apps', name: 'notify', syncPhase: 'SyncFail', wave: 0, hookType: 'SyncFail', message: '', state: 'Pending', images: [] }],
      ['skipped//ConfigMap/apps/old', { group: '', version: 'v1', kind: 'ConfigMap', namespace: 'apps', name: 'old', syncPhase: 'Sync', wave: 0, hookType: '', status: 'PruneSkipped', hookPhase: 'Succeeded', message: 'ignored (requires pruning)', state: 'PruneSkipped', images: [] }],
    ];
    expect([...rows.keys()].sort()).toEqual(expected.map(([k]) => k).sort());
    for (const [k, row] of expected) expect(rows.get(k)).toEqual(row);
  });

  test.each([
    { name: 'without --prune', prune: { enabled: false, live: [live('Secret', 'stale')] }, message: 'ignored (requires pruning)' },
    { name: 'with Prune=false', prune: { enabled: true, live: [live('Secret', 'stale', { 'argocd.argoproj.io/sync-options': 'Prune=false' })] }, message: 'ignored (no prune)' },
  ])('a skipped prune ($name) is a PruneSkipped row with Argo CD\'s message', ({ prune, message }) => {
    const rows = initialRows(plan([manifest('ConfigMap', 'keep')], { prune }));
    expect(rows.get('skipped//Secret/apps/stale')).toMatchObject({ kind: 'Secret', name: 'stale', status: 'PruneSkipped', message });
    expect(rows.size).toBe(2);
  });

  test('a workload\'s row carries the images of its pod template, init containers too', () => {
    const pod = { initContainers: [{ name: 'wait', image: 'busybox:1.36' }], containers: [{ name: 'web', image: 'web:1' }] };
    const p = plan([
      manifest('Deployment', 'web', { spec: { template: { spec: pod } } }),
      hook('migrate', 'PreSync', undefined, {}),
    ]);
    const rows = [...initialRows(p).values()];
    expect(rows.find((r) => r.name === 'web')?.images).toEqual(['web:1', 'busybox:1.36']);
    expect(rows.find((r) => r.name === 'migrate')?.images).toEqual([]);
  });

  test('a prune that runs has an ordinary row, not a PruneSkipped one', () => {
    const p = plan([], { prune: { enabled: true, live: [live('ConfigMap', 'gone')] } });
    const rows = initialRows(p);
    expect([...rows.values()]).toEqual([
      { group: '', version: 'v1', kind: 'ConfigMap', namespace: 'apps', name: 'gone', syncPhase: 'Sync', wave: 0, hookType: '', message: '', state: 'Pending', images: [] },
    ]);
  });

  test('a fixed-name hook with two phases has a row per phase', () => {
    const p = plan([hook('schema', 'PreSync,PostSync')]);
    expect([...initialRows(p).values()].map((r) => [r.syncPhase, r.name, r.hookType])).toEqual([
      ['PreSync', 'schema', 'PreSync'],
      ['PostSync', 'schema', 'PostSync'],
    ]);
  });
});

describe('applyUpdates', () => {
  const k = key(mixed, 'config');
  const cases: Array<{ name: string; updates: TaskUpdate[]; expected: Partial<ResourceRow> }> = [
    { name: 'sets the fields given', updates: [u({ key: k, status: 'Synced', message: 'configmap/config created' })], expected: { status: 'Synced', message: 'configmap/config created', state: 'Running' } },
    { name: 'later updates win', updates: [u({ key: k, status: 'Synced', health: 'Progressing' }), u({ key: k, health: 'Healthy', message: 'ok' })], expected: { status: 'Synced', health: 'Healthy', message: 'ok', state: 'Succeeded' } },
    { name: 'undefined fields leave the row alone', updates: [u({ key: k, status: 'Synced', message: 'first' }), u({ key: k, status: undefined, message: undefined, hookPhase: 'Running' })], expected: { status: 'Synced', message: 'first', hookPhase: 'Running', state: 'Running' } },
    { name: 'an empty message is a value and replaces the old one', updates: [u({ key: k, message: 'first' }), u({ key: k, message: '' })], expected: { message: '', state: 'Running' } },
  ];
  test.each(cases)('$name', ({ updates, expected }) => {
    const rows = initialRows(mixed);
    applyUpdates(rows, updates);
    expect(rows.get(k)).toEqual({ ...initialRows(mixed).get(k), ...expected });
  });

  test('an update for an unknown key is ignored and creates no row', () => {
    const rows = initialRows(mixed);
    const before = JSON.stringify([...rows]);
    applyUpdates(rows, [u({ key: 'Sync//ConfigMap/apps/nope', status: 'Synced' })]);
    expect(JSON.stringify([...rows])).toBe(before);
  });

  test('the update\'s key is not copied into the row, and other rows are untouched', () => {
    const rows = initialRows(mixed);
    applyUpdates(rows, [u({ key: k, status: 'SyncFailed' })]);
    expect(rows.get(k)).toMatchObject({ kind: 'ConfigMap', name: 'config', status: 'SyncFailed' });
    expect(rows.get(k)).not.toHaveProperty('key');
    expect(rows.get(key(mixed, 'web'))).toEqual(initialRows(mixed).get(key(mixed, 'web')));
  });
});

describe('rowFailed', () => {
  const base = initialRows(mixed).get(key(mixed, 'config'))!;
  test.each<{ state: TaskState; failed: boolean }>([
    { state: 'Pending', failed: false },
    { state: 'Running', failed: false },
    { state: 'Succeeded', failed: false },
    { state: 'Failed', failed: true },
    { state: 'Pruned', failed: false },
    { state: 'PruneSkipped', failed: false },
  ])('$state -> failed: $failed', ({ state, failed }) => {
    expect(rowFailed({ ...base, state })).toBe(failed);
  });
});

describe('the task state machine in applyUpdates', () => {
  const k = key(mixed, 'config');
  test.each<{ name: string; updates: TaskUpdate[]; state: TaskState; message: string }>([
    { name: 'Pending -> Running -> Succeeded', updates: [u({ key: k, state: 'Running', message: 'applied' }), u({ key: k, state: 'Succeeded', message: 'healthy' })], state: 'Succeeded', message: 'healthy' },
    { name: 'refused at apply: Pending -> Failed', updates: [u({ key: k, state: 'Failed', status: 'SyncFailed', message: 'invalid' })], state: 'Failed', message: 'invalid' },
    { name: 'a final state never changes: a late Running report is ignored', updates: [u({ key: k, state: 'Running', message: 'a' }), u({ key: k, state: 'Failed', message: 'b' }), u({ key: k, state: 'Running', message: 'c' })], state: 'Failed', message: 'b' },
    { name: 'a repeated final report is ignored too', updates: [u({ key: k, state: 'Running', message: 'a' }), u({ key: k, state: 'Succeeded', message: 'b' }), u({ key: k, state: 'Succeeded', message: 'c' })], state: 'Succeeded', message: 'b' },
    { name: 'a prune waits for deletion: Pending -> Running -> Pruned', updates: [u({ key: k, state: 'Running', status: 'Pruned', message: 'pruned' }), u({ key: k, state: 'Pruned', message: 'pruned' })], state: 'Pruned', message: 'pruned' },
    { name: 'a prune hooksync refuses (a namespace holding others): Pending -> PruneSkipped', updates: [u({ key: k, state: 'PruneSkipped', message: 'ignored (...)' }), u({ key: k, state: 'Running', message: 'x' })], state: 'PruneSkipped', message: 'ignored (...)' },
    { name: 'Pruned is final', updates: [u({ key: k, state: 'Pruned', message: 'pruned' }), u({ key: k, state: 'Running', message: 'x' })], state: 'Pruned', message: 'pruned' },
  ])('$name', ({ updates, state, message }) => {
    const rows = initialRows(mixed);
    applyUpdates(rows, updates);
    expect(rows.get(k)).toMatchObject({ state, message });
  });
});

describe('failedRows', () => {
  test('returns the failed rows of one group only, in task order', () => {
    const p = plan([manifest('ConfigMap', 'a'), manifest('ConfigMap', 'b'), manifest('ConfigMap', 'c'), hook('pre', 'PreSync')]);
    const rows = initialRows(p);
    applyUpdates(rows, [
      u({ key: key(p, 'c'), status: 'SyncFailed', message: 'invalid' }),
      u({ key: key(p, 'b'), status: 'Synced' }),
      u({ key: key(p, 'a'), status: 'Synced', hookPhase: 'Failed' }),
      u({ key: key(p, 'pre', 'PreSync'), status: 'SyncFailed' }),
    ]);
    const syncGroup = p.groups.find((g) => g.phase === 'Sync')!;
    expect(failedRows(rows, syncGroup).map((r) => r.name)).toEqual(['a', 'c']);
    expect(failedRows(rows, p.groups[0]).map((r) => r.name)).toEqual(['pre']);
  });

  test('a group with no failures gives an empty list', () => {
    const rows = initialRows(mixed);
    for (const group of mixed.groups) expect(failedRows(rows, group)).toEqual([]);
  });
});

describe('stillPending', () => {
  const tasks = planTasks(plan([manifest('ConfigMap', 'a'), manifest('ConfigMap', 'b'), manifest('ConfigMap', 'c')]));
  const names = (ts: SyncTask[]) => ts.map((t) => t.ref.name);

  test('C-c the tasks that did not report stay waited for, in order', () => {
    expect(names(stillPending(tasks, [u({ key: taskKey(tasks[1]), health: 'Healthy' })]))).toEqual(['a', 'c']);
  });
  test('nothing left once all reported', () => {
    expect(stillPending(tasks, tasks.map((t) => (u({ key: taskKey(t) }))))).toEqual([]);
  });
  test('an update for a task not waited for changes nothing', () => {
    expect(names(stillPending(tasks.slice(0, 2), [u({ key: taskKey(tasks[2]) })]))).toEqual(['a', 'b']);
  });
});

describe('splitGroups', () => {
  test('SyncFail groups are split off; the others keep plan order', () => {
    const { main, onFailure } = splitGroups(mixed);
    expect(main.map((g) => `${g.phase}/${g.wave}`)).toEqual(['PreSync/0', 'Sync/0', 'Sync/1', 'PostSync/0']);
    expect(onFailure.map((g) => g.phase)).toEqual(['SyncFail']);
  });

  test('every SyncFail hook is in the one SyncFail group, whatever its wave', () => {
    const { onFailure } = splitGroups(mixed);
    expect(onFailure[0].tasks.map((t) => `${t.ref.name}/${t.wave}`)).toEqual(['notify/0', 'alert/5']);
  });

  test('a plan without SyncFail hooks has no failure groups', () => {
    const { main, onFailure } = splitGroups(plan([manifest('ConfigMap', 'a')]));
    expect(main).toHaveLength(1);
    expect(onFailure).toEqual([]);
  });
});

describe('hooksToDelete', () => {
  interface Case {
    name: string;
    policy: string | undefined;
    hookPhase: ResourceRow['hookPhase'] | undefined;
    deleted: boolean;
  }
  const cases: Case[] = [
    { name: 'HookSucceeded, hook succeeded', policy: 'HookSucceeded', hookPhase: 'Succeeded', deleted: true },
    { name: 'HookSucceeded, hook failed', policy: 'HookSucceeded', hookPhase: 'Failed', deleted: false },
    { name: 'HookSucceeded, hook errored', policy: 'HookSucceeded', hookPhase: 'Error', deleted: false },
    { name: 'HookFailed, hook failed', policy: 'HookFailed', hookPhase: 'Failed', deleted: true },
    { name: 'HookFailed, hook errored', policy: 'HookFailed', hookPhase: 'Error', deleted: true },
    { name: 'HookFailed, hook succeeded', policy: 'HookFailed', hookPhase: 'Succeeded', deleted: false },
    { name: 'both, hook succeeded', policy: 'HookSucceeded,HookFailed', hookPhase: 'Succeeded', deleted: true },
    { name: 'both, hook failed', policy: 'HookSucceeded,HookFailed', hookPhase: 'Failed', deleted: true },
    { name: 'HookSucceeded, hook still Running', policy: 'HookSucceeded', hookPhase: 'Running', deleted: false },
    { name: 'HookFailed, hook still Running', policy: 'HookFailed', hookPhase: 'Running', deleted: false },
    { name: 'HookSucceeded, hook never ran', policy: 'HookSucceeded', hookPhase: undefined, deleted: false },
    { name: 'HookFailed, hook never ran', policy: 'HookFailed', hookPhase: undefined, deleted: false },
    { name: 'BeforeHookCreation, hook succeeded', policy: 'BeforeHookCreation', hookPhase: 'Succeeded', deleted: false },
    { name: 'BeforeHookCreation, hook failed', policy: 'BeforeHookCreation', hookPhase: 'Failed', deleted: false },
    { name: 'default policy (BeforeHookCreation), hook succeeded', policy: undefined, hookPhase: 'Succeeded', deleted: false },
  ];
  test.each(cases)('$name -> deleted: $deleted', ({ policy, hookPhase, deleted }) => {
    const p = plan([hook('h', 'PreSync', policy)]);
    const rows = initialRows(p);
    applyUpdates(rows, [u({ key: key(p, 'h', 'PreSync'), status: 'Synced', hookPhase })]);
    expect(hooksToDelete(p, rows)).toEqual(deleted ? [task(p, 'h', 'PreSync').ref] : []);
  });

  test('a hook that could not be created (SyncFailed, no hook phase) has nothing to delete', () => {
    const p = plan([hook('h', 'PreSync', 'HookSucceeded,HookFailed')]);
    const rows = initialRows(p);
    applyUpdates(rows, [u({ key: key(p, 'h', 'PreSync'), status: 'SyncFailed', message: 'forbidden' })]);
    expect(hooksToDelete(p, rows)).toEqual([]);
  });

  test('a hook refused at the write (a leftover of an earlier sync: SyncFailed, Failed) is not deleted by HookFailed', () => {
    const p = plan([hook('h', 'PreSync', 'HookFailed')]);
    const rows = initialRows(p);
    applyUpdates(rows, [{ key: key(p, 'h', 'PreSync'), state: 'Failed', status: 'SyncFailed', hookPhase: 'Failed', message: 'already exists from an earlier sync' }]);
    expect(hooksToDelete(p, rows)).toEqual([]);
  });

  test('the Helm delete policy counts like the Argo CD one', () => {
    const m = manifest('Job', 'h', { annotations: { 'helm.sh/hook': 'pre-install', 'helm.sh/hook-delete-policy': 'hook-succeeded' } });
    const p = plan([m]);
    const rows = initialRows(p);
    applyUpdates(rows, [u({ key: key(p, 'h', 'PreSync'), status: 'Synced', hookPhase: 'Succeeded' })]);
    expect(hooksToDelete(p, rows)).toEqual([{ group: 'batch', version: 'v1', kind: 'Job', namespace: 'apps', name: 'h' }]);
  });

  test('each hook follows its own outcome, not the outcome of the sync; resources are never listed', () => {
    const rows = initialRows(mixed);
    applyUpdates(rows, [
      u({ key: key(mixed, 'migrate', 'PreSync'), status: 'Synced', hookPhase: 'Succeeded' }),
      u({ key: key(mixed, 'config'), status: 'Synced', hookPhase: 'Failed', health: 'Degraded' }),
      // the sync failed in Sync wave 0: PostSync never ran; the SyncFail hooks ran and failed
      u({ key: key(mixed, 'notify', 'SyncFail'), status: 'Synced', hookPhase: 'Failed' }),
      u({ key: key(mixed, 'alert', 'SyncFail'), status: 'Synced', hookPhase: 'Failed' }),
    ]);
    // migrate (HookSucceeded) succeeded although the sync failed; notify/alert have the default
    // BeforeHookCreation; smoke (HookFailed) never ran.
    expect(hooksToDelete(mixed, rows).map((r) => r.name)).toEqual(['migrate']);
  });

  test('hooks come back in plan order', () => {
    const p = plan([hook('b', 'PostSync', 'HookSucceeded'), hook('a', 'PreSync', 'HookSucceeded'), hook('c', 'SyncFail', 'HookFailed')]);
    const rows = initialRows(p);
    applyUpdates(rows, [
      u({ key: key(p, 'b', 'PostSync'), status: 'Synced', hookPhase: 'Succeeded' }),
      u({ key: key(p, 'a', 'PreSync'), status: 'Synced', hookPhase: 'Succeeded' }),
      u({ key: key(p, 'c', 'SyncFail'), status: 'Synced', hookPhase: 'Failed' }),
    ]);
    expect(hooksToDelete(p, rows).map((r) => r.name)).toEqual(['a', 'b', 'c']);
  });

  test('a generated hook name is the one deleted', () => {
    const p = plan([manifest('Job', '', { generateName: 'seed-', annotations: { ...hookAnnotation('PreSync'), 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded' } })]);
    const [t] = planTasks(p);
    const rows = initialRows(p);
    applyUpdates(rows, [u({ key: taskKey(t), status: 'Synced', hookPhase: 'Succeeded' })]);
    expect(hooksToDelete(p, rows).map((r) => r.name)).toEqual([expect.stringMatching(/^seed-presync-[0-9a-z]{8}$/)]);
  });
});

describe('rowsThatRan', () => {
  test('only rows with a status: tasks never started (SyncFail of a successful sync, groups after a failure) are left out', () => {
    const rows = initialRows(mixed);
    applyUpdates(rows, [
      u({ key: key(mixed, 'migrate', 'PreSync'), status: 'Synced', hookPhase: 'Succeeded' }),
      u({ key: key(mixed, 'config'), status: 'Synced', health: 'Healthy' }),
      u({ key: key(mixed, 'web'), status: 'Synced', health: 'Healthy' }),
      u({ key: key(mixed, 'smoke', 'PostSync'), status: 'Synced', hookPhase: 'Succeeded' }),
    ]);
    expect(rowsThatRan(rows).map((r) => `${r.syncPhase} ${r.name} ${r.status}`)).toEqual([
      'PreSync migrate Synced',
      'Sync config Synced',
      'Sync web Synced',
      'PostSync smoke Synced',
      'Sync old PruneSkipped',
    ]);
  });

  test('a skipped prune is reported even when nothing ran', () => {
    expect(rowsThatRan(initialRows(mixed)).map((r) => r.name)).toEqual(['old']);
  });
});

describe('failureMessage', () => {
  const row = (change: Partial<ResourceRow>): ResourceRow => ({
    group: 'batch', version: 'v1', kind: 'Job', namespace: 'apps', name: 'migrate', syncPhase: 'PreSync', wave: -1, hookType: 'PreSync', message: 'BackoffLimitExceeded', state: 'Failed', ...change,
  });
  test.each<[string, ResourceRow[], string]>([
    ['one namespaced row', [row({})], 'PreSync wave -1: Job apps/migrate failed: BackoffLimitExceeded'],
    ['a cluster-scoped row has no namespace prefix', [row({ kind: 'ClusterRole', namespace: '', name: 'r', syncPhase: 'Sync', wave: 0, message: 'forbidden' })], 'Sync wave 0: ClusterRole r failed: forbidden'],
    ['two rows name the first and count the other', [row({}), row({ name: 'other' })], 'PreSync wave -1: Job apps/migrate failed: BackoffLimitExceeded (and 1 more)'],
    ['three rows', [row({}), row({ name: 'b' }), row({ name: 'c' })], 'PreSync wave -1: Job apps/migrate failed: BackoffLimitExceeded (and 2 more)'],
  ])('%s', (_name, rows, expected) => {
    expect(failureMessage(rows)).toBe(expected);
  });
});

describe('terminate (§6.3)', () => {
  const p = plan([hook('done', 'PreSync'), hook('busy', 'PreSync'), manifest('ConfigMap', 'waiting'), manifest('ConfigMap', 'not-started')]);
  const rows = () => {
    const r = initialRows(p);
    applyUpdates(r, [
      u({ key: key(p, 'done', 'PreSync'), state: 'Running', status: 'Synced' }), u({ key: key(p, 'done', 'PreSync'), hookPhase: 'Succeeded' }),
      u({ key: key(p, 'busy', 'PreSync'), state: 'Running', status: 'Synced', hookPhase: 'Running' }),
      u({ key: key(p, 'waiting'), state: 'Running', status: 'Synced' }),
    ]);
    return r;
  };

  test('runningHooks: only hooks created and not finished', () => {
    expect(runningHooks(p, rows()).map((r) => r.name)).toEqual(['busy']);
  });

  test('endedUpdates ends every running task, hooks and resources, and nothing else', () => {
    const r = rows();
    applyUpdates(r, endedUpdates(r, 'Terminated', 'the sync was terminated while waiting'));
    expect([...r.values()].map((row) => [row.name, row.state, row.hookPhase, row.message])).toEqual(expect.arrayContaining([
      ['done', 'Succeeded', 'Succeeded', ''],
      // Argo CD's row of a hook it stopped: Failed, "Terminated"; a resource keeps its phase.
      ['busy', 'Failed', 'Failed', 'Terminated'],
      ['waiting', 'Failed', undefined, 'the sync was terminated while waiting'],
      ['not-started', 'Pending', undefined, ''],
    ]));
  });

  test('runningHookTasks: the tasks of the running hooks, for terminateHooks', () => {
    expect(runningHookTasks(p, rows()).map((t) => [t.ref.name, t.phase])).toEqual([['busy', 'PreSync']]);
  });
});

describe('withSyncFailFailures (spec §6.1, §8.3)', () => {
  const p = plan([hook('refused', 'SyncFail'), hook('ran-and-failed', 'SyncFail'), manifest('ConfigMap', 'cm')]);
  test('SyncFail hooks the API server refused are appended on a line of their own', () => {
    const r = initialRows(p);
    applyUpdates(r, [
      { key: key(p, 'refused', 'SyncFail'), state: 'Failed', status: 'SyncFailed', hookPhase: 'Failed', message: 'Job.batch "refused" is invalid' },
      { key: key(p, 'ran-and-failed', 'SyncFail'), state: 'Failed', status: 'Synced', hookPhase: 'Failed', message: 'BackoffLimitExceeded' },
    ]);
    expect(withSyncFailFailures('Sync wave 0: x failed', r)).toBe('Sync wave 0: x failed\none or more SyncFail hooks failed, reason: Job.batch "refused" is invalid');
  });
  test('a SyncFail hook that ran and failed adds nothing (its row says why)', () => {
    const r = initialRows(p);
    applyUpdates(r, [{ key: key(p, 'ran-and-failed', 'SyncFail'), state: 'Failed', status: 'Synced', hookPhase: 'Failed', message: 'BackoffLimitExceeded' }]);
    expect(withSyncFailFailures('m', r)).toBe('m');
  });
});

describe('dryRunFailureMessage (spec §3.5 step 2)', () => {
  test("Argo CD's words, then file:line, object and the server's reason of each refusal", () => {
    const p = plan([manifest('ConfigMap', 'bad'), manifest('ConfigMap', 'worse')]);
    const message = dryRunFailureMessage(p, [
      { key: key(p, 'bad'), state: 'Failed', message: 'dry run: .data.x: field not declared in schema' },
      { key: key(p, 'worse'), state: 'Failed', message: 'dry run: forbidden' },
    ]);
    expect(message).toMatch(/^one or more objects failed to apply \(dry run\), reason: /);
    expect(message).toContain('ConfigMap apps/bad: dry run: .data.x: field not declared in schema');
    expect(message).toContain('ConfigMap apps/worse: dry run: forbidden');
    expect(message).toMatch(/\(document \d+\): ConfigMap apps\/bad/);
  });
});
