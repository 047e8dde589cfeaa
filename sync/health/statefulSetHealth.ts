// apps/v1 StatefulSet (spec §5.3 StatefulSet). Pods are replaced one at a time from the highest
// ordinal down to the partition, so "done" depends on the update strategy.
import { type HealthVerdict } from './healthStatus';
import { countAt, fieldAt, generationLagMessage, generationNotObserved, numberAt, stringAt, type LiveObject } from './liveObject';

export function statefulSetHealth(sts: LiveObject): HealthVerdict {
  // Spec §5.3 also names observedGeneration 0 ("status never written yet"): generation starts at 1
  // on every object the API server returns, so that case is the same comparison.
  if (generationNotObserved(sts)) return { status: 'Progressing', message: generationLagMessage(sts) };
  const desired = numberAt(sts, 'spec', 'replicas') ?? 1;
  const ready = countAt(sts, 'status', 'readyReplicas');
  if (ready < desired) return { status: 'Progressing', message: `Waiting for ${desired - ready} of ${desired} pods to be ready...` };
  return updateProgress(sts, desired);
}

function updateProgress(sts: LiveObject, desired: number): HealthVerdict {
  const strategy = stringAt(sts, 'spec', 'updateStrategy', 'type') || 'RollingUpdate';
  const updated = countAt(sts, 'status', 'updatedReplicas');
  const rollingUpdate = fieldAt(sts, 'spec', 'updateStrategy', 'rollingUpdate');
  if (strategy === 'RollingUpdate' && rollingUpdate !== undefined) {
    const partition = numberAt(rollingUpdate, 'partition') ?? 0;
    const target = desired - partition;
    if (updated < target) {
      return { status: 'Progressing', message: `Waiting for rolling update to finish: ${updated} of ${target} pods updated (partition ${partition})...` };
    }
    return { status: 'Healthy', message: `Rolling update complete: ${updated} of ${target} pods updated (partition ${partition})` };
  }
  const ready = countAt(sts, 'status', 'readyReplicas');
  if (strategy === 'OnDelete') return { status: 'Healthy', message: `${ready} pods ready (OnDelete: pods are updated only when deleted)` };
  const updateRevision = stringAt(sts, 'status', 'updateRevision');
  const currentRevision = stringAt(sts, 'status', 'currentRevision');
  if (updateRevision !== currentRevision) {
    return { status: 'Progressing', message: `Waiting for rolling update to finish: ${updated} pods at revision ${updateRevision}...` };
  }
  return { status: 'Healthy', message: `Rolling update complete: ${countAt(sts, 'status', 'currentReplicas')} pods at revision ${currentRevision}` };
}
