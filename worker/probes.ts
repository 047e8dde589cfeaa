// What the health endpoint answers, from the worker's own status (pure, so every state is tested).
// Live: the process is a worker that has not failed; a stopping worker stays live, so that the
// kubelet does not kill it during its shutdown grace. Ready: both pollers poll the task queue; a
// worker that is starting, stopping or failed is not ready.
import type { WorkerStatus } from '@temporalio/worker';

export type ProbeStatus = Pick<WorkerStatus, 'runState' | 'workflowPollerState' | 'activityPollerState' | 'numInFlightActivities'>;

export interface ProbeAnswer {
  code: 200 | 503;
  body: string;
}

export function liveness(status: ProbeStatus | undefined): ProbeAnswer {
  const dead = status?.runState === 'FAILED' || status?.runState === 'STOPPED';
  return answer(!dead, status);
}

export function readiness(status: ProbeStatus | undefined): ProbeAnswer {
  const ready = status?.runState === 'RUNNING' && status.workflowPollerState === 'POLLING' && status.activityPollerState === 'POLLING';
  return answer(ready, status);
}

function answer(ok: boolean, status: ProbeStatus | undefined): ProbeAnswer {
  const state = status ? { state: status.runState, workflowPoller: status.workflowPollerState, activityPoller: status.activityPollerState, activities: status.numInFlightActivities } : { state: 'CREATING' };
  return { code: ok ? 200 : 503, body: `${JSON.stringify({ ok, ...state })}\n` };
}
