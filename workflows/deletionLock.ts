// The `deletionLock` workflow: a deletion starts it as a child under the app's *sync* workflow id
// (sync/<cluster>/<app>), so that the one-run-per-id rule Temporal enforces for syncs also keeps
// syncs and the deletion apart, with no window between a check and a start: while it runs, a sync
// of the app is refused at start, and if a sync is running the deletion cannot start it and stops.
// It does nothing but wait for the deletion's signal (or die with its parent, ParentClosePolicy
// TERMINATE). It returns the inventory the deletion was given, so that the next sync's --prune
// still lists only the app's kinds (client/syncClient.ts lastInventory reads the newest run's result).
import { condition, setCurrentDetails, setHandler } from '@temporalio/workflow';
import type { LiveKind } from '../sync/inventory';
import { releaseLockSignal } from './messages';

export interface DeletionLockInput {
  /** The deletion holding the lock: what the UI shows, and who to terminate to free the app. */
  deletionWorkflowId: string;
  inventory?: LiveKind[];
}

export async function deletionLock(input: DeletionLockInput): Promise<{ inventory?: LiveKind[] }> {
  let released = false;
  setHandler(releaseLockSignal, () => { released = true; });
  setCurrentDetails(`**held by ${input.deletionWorkflowId}**: no sync of this app starts until the deletion ends`);
  await condition(() => released);
  return input.inventory ? { inventory: input.inventory } : {};
}
