// Which applied resources the apply itself finishes. The server's answer to a server-side apply is
// the object as stored, so when the health rules of sync/health already pass on it (a ConfigMap, a
// Secret, a ClusterIP Service: kinds that are healthy as soon as they exist), the wait activity
// would read the same object and say the same thing. Reporting them finished here spares the
// wave a wait activity and the two workflow tasks around it. Hooks always wait: their completion
// is the workload's, which a create's answer cannot show. Only success finishes a task here; an
// answer that looks Degraded or Progressing is left to the wait, which reads the object again.
import { noCustomHealthChecks, resourceCompletion, type CustomHealthChecks } from '../sync/health';
import type { TaskUpdate } from '../sync/syncRun';
import { isHook, type SyncTask } from '../sync/types';
import type { AppliedTask } from './applyTask';
import { finishedUpdate } from './finishedUpdate';

/**
 * The task's update, finished when the apply's answer already passes its health rule: the same
 * rules the wait would use, the operator's custom ones (`--health-checks`) included.
 */
export function doneOnApply(task: SyncTask, { update, answer }: AppliedTask, custom: CustomHealthChecks = noCustomHealthChecks): TaskUpdate {
  if (update.state !== 'Running' || isHook(task) || task.prune || !answer) return update;
  const outcome = resourceCompletion(answer, custom);
  if (outcome.phase !== 'Succeeded') return update;
  // The row ends as after a wait: the apply's status stays, its message unless health gives one.
  return { ...update, ...finishedUpdate(task, outcome) };
}
