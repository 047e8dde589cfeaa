// How the CLI and library start an app's workflow (a sync run or a deletion): on the cluster's task
// queue, under an id that refuses only a concurrent run of the same app, with the search attributes
// `hooksync list` and the UI filter on, and a summary a person reads in the UI.
import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { APP_ATTRIBUTE, CLUSTER_ATTRIBUTE, SYNC_ID_ATTRIBUTE, taskQueueFor } from '../workflows/messages';

export interface AppWorkflowStart<A> {
  workflowType: string;
  workflowId: string;
  app: string;
  cluster: string;
  syncId: string;
  args: A;
  summary: string;
  /** The user's error when the id is taken: what holds it, and what to do. */
  refused: () => Error | Promise<Error>;
}

export async function startAppWorkflow<A>(client: Client, start: AppWorkflowStart<A>): Promise<WorkflowHandleWithFirstExecutionRunId> {
  try {
    return await client.workflow.start(start.workflowType, {
      taskQueue: taskQueueFor(start.cluster),
      workflowId: start.workflowId,
      args: [start.args],
      // A new run may follow any earlier one; the id refuses only a concurrent one.
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      typedSearchAttributes: [
        { key: APP_ATTRIBUTE, value: start.app },
        { key: CLUSTER_ATTRIBUTE, value: start.cluster },
        { key: SYNC_ID_ATTRIBUTE, value: start.syncId },
      ],
      staticSummary: start.summary,
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) throw await start.refused();
    throw err;
  }
}
