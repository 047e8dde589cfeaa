// batch/v1 Job (spec §5.3 Job). A Job is judged only by its terminal conditions, which the Job
// controller adds once and never removes: Failed, Complete, or Suspended while `spec.suspend` holds.
import { type HealthVerdict } from './healthStatus';
import { countAt, conditionsOf, type Condition, type LiveObject } from './liveObject';

export function jobHealth(job: LiveObject): HealthVerdict {
  // Only True conditions count. Argo CD matches by type alone, so a Job that was suspended and then
  // resumed (it keeps `Suspended=False`) reads as Healthy while it still runs; a hook would then be
  // marked Succeeded before it finished. We read `Suspended=False` as "running" instead.
  const trueConditions = conditionsOf(job).filter((c) => c.status === 'True');
  const failed = trueConditions.find((c) => c.type === 'Failed');
  if (failed) return { status: 'Degraded', message: failedMessage(failed) };
  const complete = trueConditions.find((c) => c.type === 'Complete');
  if (complete) return { status: 'Healthy', message: complete.message || 'Job completed' };
  const suspended = trueConditions.find((c) => c.type === 'Suspended');
  if (suspended) return { status: 'Suspended', message: suspended.message || 'Job suspended' };
  // FailureTarget / SuccessCriteriaMet come before Failed / Complete while pods wind down; waiting
  // for the final condition means the hook's pods really are gone when we say it ended.
  return { status: 'Progressing', message: runningMessage(job) };
}

function failedMessage(failed: Condition): string {
  return failed.message || failed.reason || 'Job failed';
}

function runningMessage(job: LiveObject): string {
  const active = countAt(job, 'status', 'active');
  const succeeded = countAt(job, 'status', 'succeeded');
  const failed = countAt(job, 'status', 'failed');
  return `Waiting for Job to complete: ${active} active, ${succeeded} succeeded, ${failed} failed pods`;
}
