// `hooksync confirm ID` as a library call: lets the prunes of a sync that wait for confirmation
// (Prune=confirm, sync/pruneConfirm.ts), or the deletions of an app's deletion that do
// (Delete=confirm, sync/deleteConfirm.ts), go ahead, through the run's `confirmPrune` update. The
// workflow refuses it when it has nothing to confirm; that refusal is the user's to read, not ours.
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { confirmPruneUpdate, type PruneConfirmation } from '../workflows/messages';
import { isOpen, type Operation } from './syncQueries';
import { latestRun } from './syncStatus';
import { NothingToConfirm } from './userErrors';

export { NothingToConfirm };

export interface PruneConfirmed extends PruneConfirmation {
  syncId: string;
  /** `sync`: prunes were let go; `delete`: an app's deletions were. */
  operation: Operation;
  app: string;
  workflowId: string;
  runId: string;
}

/** Without a worker to run the update, it would wait; after this long the caller is told so. */
const UPDATE_DEADLINE_MS = 15_000;

export async function confirmPrune(client: Client, syncId: string): Promise<PruneConfirmed> {
  const run = await latestRun(client, syncId);
  const what = run.operation === 'delete' ? 'deletion' : 'sync';
  if (!isOpen(run)) throw new NothingToConfirm(`${what} ${syncId} is not running (${run.outcome ?? run.status}); there is nothing to confirm`);
  const handle = client.workflow.getHandle(run.workflowId, run.runId);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), UPDATE_DEADLINE_MS);
  try {
    const answer = await client.withAbortSignal(controller.signal, () => handle.executeUpdate(confirmPruneUpdate));
    return { ...answer, syncId, operation: run.operation, app: run.app, workflowId: run.workflowId, runId: run.runId };
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) throw new NothingToConfirm(err.cause?.message ?? err.message, { cause: err });
    if (controller.signal.aborted) throw new Error(`no worker answered the confirmation of ${what} ${syncId} within ${UPDATE_DEADLINE_MS / 1000}s: is a worker for cluster ${run.cluster} running (hooksync worker)?`, { cause: err });
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
