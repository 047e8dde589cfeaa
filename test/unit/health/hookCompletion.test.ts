// Spec §5.2: how a hook's phase and a plain resource's task state follow from the live object.
import { hookCompletion, resourceCompletion, type HookOutcome, type ResourceOutcome } from '../../../sync/health';
import { loadFixture } from './fixtures';

interface Case {
  name: string;
  fixture: string;
  expected: HookOutcome;
}

const hpaError = 'failed to get resource health: annotation autoscaling.alpha.kubernetes.io/conditions is not a JSON list of conditions';

const hookCases: Case[] = [
  { name: '§5.2 hook: Progressing Job → Running', fixture: 'job-running', expected: { phase: 'Running', message: 'Waiting for Job to complete: 1 active, 0 succeeded, 0 failed pods' } },
  { name: '§5.2 hook: Healthy Job → Succeeded with the health message', fixture: 'job-succeeded', expected: { phase: 'Succeeded', message: 'Reached expected number of succeeded pods' } },
  { name: '§5.2 hook: Degraded Job → Failed', fixture: 'job-failed', expected: { phase: 'Failed', message: 'Job has reached the specified backoff limit' } },
  { name: '§5.2 hook: Suspended Job keeps the sync waiting → Running', fixture: 'job-suspended', expected: { phase: 'Running', message: 'Job suspended' } },
  { name: '§5.2 hook: Suspended Deployment → Running', fixture: 'deployment-paused', expected: { phase: 'Running', message: 'Deployment is paused' } },
  { name: '§6.2 hook being deleted (no hook finalizer) before it finished → Failed', fixture: 'job-pending-deletion', expected: { phase: 'Failed', message: 'hook was deleted while it was running' } },
  { name: '§6.2 hook deleted by hand while running, held by the hook finalizer → Failed, not Running forever', fixture: 'job-deleted-while-running-hook-finalizer', expected: { phase: 'Failed', message: 'hook was deleted while it was running' } },
  { name: 'R2.9 hook being deleted but holding the hook finalizer → its real outcome', fixture: 'job-pending-deletion-hook-finalizer', expected: { phase: 'Succeeded', message: 'Reached expected number of succeeded pods' } },
  { name: '§5.2 hook: Pod Succeeded → Succeeded', fixture: 'pod-succeeded', expected: { phase: 'Succeeded', message: 'Pod completed successfully' } },
  { name: '§5.2 hook: Pod Failed → Failed', fixture: 'pod-failed', expected: { phase: 'Failed', message: 'container "smoke" exited with code 1' } },
  { name: '§5.3 Pod: hook with restartPolicy Never and ImagePullBackOff → Running, not Failed', fixture: 'pod-pending-imagepullbackoff-never', expected: { phase: 'Running', message: 'Waiting for containers: smoke: ImagePullBackOff (Back-off pulling image "registry.example.com/shop/smoke-test:2.4.1-typo")' } },
  { name: '§5.3 Pod: ignore-restart-policy does not apply to hooks → Running', fixture: 'pod-running-ignore-restart-policy', expected: { phase: 'Running', message: 'Waiting for the pod to run to completion (restartPolicy Never)' } },
  { name: '§5.2 hook: Unknown → Failed', fixture: 'pod-unknown', expected: { phase: 'Failed', message: 'Node worker-2 which was running pod web-5d8f7c9b4-x2k8q is unresponsive' } },
  { name: '§5.2 hook: Workflow Running → Running', fixture: 'workflow-running', expected: { phase: 'Running', message: 'Waiting for the workflow to finish (phase Running)' } },
  { name: '§5.2 hook: Workflow Succeeded → Succeeded', fixture: 'workflow-succeeded', expected: { phase: 'Succeeded', message: 'Workflow succeeded' } },
  { name: '§5.2 hook: Workflow Failed → Failed', fixture: 'workflow-failed', expected: { phase: 'Failed', message: 'Error (exit code 1)' } },
  { name: '§5.2 hook: no health check → Succeeded "<name> created"', fixture: 'configmap-no-health-check', expected: { phase: 'Succeeded', message: 'migrate-config-presync created' } },
  { name: '§5.2 hook: passive kind with a check (ClusterIP Service) → Succeeded at once', fixture: 'service-clusterip', expected: { phase: 'Succeeded', message: 'ClusterIP Service needs no address to be published' } },
  { name: '§5.2 hook: error computing health → Error', fixture: 'hpa-v1-invalid-annotation', expected: { phase: 'Error', message: hpaError } },
];

const resourceCases: Array<{ name: string; fixture: string; expected: ResourceOutcome }> = [
  { name: '§5.2 resource: Healthy → Succeeded', fixture: 'deployment-healthy', expected: { phase: 'Succeeded', health: 'Healthy', message: 'Rollout complete: 3 of 3 replicas updated and available' } },
  { name: '§5.2 resource: no health check → Succeeded', fixture: 'configmap-no-health-check', expected: { phase: 'Succeeded', message: 'ConfigMap has no health check' } },
  { name: '§5.2 resource: Degraded → Failed', fixture: 'deployment-degraded', expected: { phase: 'Failed', health: 'Degraded', message: 'Deployment "web" exceeded its progress deadline: ReplicaSet "web-5d8f7c9b4" has timed out progressing.' } },
  { name: '§5.2 resource: Progressing → Running', fixture: 'deployment-progressing', expected: { phase: 'Running', health: 'Progressing', message: 'Waiting for rollout to finish: 1 of 3 new replicas have been updated...' } },
  { name: '§5.2 resource: Suspended → Running', fixture: 'deployment-paused', expected: { phase: 'Running', health: 'Suspended', message: 'Deployment is paused' } },
  { name: '§5.2 asymmetry: Unknown keeps a resource Running (it fails a hook)', fixture: 'pod-unknown', expected: { phase: 'Running', health: 'Unknown', message: 'Node worker-2 which was running pod web-5d8f7c9b4-x2k8q is unresponsive' } },
  { name: '§5.2 resource: error computing health → Running', fixture: 'hpa-v1-invalid-annotation', expected: { phase: 'Running', health: 'Unknown', message: hpaError } },
  { name: '§5.3 Pod: ignore-restart-policy applies to non-hooks → Succeeded', fixture: 'pod-running-ignore-restart-policy', expected: { phase: 'Succeeded', health: 'Healthy', message: 'All containers are ready' } },
];

describe('hookCompletion', () => {
  it.each(hookCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(hookCompletion(loadFixture(c.fixture))).toEqual(c.expected);
  });
});

describe('resourceCompletion', () => {
  it.each(resourceCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(resourceCompletion(loadFixture(c.fixture))).toEqual(c.expected);
  });
});
