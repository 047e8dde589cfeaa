// Runs that continued as new: the failed attempts of an automatically retried sync
// (workflows/retryLoop.ts). Such a run returns no result; its close event holds the next
// attempt's input, which names how this attempt ended (`autoRetry.previous`) and the next run.
// Only the close event is fetched, so a long attempt's history is not read for it.
import type { Client } from '@temporalio/client';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import { temporal } from '@temporalio/proto';
import type { AttemptOutcome } from '../sync/autoRetry';
import type { SyncInput } from '../sync/syncRun';
import type { SyncRunRef } from './syncQueries';

export interface ContinuedRun {
  /** How the attempt of this run ended; absent when the next input does not say (not a retry). */
  outcome?: AttemptOutcome;
  /** The run it continued as. */
  nextRunId: string;
}

export async function continuedRun(client: Client, ref: Pick<SyncRunRef, 'workflowId' | 'runId'>): Promise<ContinuedRun> {
  const response = await client.workflowService.getWorkflowExecutionHistory({
    namespace: client.options.namespace,
    execution: { workflowId: ref.workflowId, runId: ref.runId },
    historyEventFilterType: temporal.api.enums.v1.HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT,
  });
  const continued = response.history?.events?.[0]?.workflowExecutionContinuedAsNewEventAttributes;
  if (!continued?.newExecutionRunId) throw new Error(`run ${ref.runId} of ${ref.workflowId} did not continue as new`);
  const next = await decodeFromPayloadsAtIndex<SyncInput>(client.options.loadedDataConverter, 0, continued.input?.payloads);
  return { nextRunId: continued.newExecutionRunId, ...(next?.autoRetry?.previous ? { outcome: next.autoRetry.previous } : {}) };
}
