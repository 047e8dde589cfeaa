// An object Kubernetes is already deleting is not judged by its kind's rule (spec §5.1 step 1):
// its status may be frozen, and it is about to be gone. The exception is a hook that still carries
// our hook finalizer (spec R2.9): the finalizer exists so that its last status can still be read.
import { type HealthVerdict } from './healthStatus';
import { type LiveObject } from './liveObject';
import { HOOK_FINALIZER } from '../stamp';

export function pendingDeletion(obj: LiveObject): HealthVerdict | undefined {
  const deletionTimestamp = obj.metadata.deletionTimestamp;
  if (deletionTimestamp === undefined || deletionTimestamp === null) return undefined;
  const finalizers = obj.metadata.finalizers;
  if (Array.isArray(finalizers) && finalizers.includes(HOOK_FINALIZER)) return undefined;
  return { status: 'Progressing', message: 'Pending deletion' };
}
