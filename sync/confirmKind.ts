// What a run holds for `hooksync confirm ID`, by kind of run: a sync holds its Prune=confirm
// prunes (pruneConfirm.ts), an app's deletion its Delete=confirm deletions (deleteConfirm.ts).
// Both go through one gate and one update (workflows/pruneConfirm.ts); a kind only says which
// tasks of a group wait and in which words. Pure.
import { deleteConfirmMessage, deletionsToConfirm } from './deleteConfirm';
import { pruneConfirmMessage, prunesToConfirm } from './pruneConfirm';
import { type SyncGroup, type SyncTask } from './types';
import { deleteConfirmReason, pruneConfirmReason, type WaitingReason } from './waitingReason';

export interface ConfirmKind {
  /** How messages name the run: `sync ID`, `deletion ID`. */
  operation: 'sync' | 'deletion';
  /** The tasks of the group that wait for the confirmation. */
  held(group: SyncGroup, syncOptions?: readonly string[]): SyncTask[];
  /** The run's message while they wait. */
  message(tasks: readonly SyncTask[]): string;
  /** The waiting line of one held task, naming the command that lets it go. */
  reason(task: SyncTask, id: string): WaitingReason;
  /** What no task of the run waits for: why a confirm is refused. */
  nothingHeld: string;
}

export const PRUNE_CONFIRM_KIND: ConfirmKind = {
  operation: 'sync',
  held: prunesToConfirm,
  message: pruneConfirmMessage,
  reason: pruneConfirmReason,
  nothingHeld: 'no prune that waits for confirmation (Prune=confirm)',
};

export const DELETE_CONFIRM_KIND: ConfirmKind = {
  operation: 'deletion',
  held: (group) => deletionsToConfirm(group),
  message: deleteConfirmMessage,
  reason: deleteConfirmReason,
  nothingHeld: 'no object whose deletion waits for confirmation (Delete=confirm or Prune=confirm)',
};

/** True when some group of the plan holds a task of this kind. */
export function planHolds(kind: ConfirmKind, groups: readonly SyncGroup[], syncOptions?: readonly string[]): boolean {
  return groups.some((g) => kind.held(g, syncOptions).length > 0);
}
