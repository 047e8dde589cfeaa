// `hooksync retry`: a failed sync continues as a new attempt (DESIGN §4). The groups that
// succeeded before are not run again; the failed group and every group after it are, and their
// generated hook names are made for the new attempt, so its hooks are new objects and the failed
// attempt's hooks stay for inspection until their own delete policy removes them. Pure, so that
// the client (which chooses what to carry) and the workflow (which skips) agree by construction.
import { hookName, manifestIdentity } from './hookName';
import { type SyncGroup, type SyncPlan, type SyncTask, type TaskPhase } from './types';
import type { ResourceRow, SyncResult } from './syncRun';

/** What a retry carries from the attempt before it. */
export interface RetryInput {
  /** The attempt being retried. */
  fromAttempt: number;
  /** Groups (`groupId`) whose every task ended Succeeded or Pruned. */
  succeededGroups: string[];
  /** The rows of those groups, shown in the new attempt's result as they ended. */
  carriedRows: ResourceRow[];
}

/** A group's identity across attempts: one group per (phase, wave) (groupTasks.ts). */
export function groupId(group: { phase: TaskPhase; wave: number }): string {
  return `${group.phase} wave ${group.wave}`;
}

const DONE_STATES: ReadonlySet<string> = new Set(['Succeeded', 'Pruned']);

/** Chosen by the client from the result of the attempt being retried. */
export function retryInput(previous: SyncResult): RetryInput {
  const byGroup = new Map<string, ResourceRow[]>();
  // PruneSkipped rows are reports about live objects, not tasks of any group.
  for (const row of previous.resources.filter((r) => r.state !== 'PruneSkipped')) {
    const id = groupId({ phase: row.syncPhase, wave: row.wave });
    const rows = byGroup.get(id) ?? [];
    byGroup.set(id, rows);
    rows.push(row);
  }
  const succeeded = [...byGroup].filter(([id, rows]) => !id.startsWith('SyncFail') && rows.every((r) => DONE_STATES.has(r.state)));
  return {
    fromAttempt: previous.attempt,
    succeededGroups: succeeded.map(([id]) => id),
    carriedRows: succeeded.flatMap(([, rows]) => rows.map((r) => ({ ...r, carriedFrom: r.carriedFrom ?? previous.attempt }))),
  };
}

export interface RetryPlan {
  plan: SyncPlan;
  /** Groups not run again: the leading groups of the plan that succeeded before. */
  skipped: Set<string>;
  /** Rows of the skipped groups as they ended in an earlier attempt. */
  carriedRows: ResourceRow[];
}

/**
 * The plan a retry runs: the leading run of groups that succeeded before is skipped (a group after
 * a re-run one always runs again: it may depend on it), every other group's generated hooks are
 * renamed for `attempt`. Without a retry the plan is returned as it is.
 */
export function planRetry(plan: SyncPlan, retry: RetryInput | undefined, naming: { syncId: string; attempt: number }): RetryPlan {
  if (!retry) return { plan, skipped: new Set(), carriedRows: [] };
  const skipped = leadingSucceeded(plan.groups, new Set(retry.succeededGroups));
  const groups = plan.groups.map((g) => (skipped.has(groupId(g)) ? g : { ...g, tasks: g.tasks.map((t) => renamed(t, naming)) }));
  const carriedRows = retry.carriedRows.filter((r) => skipped.has(groupId({ phase: r.syncPhase, wave: r.wave })));
  return { plan: { ...plan, groups }, skipped, carriedRows };
}

function leadingSucceeded(groups: readonly SyncGroup[], succeeded: ReadonlySet<string>): Set<string> {
  const skipped = new Set<string>();
  for (const group of groups.filter((g) => g.phase !== 'SyncFail')) {
    if (!succeeded.has(groupId(group))) break;
    skipped.add(groupId(group));
  }
  return skipped;
}

/** A hook named from generateName gets the name planning would give it in this attempt. */
export function renamed(task: SyncTask, { syncId, attempt }: { syncId: string; attempt: number }): SyncTask {
  if (!task.generatedName || task.generateName === undefined || task.source === undefined) return task;
  const { generateName, source, phase } = task;
  const manifest = { source, object: { ...task.object, metadata: { ...task.object.metadata, generateName } } };
  const name = hookName({ syncId, attempt, phase, generateName, identity: manifestIdentity(manifest, task.ref.namespace) });
  return { ...task, ref: { ...task.ref, name }, object: { ...task.object, metadata: { ...task.object.metadata, name } } };
}

/** Where a retry starts, for the UI and the CLI: `resuming at Sync wave 1 (2 group(s) carried over)`. */
export function describeRetry(retry: RetryPlan): string {
  const first = retry.plan.groups.find((g) => !retry.skipped.has(groupId(g)) && g.phase !== 'SyncFail');
  if (!first) return 'every group succeeded before; nothing to run again';
  return `resuming at ${groupId(first)} (${retry.skipped.size} group(s) carried over)`;
}
