// How a worker stops on SIGTERM (the SDK's runtime turns SIGINT, SIGTERM, SIGQUIT and SIGUSR2 into
// Worker.shutdown()): it stops polling at once, lets activities in flight run on for the grace,
// then cancels them. A wait gives way to that cancellation at once (awaitGroup's sleep between
// reads rejects), fails this attempt, and the server retries it on another worker; the short
// activities (apply, dry run, release, delete) normally finish within the grace; a workflow task is not cancelled but finishes, and the workflow's next task goes to any
// worker. The force time bounds the whole stop: an activity stuck in a call that ignores the
// cancellation is dropped, and its heartbeat timeout hands it over just as if the worker had died.
import type { WorkerOptions } from '@temporalio/worker';

/** After the grace, this long for cancelled activities to report their failure before giving up. */
export const CANCEL_SETTLE_MS = 10_000;

export function shutdownTimes(graceMs: number): Pick<WorkerOptions, 'shutdownGraceTime' | 'shutdownForceTime'> {
  return { shutdownGraceTime: graceMs, shutdownForceTime: graceMs + CANCEL_SETTLE_MS };
}
