// `Prune=confirm` (Argo CD): a prune that waits for the user before it deletes. The live object asks
// for it in `argocd.argoproj.io/sync-options`, or a sync asks for it for every prune with
// `--sync-option Prune=confirm`. The group holding such a prune waits, before it applies anything,
// until `hooksync confirm SYNC_ID` arrives (workflows/pruneConfirm.ts). Pure: the planner marks the
// prune tasks, the workflow asks which of a group's tasks still wait.
import { confirmationMessage } from './confirmMessage';
import { type SyncGroup, type SyncTask } from './types';

export const PRUNE_CONFIRM = 'Prune=confirm';

/** The group's prunes that need confirmation: marked by the planner, or every prune when the sync asks. */
export function prunesToConfirm(group: SyncGroup, syncOptions: readonly string[] = []): SyncTask[] {
  const all = syncOptions.includes(PRUNE_CONFIRM);
  return group.tasks.filter((t) => t.prune && (all || t.confirmPrune === true));
}

/** The sync's message while it waits, in Argo CD's words: `Waiting for pruning confirmation of v1/ConfigMap/old and 1 more resources`. */
export function pruneConfirmMessage(tasks: readonly SyncTask[]): string {
  return confirmationMessage('pruning', tasks);
}
