// Automatic retry (sync/autoRetry.ts) in the workflow: after a failed attempt has run its SyncFail
// hooks and cleaned up, the run waits on a durable timer (a worker restart does not lose it) and
// continues as new with the next attempt's input, which resumes at the failed group exactly as
// `hooksync retry` does (sync/retryPlan.ts). One run per attempt keeps each history small and
// lets `hooksync history` show every attempt; the next run finds what this one did in its input.
import { continueAsNew, isCancellation, setCurrentDetails, sleep } from '@temporalio/workflow';
import { backoffSeconds, nextAutoRetry, withRetriedCount, type AutoRetry, type RetryWait } from '../sync/autoRetry';
import { retryInput } from '../sync/retryPlan';
import type { SyncInput, SyncResult } from '../sync/syncRun';
import { retryWaitText } from '../sync/waitingReason';
import type { sync } from './syncWorkflow';

/**
 * Waits out the backoff after `result`, then continues as the next attempt (never returns then).
 * Terminated while waiting, it returns the message the sync ends Terminated with: nothing runs
 * any more, and the failed attempt's hooks were already cleaned up.
 */
export async function retryAfterBackoff(input: SyncInput & { autoRetry: AutoRetry }, result: SyncResult, show: (wait: RetryWait) => void): Promise<string> {
  const auto = input.autoRetry;
  const previous = { attempt: result.attempt, phase: result.phase, message: result.message };
  const seconds = backoffSeconds(auto.policy, auto.retried);
  const wait: RetryWait = { retry: auto.retried + 1, limit: auto.policy.limit, backoffSeconds: seconds, startsAt: new Date(Date.now() + seconds * 1000).toISOString(), previous };
  show(wait);
  setCurrentDetails(`**Waiting**: ${retryWaitText(wait)}: ${result.message}`);
  try {
    await sleep(seconds * 1000);
  } catch (err) {
    if (!isCancellation(err)) throw err;
    const message = `sync terminated by the user while waiting to retry (attempt ${result.attempt} ended ${result.phase}: ${result.message})`;
    return withRetriedCount(message, auto.retried);
  }
  const next: SyncInput = {
    ...input, attempt: input.attempt + 1, retry: retryInput(result), autoRetry: nextAutoRetry(auto, previous),
  };
  return continueAsNew<typeof sync>(next);
}
