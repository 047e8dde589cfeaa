// One sync through hooksync's public client library, timed by the workflow's own start and close
// times on the Temporal server, with what its history says about activity timeouts and retries.
import type { Client, WorkflowHandle } from '@temporalio/client';
import { startSync } from '../../client/syncClient';
import { planYaml } from '../../test/support/syncHarness';

export interface HooksyncRun {
  /** Workflow start to close; NaN when it did not close within the bench's time limit. */
  seconds: number;
  phase: string;
  handle: WorkflowHandle;
}

/** Plans `yaml` for `namespace` and runs it as app `namespace` on the worker of `cluster`. */
export async function runHooksync(client: Client, cluster: string, yaml: string, namespace: string, limitSeconds: number): Promise<HooksyncRun> {
  const planned = await planYaml(yaml, namespace);
  if (planned.problems.length > 0) throw new Error(`manifest problems:\n${planned.problems.join('\n')}`);
  const handle = await startSync(client, { syncId: planned.syncId, app: namespace, cluster, plan: planned.plan });
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<'limit'>((resolve) => { timer = setTimeout(() => resolve('limit'), limitSeconds * 1000); });
  const ended = await Promise.race([handle.result().then((r) => r.phase, (err: Error) => `error: ${err.message}`), limit]);
  clearTimeout(timer);
  if (ended === 'limit') {
    // A bench run must end: the sync is stopped for good, without its clean-up.
    await handle.terminate('bench time limit').catch(() => undefined);
    return { seconds: NaN, phase: `not finished in ${limitSeconds} s`, handle };
  }
  const description = await handle.describe();
  const closed = description.closeTime ?? new Date();
  return { seconds: (closed.getTime() - description.startTime.getTime()) / 1000, phase: ended, handle };
}

export interface ActivityTrouble {
  /** Activity attempts that ended by a timeout (heartbeat, start-to-close), retried or final. */
  timeouts: number;
  /** Activity attempts beyond the first, for any reason. */
  retries: number;
}

/**
 * From the history: a retried attempt leaves no event of its own, only the attempt number and the
 * last failure on the started event of the attempt that ran last; a final timeout has its event.
 */
export async function activityTrouble(handle: WorkflowHandle): Promise<ActivityTrouble> {
  const events = (await handle.fetchHistory()).events ?? [];
  let timeouts = 0;
  let retries = 0;
  for (const e of events) {
    if (e.activityTaskTimedOutEventAttributes) timeouts++;
    const started = e.activityTaskStartedEventAttributes;
    if (!started) continue;
    const earlier = Math.max(0, (started.attempt ?? 1) - 1);
    retries += earlier;
    // Only the last failure is recorded: count the earlier attempts as timeouts when it was one.
    if (started.lastFailure?.timeoutFailureInfo) timeouts += earlier;
  }
  return { timeouts, retries };
}
