// How long a sync stands still after its worker is SIGKILLed, read from the workflow's history:
// from the kill to the first task a worker starts after it (the replacement picking up the
// interrupted activity, or the workflow task that was left on the dead worker's sticky queue),
// and to the first workflow task started after it (the workflow moving on).
import type { WorkflowHandle } from '@temporalio/client';
import { timeOf } from '../test/support/faultHarness';

export interface KillStall {
  /** Kill to the first activity or workflow task started afterwards, in seconds. */
  nextTask: number;
  /** Kill to the first workflow task started afterwards, in seconds. */
  workflowResumed: number;
}

export async function killStall(handle: WorkflowHandle, killedAt: number): Promise<KillStall> {
  const events = (await handle.fetchHistory()).events ?? [];
  const after = (pick: (e: (typeof events)[number]) => unknown) => {
    const at = events.filter((e) => pick(e) && timeOf(e) >= killedAt).map(timeOf);
    return at.length ? (Math.min(...at) - killedAt) / 1000 : Number.NaN;
  };
  return {
    nextTask: after((e) => e.activityTaskStartedEventAttributes ?? e.workflowTaskStartedEventAttributes),
    workflowResumed: after((e) => e.workflowTaskStartedEventAttributes),
  };
}
