// `hooksync retry SYNC_ID` as a library call: continues a failed sync as a new attempt, a new run
// of the app's workflow id that carries what the failed attempt already did (sync/retryPlan.ts).
// Two retries asked for at once start one run: Temporal allows one running workflow per id, and the
// loser is told which one runs.
import { WorkflowFailedError, type Client, type WorkflowHandle, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import { retryInput } from '../sync/retryPlan';
import type { SyncInput, SyncResult } from '../sync/syncRun';
import { findSync, type SyncRunRef } from './syncQueries';
import { startSyncRun } from './syncClient';
import { DELETION_LOCK_TYPE } from '../workflows/messages';
import { NothingToRetry, SyncAlreadyRunning } from './userErrors';

export { NothingToRetry };

export interface RetryStarted {
  handle: WorkflowHandleWithFirstExecutionRunId;
  attempt: number;
  previous: SyncResult;
}

export async function retrySync(client: Client, syncId: string): Promise<RetryStarted> {
  const run = await findSync(client, syncId);
  if (run.operation === 'delete') throw new NothingToRetry(`${syncId} is a deletion of app "${run.app}", not a sync; run hooksync delete again instead`);
  await refuseUnlessNewest(client, run);
  const handle = client.workflow.getHandle(run.workflowId, run.runId);
  const previous = await resultOf(handle, syncId);
  if (previous.phase === 'Succeeded') throw new NothingToRetry(`sync ${syncId} succeeded (attempt ${previous.attempt}); there is nothing to retry`);
  const input = await startInput(handle);
  const { autoRetry, ...rest } = input;
  // A retry asked for by hand starts the automatic retries afresh, as a new sync in Argo CD does.
  const args: SyncInput = { ...rest, attempt: previous.attempt + 1, retry: retryInput(previous), ...(autoRetry ? { autoRetry: { policy: autoRetry.policy, retried: 0 } } : {}) };
  return { handle: await startSyncRun(client, args), attempt: args.attempt, previous };
}

/** The run's result; a run that ended without one (its workflow failed) has nothing to carry. */
async function resultOf(handle: WorkflowHandle, syncId: string): Promise<SyncResult> {
  try {
    return (await handle.result()) as SyncResult;
  } catch (err) {
    if (!(err instanceof WorkflowFailedError)) throw err;
    throw new NothingToRetry(`sync ${syncId} ended without a result (${err.cause?.message ?? err.message}); start a new sync instead`);
  }
}

/** A retry continues the app's latest run only: retrying an older sync would undo a newer one. */
async function refuseUnlessNewest(client: Client, run: SyncRunRef): Promise<void> {
  const newest = await client.workflow.getHandle(run.workflowId).describe();
  if (newest.type === DELETION_LOCK_TYPE) throw new NothingToRetry(`app "${run.app}" was deleted after sync ${run.syncId} (or is being deleted); start a new sync instead`);
  if (newest.status.name === 'RUNNING') {
    throw new SyncAlreadyRunning(`app "${run.app}" has a sync running now (workflow ${run.workflowId}, run ${newest.runId}); follow it with: hooksync status ${run.syncId} --watch`);
  }
  if (newest.runId !== run.runId) {
    throw new NothingToRetry(`a newer sync of app "${run.app}" ran after sync ${run.syncId}; start a new sync instead of retrying this one`);
  }
}

/** The input the run was started with, read from its first history event (through the codec, if any). */
async function startInput(handle: WorkflowHandle): Promise<SyncInput> {
  const history = await handle.fetchHistory();
  const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
  if (!started) throw new Error(`history of ${handle.workflowId} does not start with WorkflowExecutionStarted`);
  return decodeFromPayloadsAtIndex<SyncInput>(handle.client.options.loadedDataConverter, 0, started.input?.payloads);
}
