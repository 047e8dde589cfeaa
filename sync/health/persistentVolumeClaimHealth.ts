// v1 PersistentVolumeClaim (spec §5.3 PersistentVolumeClaim), judged by `status.phase`.
import { type HealthVerdict } from './healthStatus';
import { stringAt, type LiveObject } from './liveObject';

export function persistentVolumeClaimHealth(claim: LiveObject): HealthVerdict {
  const phase = stringAt(claim, 'status', 'phase');
  const volume = stringAt(claim, 'spec', 'volumeName');
  switch (phase) {
    case 'Bound':
      return { status: 'Healthy', message: `Bound to volume "${volume}"` };
    case 'Pending':
      // A WaitForFirstConsumer class binds only once a Pod uses the claim, so a claim in an earlier
      // wave than its Pod waits forever (argo-cd#12840); say so, since the claim cannot tell us.
      return { status: 'Progressing', message: 'Waiting for the claim to be bound (with a WaitForFirstConsumer class, only once a Pod uses it)' };
    case 'Lost':
      return { status: 'Degraded', message: `Bound volume "${volume}" was lost` };
    default:
      return { status: 'Unknown', message: `Unknown claim phase "${phase}"` };
  }
}
