// `Delete=confirm` (Argo CD): an object of the app that is deleted with it only once a person
// confirms. The planner (deletePlan.ts) marks its deletion task; the deleteApp workflow holds the
// wave of such a task, before it deletes anything of it, until `hooksync confirm DELETE_ID`
// arrives (the same gate as Prune=confirm, workflows/pruneConfirm.ts). As in Argo CD, a live
// object with `Prune=confirm` asks for it too: what must not be pruned unseen must not be deleted
// unseen either. Pure.
import { confirmationMessage } from './confirmMessage';
import { type KubeObject } from './manifest';
import { PRUNE_CONFIRM } from './pruneConfirm';
import { syncOptionOf } from './syncOptions';
import { type SyncGroup, type SyncTask } from './types';

export const DELETE_CONFIRM = 'Delete=confirm';

/** The option on the live object that asks for the confirmation. */
export type DeleteConfirmOption = typeof DELETE_CONFIRM | typeof PRUNE_CONFIRM;

/** Which option of the live object asks to confirm its deletion; undefined when none does. */
export function deleteConfirmOption(object: KubeObject): DeleteConfirmOption | undefined {
  if (syncOptionOf(object, 'Delete') === 'confirm') return DELETE_CONFIRM;
  if (syncOptionOf(object, 'Prune') === 'confirm') return PRUNE_CONFIRM;
  return undefined;
}

/** The group's deletions that wait for confirmation, as the planner marked them. */
export function deletionsToConfirm(group: SyncGroup): SyncTask[] {
  return group.tasks.filter((t) => t.prune && t.confirmDelete !== undefined);
}

/** The deletion's message while it waits: `Waiting for deletion confirmation of v1/ConfigMap/db and 1 more resources`. */
export function deleteConfirmMessage(tasks: readonly SyncTask[]): string {
  return confirmationMessage('deletion', tasks);
}
