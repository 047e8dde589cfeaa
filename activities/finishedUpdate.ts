// The update that records a task as finished, from the outcome its health rule gave: one shape
// whether the wait saw it finish (awaitTasks.ts) or the apply's answer already did (doneOnApply.ts),
// so a row reads the same either way.
import type { ResourceOutcome } from '../sync/health';
import type { TaskUpdate } from '../sync/syncRun';
import { isHook, taskKey, type SyncTask } from '../sync/types';
import { PRUNED } from './pruneObject';

/** The update of a finished task (outcome.phase is not Running here). */
export function finishedUpdate(task: SyncTask, outcome: ResourceOutcome): TaskUpdate {
  const key = taskKey(task);
  if (task.prune) return { key, ...PRUNED };
  const update: TaskUpdate = { key, state: outcome.phase === 'Succeeded' ? 'Succeeded' : 'Failed', hookPhase: outcome.phase };
  // Only a vanished object ends in Error: Argo CD reports it SyncFailed.
  if (outcome.phase === 'Error') return { ...update, status: 'SyncFailed', health: outcome.health, message: outcome.message };
  if (isHook(task)) return { ...update, message: outcome.message };
  // A kind without a health check keeps its apply message ("configmap/x created").
  return outcome.health ? { ...update, health: outcome.health, message: outcome.message } : update;
}
