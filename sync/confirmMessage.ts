// The run's message while a group waits for `hooksync confirm`, in Argo CD's words for prunes
// (`Waiting for pruning confirmation of v1/ConfigMap/old and 1 more resources`), and the same
// shape for an app's deletion.
import { type SyncTask } from './types';

export type Confirming = 'pruning' | 'deletion';

/** `Waiting for <what> confirmation of <apiVersion>/<kind>/<name>[ and N more resources]`. */
export function confirmationMessage(what: Confirming, tasks: readonly SyncTask[]): string {
  const [first] = tasks;
  const apiVersion = first.object.apiVersion ?? (first.ref.group ? `${first.ref.group}/${first.ref.version}` : first.ref.version);
  const more = tasks.length > 1 ? ` and ${tasks.length - 1} more resources` : '';
  return `Waiting for ${what} confirmation of ${apiVersion}/${first.ref.kind}/${first.ref.name}${more}`;
}
