// The app deletion's input, rows and messages: the pure side of the `deleteApp` workflow. Its
// result has the shape of a sync's (SyncResult), so that `status`, `list`, `history`, `terminate`
// and the progress lines read a deletion exactly as they read a sync.
import { isInventory, type LiveKind } from './inventory';
import { type KubeObject } from './manifest';
import { objectKey, toObjectRef } from './objectRef';
import { initialRows, type ResourceRow, type TaskUpdate } from './syncRun';
import { type DeleteConfirmOption } from './deleteConfirm';
import { planTasks, taskKey, type SyncPlan, type SyncTask } from './types';

export interface DeleteInput {
  /** The deletion's id, shown and taken where a sync id is (`status`, `terminate`); hook names carry it. */
  syncId: string;
  app: string;
  cluster: string;
  /** PreDelete and PostDelete hooks from the manifests given to `delete -f` (deleteHooks.ts). */
  hooks: SyncTask[];
  /** false: `--cascade=false`, only hooksync's labels and tracking id are removed. */
  cascade: boolean;
  /** The kinds the app's last sync left in its inventory (inventory.ts); absent: every kind is listed. */
  inventory?: LiveKind[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmptyString = (v: unknown) => typeof v === 'string' && v.length > 0;
const isDeletionHook = (t: unknown) => isRecord(t) && (t.phase === 'PreDelete' || t.phase === 'PostDelete') && isRecord(t.ref) && isRecord(t.object);

/** What is wrong with `input` as a deletion's input (someone may start the workflow by hand); empty when nothing is. */
export function deleteInputProblems(input: unknown): string[] {
  if (!isRecord(input)) return ['the input must be one object (DeleteInput)'];
  const checks: Array<[boolean, string]> = [
    [nonEmptyString(input.syncId), 'syncId must be a non-empty string'],
    [nonEmptyString(input.app), 'app must be a non-empty string'],
    [nonEmptyString(input.cluster), 'cluster must be a non-empty string'],
    [Array.isArray(input.hooks) && input.hooks.every(isDeletionHook), 'hooks must be a list of PreDelete and PostDelete hook tasks (deleteHookTasks)'],
    [typeof input.cascade === 'boolean', 'cascade must be true or false'],
    [input.inventory === undefined || isInventory(input.inventory), 'inventory must be a list of kinds, each with a non-empty apiVersion and kind'],
  ];
  return checks.filter(([ok]) => !ok).map(([, problem]) => problem);
}

export const untrackKey = (object: KubeObject) => `untrack/${objectKey(liveRef(object))}`;

/** A Pending row per object `--cascade=false` untracks; untrackObjects reports on the same keys. */
export function untrackRows(objects: readonly KubeObject[]): Map<string, ResourceRow> {
  return new Map(objects.map((object) => [untrackKey(object), { ...liveRef(object), syncPhase: 'Sync', wave: 0, hookType: '', message: '', state: 'Pending' }]));
}

/** The report of an object that keeps running, without hooksync's marks. */
export function untrackedUpdate(object: KubeObject, message: string): TaskUpdate {
  return { key: untrackKey(object), state: 'PruneSkipped', status: 'PruneSkipped', hookPhase: 'Succeeded', message };
}

/** The message of a deletion once every step is done. */
export function deletedMessage(app: string, plan: SyncPlan): string {
  const deleted = planTasks(plan).filter((t) => t.prune).length;
  if (deleted === 0 && plan.skippedPrunes.length === 0) return `app ${app} deleted: it had no live objects`;
  const kept = plan.skippedPrunes.length > 0 ? `, ${plan.skippedPrunes.length} kept` : '';
  return `app ${app} deleted: ${deleted} object(s) deleted${kept}`;
}

/** The message of a `--cascade=false` deletion once done. */
export function untrackedMessage(app: string, untracked: number): string {
  return `app ${app} untracked (--cascade=false): ${untracked} object(s) left in place without hooksync's labels`;
}

/** The message of a deletion stopped by a failed PreDelete hook: Argo CD deletes nothing then. */
export function preDeleteFailedMessage(failure: string): string {
  return `${failure}; nothing was deleted`;
}

/** The message of a deletion that found a sync of the app running. */
export function syncRunningMessage(app: string, syncWorkflowId: string): string {
  return `a sync of app ${app} is running (workflow ${syncWorkflowId}): nothing was deleted; wait for the sync or terminate it, then delete again`;
}

function liveRef(object: KubeObject) {
  return toObjectRef(object, String(object.metadata?.name ?? ''), String(object.metadata?.namespace ?? ''));
}

/** `delete --dry-run`: a row per step the deletion would take, in order, each saying what it would do. */
export function previewRows(plan: SyncPlan, untrack: readonly KubeObject[]): ResourceRow[] {
  const confirms = new Map(planTasks(plan).flatMap((t) => (t.confirmDelete ? [[taskKey(t), t.confirmDelete] as const] : [])));
  const rows = [...initialRows(plan), ...untrackRows(untrack)];
  return rows.map(([key, row]) => ({ ...row, message: row.message || previewMessage(row, untrack.length > 0, confirms.get(key)) }));
}

function previewMessage(row: ResourceRow, untracking: boolean, confirm: DeleteConfirmOption | undefined): string {
  if (untracking) return "would lose hooksync's labels and tracking id, and stay";
  if (row.hookType) return `would run (${row.hookType} hook)`;
  // Its wave waits for the person: the dry run says so before anyone is surprised by the wait.
  if (confirm) return `would be deleted once confirmed (${confirm}: hooksync confirm), and waited for until gone`;
  return 'would be deleted, and waited for until gone';
}
