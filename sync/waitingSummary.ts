// What a group waits for, in one line and in Argo CD's words (spec §8.3): the workflow shows it as
// its current details in the Temporal UI while the wait runs. Pure, so the workflow stays
// deterministic and the wording is unit-tested.
import { argoKey } from './objectRef';
import { isHook, type SyncTask } from './types';


/**
 * `waiting for completion of hook batch/Job/migrate and 2 more resources`, `waiting for healthy
 * state of apps/Deployment/web`, `waiting for deletion of /Pod/old and 1 more resources`: a hook
 * first when there is one, the rest counted.
 */
export function waitingSummary(pending: readonly SyncTask[]): string {
  if (pending.length === 0) return 'waiting';
  const hooks = pending.filter(isHook);
  const deleting = pending.every((t) => t.prune);
  const reason = deleting ? 'deletion of' : hooks.length > 0 ? 'completion of hook' : 'healthy state of';
  const first = hooks[0] ?? pending[0];
  const more = pending.length - 1;
  const counted = hooks.length === pending.length ? 'hooks' : 'resources';
  return `waiting for ${reason} ${argoKey(first.ref)}${more > 0 ? ` and ${more} more ${counted}` : ''}`;
}
