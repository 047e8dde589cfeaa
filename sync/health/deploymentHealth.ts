// apps/v1 Deployment (spec §5.3 Deployment), the same questions `kubectl rollout status` asks:
// has the controller seen the latest spec, are all replicas updated, are old ones gone, are the
// new ones available. Status counters are only meaningful once the spec's generation is observed.
import { type HealthVerdict } from './healthStatus';
import { conditionsOf, countAt, fieldAt, findCondition, generationLagMessage, generationNotObserved, numberAt, type LiveObject } from './liveObject';

export function deploymentHealth(deployment: LiveObject): HealthVerdict {
  if (fieldAt(deployment, 'spec', 'paused') === true) return { status: 'Suspended', message: 'Deployment is paused' };
  if (generationNotObserved(deployment)) return { status: 'Progressing', message: generationLagMessage(deployment) };
  const progressing = findCondition(conditionsOf(deployment), 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    const detail = progressing.message ? `: ${progressing.message}` : '';
    return { status: 'Degraded', message: `Deployment "${deployment.metadata.name ?? ''}" exceeded its progress deadline${detail}` };
  }
  return rolloutProgress(deployment);
}

function rolloutProgress(deployment: LiveObject): HealthVerdict {
  // spec.replicas is defaulted to 1 by the API server; absent only in hand-written objects.
  const desired = numberAt(deployment, 'spec', 'replicas') ?? 1;
  const total = countAt(deployment, 'status', 'replicas');
  const updated = countAt(deployment, 'status', 'updatedReplicas');
  const available = countAt(deployment, 'status', 'availableReplicas');
  const waiting = (what: string): HealthVerdict => ({ status: 'Progressing', message: `Waiting for rollout to finish: ${what}...` });
  if (updated < desired) return waiting(`${updated} of ${desired} new replicas have been updated`);
  if (total > updated) return waiting(`${total - updated} old replicas are pending termination`);
  if (available < updated) return waiting(`${available} of ${updated} updated replicas are available`);
  return { status: 'Healthy', message: `Rollout complete: ${available} of ${desired} replicas updated and available` };
}
