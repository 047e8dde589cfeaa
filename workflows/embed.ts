// `hooksync/workflows`: for a user's own workflow code, which their worker bundles with webpack, so
// this module and all it imports are deterministic (no Node built-ins, no I/O). `syncChild` runs
// hooksync's `sync` as a child workflow on the cluster's hooksync worker (its task queue), under the
// same workflow id and search attributes `startSync` gives it, so the CLI's status, list and history
// show it like any other sync. Register hooksync's workflows in your own worker with
// `export { sync } from 'hooksync/workflows'` in your workflows file (not `export *`: every function
// exported from that file becomes a workflow type).
import { executeChild, ParentClosePolicy, WorkflowIdReusePolicy } from '@temporalio/workflow';
import type { SyncResult } from '../sync/syncRun';
import { firstAttemptInput, type SyncRequest } from '../sync/syncRequest';
import { APP_ATTRIBUTE, CLUSTER_ATTRIBUTE, SYNC_ID_ATTRIBUTE, SYNC_WORKFLOW_TYPE, syncWorkflowId, taskQueueFor } from './messages';

export { sync } from './syncWorkflow';
export { taskQueueFor, syncWorkflowId } from './messages';
export type { SyncInput, SyncResult, SyncOutcome, ResourceRow } from '../sync/syncRun';
export type { SyncRequest } from '../sync/syncRequest';
export type { RetryPolicy } from '../sync/autoRetry';
export type { SyncPlan, SyncTask } from '../sync/types';

/** The same request `startSync` takes (sync/syncRequest.ts), so a child gets every option a CLI sync does. */
export type SyncChildInput = SyncRequest;

/**
 * Runs one sync as a child and returns its result; a sync that ends Failed or Terminated returns
 * too (look at `phase`), only a sync that could not run throws. A workflow can't read the app's last
 * inventory as startSync does, so a pruning child lists every kind: slower, never misses an object.
 */
export async function syncChild(input: SyncChildInput): Promise<SyncResult> {
  const args = firstAttemptInput(input);
  return executeChild(SYNC_WORKFLOW_TYPE, {
    taskQueue: taskQueueFor(input.cluster),
    workflowId: syncWorkflowId(input.cluster, input.app),
    args: [args],
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    // A sync that was started goes on to its end (and its cleanup) if the parent is closed.
    parentClosePolicy: ParentClosePolicy.ABANDON,
    typedSearchAttributes: [
      { key: APP_ATTRIBUTE, value: input.app },
      { key: CLUSTER_ATTRIBUTE, value: input.cluster },
      { key: SYNC_ID_ATTRIBUTE, value: input.syncId },
    ],
    staticSummary: `sync ${input.app} to ${input.cluster} (sync id ${input.syncId})`,
  });
}
