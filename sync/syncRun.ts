// The state of one sync run as the workflow holds it: one small result row per task, and the
// decisions that follow from them (did a group fail, which hooks go when the sync ends). Pure, so
// that the workflow stays a short loop and every decision is unit-tested.
import { type HookPhase } from './health';
import type { AutoRetry, RetryWait } from './autoRetry';
import type { LiveKind } from './inventory';
import { objectKey } from './objectRef';
import { podImages } from './podImages';
import { describeObject, formatSource } from './problems';
import { groupId, type RetryInput, type RetryPlan } from './retryPlan';
import { canMove, type TaskState } from './taskState';
import type { WaitingReason } from './waitingReason';
import { isHook, taskKey, type DeletePolicy, type ObjectRef, type SyncGroup, type SyncPlan, type TaskPhase, type SyncTask } from './types';
import type { WaveDelayPause } from './waveDelay';

/** Argo CD's per-resource sync status (spec §8.2). */
export const RESULT_STATUSES = ['Synced', 'SyncFailed', 'Pruned', 'PruneSkipped'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

/** How a whole sync ended (DESIGN §3). */
export const SYNC_OUTCOMES = ['Running', 'Succeeded', 'Failed', 'Error', 'Terminated'] as const;
export type SyncOutcome = (typeof SYNC_OUTCOMES)[number];

export interface SyncInput {
  syncId: string;
  app: string;
  cluster: string;
  /** 0 for the first run, +1 per retry. */
  attempt: number;
  plan: SyncPlan;
  /** `--prune`: delete live objects of the app that the manifests no longer have. */
  prune: boolean;
  /**
   * `--prune` of a selective sync (plan.selection): only live objects the selectors pick are pruned.
   * Such a sync sends `prune: false`, so that a worker older than selective sync, which cannot see
   * the selection, prunes nothing instead of every object the selection left out.
   */
  selectivePrune?: boolean;
  /** `--timeout`: the groups before SyncFail must be done within this many seconds. */
  timeoutSeconds?: number;
  /**
   * `--wave-delay`: a durable pause of this many seconds between two groups the sync runs (none
   * before the first, none before SyncFail hooks); absent or 0, none (waveDelay.ts).
   */
  waveDelaySeconds?: number;
  /** Set by `hooksync retry`: what the attempt before this one already did (retryPlan.ts). */
  retry?: RetryInput;
  /**
   * The kinds the app may have live objects of, from its last completed sync's result (inventory.ts);
   * absent when unknown. A --prune sync lists only these and the plan's kinds.
   */
  inventory?: LiveKind[];
  /** `--retry-limit` and the backoff flags, and how far the retries have got (autoRetry.ts). */
  autoRetry?: AutoRetry;
  /** `--sync-option` values for the whole sync; only `Prune=confirm` is read here (pruneConfirm.ts). */
  syncOptions?: string[];
  /** An earlier attempt of this sync had its prunes confirmed (`hooksync confirm`): a retry asks no more. */
  pruneConfirmed?: boolean;
}

/** One row of the result, with the fields of Argo CD's `syncResult.resources[]`. */
export interface ResourceRow {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  syncPhase: TaskPhase;
  wave: number;
  hookType: string;
  status?: ResultStatus;
  hookPhase?: HookPhase;
  health?: string;
  message: string;
  /** Where the task stands in its life (taskState.ts); an extension of Argo CD's fields. */
  state: TaskState;
  /** Set on a row a retry carried over: the attempt that ran the task. Nothing more is done to it. */
  carriedFrom?: number;
  /**
   * The container images of the object's pod spec (podImages.ts), Argo CD's `images`; [] for a kind
   * that runs no pods and for prunes. Absent only on rows of syncs that ran before images existed.
   */
  images?: string[];
}

/** What an activity reports for one task: the state it reached, with status, hook phase, health, message. */
export interface TaskUpdate {
  key: string;
  state: TaskState;
  status?: ResultStatus;
  hookPhase?: HookPhase;
  health?: string;
  message?: string;
}

export interface SyncResult {
  syncId: string;
  app: string;
  cluster: string;
  attempt: number;
  phase: SyncOutcome;
  message: string;
  resources: ResourceRow[];
  /** The inventory this sync leaves for the next one (inventory.ts); absent when unknown. */
  inventory?: LiveKind[];
  /**
   * A retry's first message (`retry of attempt 0: resuming at PreSync wave 0 (…)`), kept after
   * `message` moves on, so that a watcher who first sees the attempt at its end can still say where
   * it resumed.
   */
  retryStart?: string;
  /** In the state query only, while a `--wave-delay` pause runs (waveDelay.ts). */
  pause?: WaveDelayPause;
  /** In the state query only, while the sync waits between attempts (autoRetry.ts). */
  retryWait?: RetryWait;
  /** In the state query only: what the workflow itself waits for (a prune's confirmation). */
  waitingFor?: WaitingReason[];
}

/**
 * A Pending row per task, in plan order. A retry's skipped groups show the rows they ended with
 * instead, under keys no task has, so that nothing the sync does later can touch them.
 */
export function initialRows(plan: SyncPlan, retry: Pick<RetryPlan, 'skipped' | 'carriedRows'> = NO_RETRY): Map<string, ResourceRow> {
  const rows = new Map<string, ResourceRow>();
  for (const group of plan.groups) {
    if (!retry.skipped.has(groupId(group))) for (const task of group.tasks) rows.set(taskKey(task), initialRow(task));
    else for (const row of retry.carriedRows.filter((r) => r.syncPhase === group.phase && r.wave === group.wave)) rows.set(carriedKey(row), row);
  }
  for (const skipped of plan.skippedPrunes) {
    rows.set(`skipped/${objectKey(skipped.ref)}`, {
      ...skipped.ref, syncPhase: 'Sync', wave: 0, hookType: '', status: 'PruneSkipped', hookPhase: 'Succeeded', message: skipped.message, state: 'PruneSkipped', images: [],
    });
  }
  return rows;
}

const NO_RETRY = { skipped: new Set<string>(), carriedRows: [] };

function carriedKey(row: ResourceRow): string {
  return `carried/${row.syncPhase}/${row.group}/${row.kind}/${row.namespace}/${row.name}`;
}

function initialRow(task: SyncTask): ResourceRow {
  const hookType = isHook(task) ? task.phase : '';
  return { ...task.ref, syncPhase: task.phase, wave: task.wave, hookType, message: '', state: 'Pending', images: podImages(task.object) };
}

/** Applies each update whose state may follow the row's (taskState.ts); others are ignored. */
export function applyUpdates(rows: Map<string, ResourceRow>, updates: readonly TaskUpdate[]): void {
  for (const update of updates) {
    const { key, ...change } = { ...update, state: update.state ?? impliedState(update) };
    const row = rows.get(key);
    if (!row || !canMove(row.state, change.state)) continue;
    for (const [field, value] of Object.entries(change)) if (value !== undefined) Object.assign(row, { [field]: value });
  }
}

/**
 * The rows a finished sync reports: tasks that ran, as in Argo CD's syncResult. SyncFail hooks of
 * a sync that succeeded, and groups after a failure, never ran and are left out.
 */
export function rowsThatRan(rows: Map<string, ResourceRow>): ResourceRow[] {
  return [...rows.values()].filter((row) => row.state !== 'Pending');
}

/**
 * The state a report implies by its fields. Activities name their state; reports recorded in
 * histories from before states existed (hooksync 0.1 during this issue) do not, and a sync that
 * was running then must replay and go on the same way.
 */
export function impliedState(update: Omit<TaskUpdate, 'state'>): TaskState {
  const { status, hookPhase, health } = update;
  if (status === 'SyncFailed' || hookPhase === 'Failed' || hookPhase === 'Error' || health === 'Degraded' || health === 'Missing') return 'Failed';
  if (status === 'Pruned') return 'Pruned';
  if (hookPhase === 'Succeeded' || health === 'Healthy') return 'Succeeded';
  return 'Running';
}

export function rowFailed(row: ResourceRow): boolean {
  return row.state === 'Failed';
}

export function failedRows(rows: Map<string, ResourceRow>, group: SyncGroup): ResourceRow[] {
  return group.tasks.map((t) => rows.get(taskKey(t))).filter((r): r is ResourceRow => r !== undefined && rowFailed(r));
}

/** The tasks still waited for once `finished` have reported. */
export function stillPending(pending: readonly SyncTask[], finished: readonly TaskUpdate[]): SyncTask[] {
  const done = new Set(finished.map((u) => u.key));
  return pending.filter((t) => !done.has(taskKey(t)));
}

/** The groups a sync runs normally, and the SyncFail group it runs only after a failure. */
export function splitGroups(plan: SyncPlan): { main: SyncGroup[]; onFailure: SyncGroup[] } {
  return {
    main: plan.groups.filter((g) => g.phase !== 'SyncFail'),
    onFailure: plan.groups.filter((g) => g.phase === 'SyncFail'),
  };
}

/**
 * Hooks to delete when the sync ends (DESIGN §6: by the hook's own outcome). HookSucceeded removes
 * a hook that succeeded, HookFailed one that failed; BeforeHookCreation leaves it for the next sync.
 * A hook that never ran (its group was not reached) has nothing to delete.
 */
export function hooksToDelete(plan: SyncPlan, rows: Map<string, ResourceRow>): ObjectRef[] {
  const refs: ObjectRef[] = [];
  for (const task of plan.groups.flatMap((g) => g.tasks)) {
    const row = rows.get(taskKey(task));
    // Only hooks this sync created: one refused (a leftover of an earlier sync) is not ours to delete.
    if (!isHook(task) || row?.status !== 'Synced' || !row.hookPhase || row.hookPhase === 'Running') continue;
    const wanted: DeletePolicy = row.hookPhase === 'Succeeded' ? 'HookSucceeded' : 'HookFailed';
    if (task.deletePolicies.includes(wanted)) refs.push(task.ref);
  }
  return refs;
}

/** Hooks this sync created (whatever their outcome): the ones that may still hold our finalizer. */
export function createdHooks(plan: SyncPlan, rows: Map<string, ResourceRow>): ObjectRef[] {
  return plan.groups.flatMap((g) => g.tasks).filter((t) => isHook(t) && rows.get(taskKey(t))?.status === 'Synced').map((t) => t.ref);
}

/** Hooks created and not finished: what a terminated sync stops (as Argo CD does). */
export function runningHookTasks(plan: SyncPlan, rows: Map<string, ResourceRow>): SyncTask[] {
  return plan.groups.flatMap((g) => g.tasks).filter((t) => isHook(t) && rows.get(taskKey(t))?.state === 'Running');
}

export function runningHooks(plan: SyncPlan, rows: Map<string, ResourceRow>): ObjectRef[] {
  return runningHookTasks(plan, rows).map((t) => t.ref);
}

/**
 * Updates that end every task still running when the sync is cut short (terminated, timed out).
 * A hook's phase becomes Failed, as Argo CD reports a hook it stopped; a resource keeps Running,
 * the phase Argo CD leaves on a resource it stopped waiting for.
 */
export function endedUpdates(rows: Map<string, ResourceRow>, forHooks: string, forResources: string): TaskUpdate[] {
  return [...rows].filter(([, row]) => row.state === 'Running').map(([key, row]) => ({
    key,
    state: 'Failed',
    ...(row.hookType ? { hookPhase: 'Failed' as const } : {}),
    message: row.hookType ? forHooks : forResources,
  }));
}

/**
 * The sync's message once its SyncFail hooks ran: Argo CD appends the SyncFail hooks that could
 * not run (refused by the API server, or gone) on a line of its own; one that ran and failed adds
 * nothing (its row says why).
 */
export function withSyncFailFailures(message: string, rows: Map<string, ResourceRow>): string {
  const refused = [...rows.values()].filter((r) => r.syncPhase === 'SyncFail' && r.status === 'SyncFailed');
  if (refused.length === 0) return message;
  return `${message}\none or more SyncFail hooks failed, reason: ${refused.map((r) => r.message).join(',')}`;
}

/** The sync's message when the dry run refused objects: Argo CD's words, then each object and why. */
export function dryRunFailureMessage(plan: SyncPlan, refused: readonly TaskUpdate[]): string {
  const tasks = new Map(plan.groups.flatMap((g) => g.tasks).map((t) => [taskKey(t), t]));
  const reasons = refused.map((update) => {
    const task = tasks.get(update.key);
    const where = task?.source ? `${formatSource(task.source)}: ` : '';
    return `${where}${task ? describeObject(task.ref) : update.key}: ${update.message ?? ''}`;
  });
  return `one or more objects failed to apply (dry run), reason: ${reasons.join('; ')}`;
}

export function failureMessage(failed: readonly ResourceRow[]): string {
  const first = failed[0];
  const what = `${first.kind} ${first.namespace ? `${first.namespace}/` : ''}${first.name}`;
  const more = failed.length > 1 ? ` (and ${failed.length - 1} more)` : '';
  return `${first.syncPhase} wave ${first.wave}: ${what} failed: ${first.message}${more}`;
}
