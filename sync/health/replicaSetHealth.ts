// apps/v1 ReplicaSet (spec §5.3 ReplicaSet). ReplicaFailure is how the controller reports that it
// cannot create pods at all (quota, admission), the one case that will not fix itself.
import { type HealthVerdict } from './healthStatus';
import { conditionsOf, countAt, findCondition, generationLagMessage, generationNotObserved, numberAt, type LiveObject } from './liveObject';

export function replicaSetHealth(replicaSet: LiveObject): HealthVerdict {
  if (generationNotObserved(replicaSet)) return { status: 'Progressing', message: generationLagMessage(replicaSet) };
  const failure = findCondition(conditionsOf(replicaSet), 'ReplicaFailure');
  if (failure?.status === 'True') return { status: 'Degraded', message: failure.message || failure.reason || 'ReplicaFailure' };
  const desired = numberAt(replicaSet, 'spec', 'replicas') ?? 1;
  const available = countAt(replicaSet, 'status', 'availableReplicas');
  if (available < desired) {
    return { status: 'Progressing', message: `Waiting for rollout to finish: ${available} of ${desired} replicas are available...` };
  }
  return { status: 'Healthy', message: `${available} of ${desired} replicas are available` };
}
