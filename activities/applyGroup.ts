// Applies the tasks of one group in plan order as Argo CD does: kinds one after another, the
// objects of one kind side by side (at most APPLY_CONCURRENCY in flight; sync/kindRuns.ts). The
// objects of a kind are read first by one unfiltered, paged LIST per collection (readAhead.ts), so
// that a thousand ConfigMaps cost a few LISTs and a thousand applies, not a GET before each write.
import { Context } from '@temporalio/activity';
import { kindRuns } from '../sync/kindRuns';
import { objectKey } from '../sync/objectRef';
import type { Stamp } from '../sync/stamp';
import type { TaskUpdate } from '../sync/syncRun';
import type { ObjectRef, SyncTask } from '../sync/types';
import { applyTaskAnswered } from './applyTask';
import { boundedParallel } from './boundedParallel';
import { doneOnApply } from './doneOnApply';
import { releaseHooks } from './hookCleanup';
import { noCustomHealthChecks, type CustomHealthChecks } from '../sync/health';
import type { KubeClient } from './kubeClient';
import { readAhead } from './readAhead';

/** Writes in flight at once within one kind: hides latency without crowding the API server. */
export const APPLY_CONCURRENCY = 16;

export interface ApplyOptions {
  /**
   * Report resources whose apply answer already passes their health rule as finished
   * (doneOnApply.ts). Only workflows that know to skip the wait ask; replays of older ones do not.
   */
  finishDone?: boolean;
  /**
   * Hooks of earlier groups whose outcome the workflow has recorded: their finalizer comes off
   * here, beside the apply, which spares the sync a releaseHooks activity per hook group. Only
   * hooks already recorded, so that a retry of the wait that judged them still finds them.
   */
  release?: ObjectRef[];
  /** The worker's custom health rules, for `finishDone` to judge as the wait would. */
  healthChecks?: CustomHealthChecks;
}

export async function applyGroup(kube: KubeClient, tasks: readonly SyncTask[], stamp: Stamp, { finishDone = false, release = [], healthChecks = noCustomHealthChecks }: ApplyOptions = {}): Promise<TaskUpdate[]> {
  // Side by side: the release must not delay the group's first write. Both are idempotent, so a
  // retry after either failed simply does both again.
  const [updates] = await Promise.all([applyTasks(kube, tasks, stamp, finishDone, healthChecks), releaseHooks(kube, release)]);
  return updates;
}

async function applyTasks(kube: KubeClient, tasks: readonly SyncTask[], stamp: Stamp, finishDone: boolean, healthChecks: CustomHealthChecks): Promise<TaskUpdate[]> {
  let applied = 0;
  const beat = () => Context.current().heartbeat(`applied ${applied} of ${tasks.length}`);
  beat();
  const updates: TaskUpdate[] = [];
  for (const run of kindRuns(tasks)) {
    // Prunes read their object themselves (they delete by the uid listed at the start); a
    // namespace created bare is only read when it is missing.
    const reads = run.filter((t) => !t.prune && !t.createOnly).map((t) => t.ref);
    const known = await readAhead(kube, reads, { labelSelector: '', progress: beat });
    updates.push(...(await boundedParallel(run, APPLY_CONCURRENCY, async (task) => {
      const result = await applyTaskAnswered(kube, task, stamp, known.get(objectKey(task.ref)));
      applied++;
      // Coalesced to one a second (worker/heartbeatPulse.ts): one per write costs next to nothing.
      beat();
      return finishDone ? doneOnApply(task, result, healthChecks) : result.update;
    })));
  }
  return updates;
}
