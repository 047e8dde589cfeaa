// What a group's wait needs of a task: its identity and kind of task, not its manifest. The wait
// reads live objects and judges them (awaitTasks.ts); only a prune compares against the object it
// was planned from, by uid. Sending the identity keeps the manifest out of every wait's input: a
// group of a thousand objects would otherwise carry them into history once more per wait.
import type { SyncTask } from './types';

/** `task` with its object cut down to identity (and the uid a prune checks) and no source. */
export function forWaiting(task: SyncTask): SyncTask {
  const { object } = task;
  const { name, namespace, uid } = object.metadata;
  const metadata = { name, namespace, ...(uid === undefined ? {} : { uid }) };
  const slim: SyncTask = { ...task, object: { apiVersion: object.apiVersion, kind: object.kind, metadata } };
  delete slim.source;
  return slim;
}
