// The health endpoint's answers in each state of the worker.
import { liveness, readiness, type ProbeStatus } from '../../../worker/probes';

const status = (runState: ProbeStatus['runState'], poller: ProbeStatus['workflowPollerState'] = 'POLLING'): ProbeStatus =>
  ({ runState, workflowPollerState: poller, activityPollerState: poller, numInFlightActivities: 1 });

test('ready only while running with both pollers polling', () => {
  expect(readiness(status('RUNNING')).code).toBe(200);
  expect(readiness(undefined).code).toBe(503);
  for (const state of ['INITIALIZED', 'STOPPING', 'DRAINING', 'DRAINED', 'STOPPED', 'FAILED'] as const) expect(readiness(status(state)).code).toBe(503);
  expect(readiness(status('RUNNING', 'FAILED')).code).toBe(503);
});

test('live while it is made, runs and stops (the grace must not be cut by the kubelet); not once failed or stopped', () => {
  for (const s of [undefined, status('INITIALIZED'), status('RUNNING'), status('STOPPING'), status('DRAINING')]) expect(liveness(s).code).toBe(200);
  expect(liveness(status('FAILED')).code).toBe(503);
  expect(liveness(status('STOPPED')).code).toBe(503);
});

test('the body says the state as JSON', () => {
  expect(JSON.parse(readiness(status('STOPPING')).body)).toEqual({ ok: false, state: 'STOPPING', workflowPoller: 'POLLING', activityPoller: 'POLLING', activities: 1 });
  expect(JSON.parse(liveness(undefined).body)).toEqual({ ok: true, state: 'CREATING' });
});
