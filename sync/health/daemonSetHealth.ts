// apps/v1 DaemonSet (spec §5.3 DaemonSet): one pod per eligible node, counted by the controller as
// desired / updated / available.
import { type HealthVerdict } from './healthStatus';
import { countAt, generationLagMessage, generationNotObserved, stringAt, type LiveObject } from './liveObject';

export function daemonSetHealth(daemonSet: LiveObject): HealthVerdict {
  if (generationNotObserved(daemonSet)) return { status: 'Progressing', message: generationLagMessage(daemonSet) };
  const desired = countAt(daemonSet, 'status', 'desiredNumberScheduled');
  const updated = countAt(daemonSet, 'status', 'updatedNumberScheduled');
  // OnDelete never replaces pods by itself, so waiting for updated pods could wait forever.
  if (stringAt(daemonSet, 'spec', 'updateStrategy', 'type') === 'OnDelete') {
    return { status: 'Healthy', message: `${updated} of ${desired} pods updated (OnDelete: pods are updated only when deleted)` };
  }
  if (updated < desired) return rolloutWaiting(`${updated} of ${desired} new pods have been updated`);
  const available = countAt(daemonSet, 'status', 'numberAvailable');
  if (available < desired) return rolloutWaiting(`${available} of ${desired} updated pods are available`);
  return { status: 'Healthy', message: `Rollout complete: ${available} of ${desired} pods updated and available` };
}

function rolloutWaiting(what: string): HealthVerdict {
  return { status: 'Progressing', message: `Waiting for rollout to finish: ${what}...` };
}
