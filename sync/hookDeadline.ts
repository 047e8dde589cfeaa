// When hooks with a `hooksync.io/timeout` must be given up on. Times are the workflow's clock in
// ms; a hook's deadline counts from when its group began to wait (right after it was created).
import { formatTimeout, HOOK_TIMEOUT_ANNOTATION } from './hookTimeout';
import type { TaskUpdate } from './syncRun';
import { taskKey, type SyncTask } from './types';

/** The earliest deadline among the pending tasks, or undefined when none has a timeout. */
export function nextDeadline(pending: readonly SyncTask[], waitStartedAt: number): number | undefined {
  const deadlines = pending.filter((t) => t.timeoutSeconds !== undefined).map((t) => waitStartedAt + t.timeoutSeconds! * 1000);
  return deadlines.length > 0 ? Math.min(...deadlines) : undefined;
}

/** Updates that fail the pending hooks whose deadline has passed at `now`. */
export function expiredUpdates(pending: readonly SyncTask[], waitStartedAt: number, now: number): TaskUpdate[] {
  return pending
    .filter((t) => t.timeoutSeconds !== undefined && waitStartedAt + t.timeoutSeconds * 1000 <= now)
    .map((t) => ({
      key: taskKey(t),
      state: 'Failed' as const,
      hookPhase: 'Failed' as const,
      message: `timed out after ${formatTimeout(t.timeoutSeconds!)} (${HOOK_TIMEOUT_ANNOTATION})`,
    }));
}
