// Each captured live object against the rule of spec §5 that judges it: status and message exactly.
import { healthOf, hookContext, type HealthContext, type HealthVerdict } from '../../../sync/health';
import { fixtureNames, loadFixture } from './fixtures';

interface Case {
  name: string;
  fixture: string;
  context?: HealthContext;
  expected: HealthVerdict | undefined;
}

const progressing = (message: string): HealthVerdict => ({ status: 'Progressing', message });
const healthy = (message: string): HealthVerdict => ({ status: 'Healthy', message });
const degraded = (message: string): HealthVerdict => ({ status: 'Degraded', message });

const jobCases: Case[] = [
  { name: '§5.3 Job: no terminal condition → Progressing', fixture: 'job-running', expected: progressing('Waiting for Job to complete: 1 active, 0 succeeded, 0 failed pods') },
  { name: '§5.3 Job: Complete condition → Healthy with its message', fixture: 'job-succeeded', expected: healthy('Reached expected number of succeeded pods') },
  { name: '§5.3 Job: Failed condition → Degraded with its message', fixture: 'job-failed', expected: degraded('Job has reached the specified backoff limit') },
  { name: '§5.3 Job: FailureTarget alone is ignored → Progressing until Failed', fixture: 'job-failure-target', expected: progressing('Waiting for Job to complete: 0 active, 0 succeeded, 1 failed pods') },
  { name: '§5.3 Job: Suspended=True → Suspended', fixture: 'job-suspended', expected: { status: 'Suspended', message: 'Job suspended' } },
  { name: '§5.3 Job quirk not copied: resumed Job (Suspended=False) → Progressing, not Healthy', fixture: 'job-resumed', expected: progressing('Waiting for Job to complete: 1 active, 0 succeeded, 0 failed pods') },
];

const deletionCases: Case[] = [
  { name: '§5.1 step 1: deletionTimestamp without hook finalizer → Progressing "Pending deletion"', fixture: 'job-pending-deletion', expected: progressing('Pending deletion') },
  { name: '§5.1 step 1 / R2.9: hook finalizer present → judged by its rule', fixture: 'job-pending-deletion-hook-finalizer', expected: healthy('Reached expected number of succeeded pods') },
  { name: 'R2.9: hook finalizer present, deleted before it finished → its rule (still Progressing; hookCompletion fails it)', fixture: 'job-deleted-while-running-hook-finalizer', expected: progressing('Waiting for Job to complete: 0 active, 0 succeeded, 0 failed pods') },
  { name: '§5.1 step 1 applies to kinds without a health check too', fixture: 'configmap-pending-deletion', expected: progressing('Pending deletion') },
  { name: '§5.1 step 4: ConfigMap has no health check → undefined', fixture: 'configmap-no-health-check', expected: undefined },
];

const podCases: Case[] = [
  { name: '§5.3 Pod: Pending (unschedulable) → Progressing', fixture: 'pod-pending', expected: progressing('Waiting to be scheduled: 0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.') },
  { name: '§5.3 Pod: restartPolicy Never + ImagePullBackOff stays Pending → Progressing', fixture: 'pod-pending-imagepullbackoff-never', expected: progressing('Waiting for containers: smoke: ImagePullBackOff (Back-off pulling image "registry.example.com/shop/smoke-test:2.4.1-typo")') },
  { name: '§5.3 Pod: Always + waiting reason ending in BackOff → Degraded', fixture: 'pod-imagepullbackoff', expected: degraded('smoke: ImagePullBackOff (Back-off pulling image "registry.example.com/shop/smoke-test:2.4.1-typo")') },
  { name: '§5.3 Pod: Always + CrashLoopBackOff → Degraded', fixture: 'pod-crashloop', expected: degraded('app: CrashLoopBackOff (back-off 40s restarting failed container=app pod=web-5d8f7c9b4-x2k8q_shop(9b4d2e71-3c5a-4f8e-b0d6-2a7c9e1f5b38))') },
  { name: '§5.3 Pod: Running, Always, Ready → Healthy', fixture: 'pod-running-ready', expected: healthy('All containers are ready') },
  { name: '§5.3 Pod: Running, Always, not ready, never restarted → Progressing', fixture: 'pod-running-not-ready', expected: progressing('Waiting for containers to be ready: app') },
  { name: '§5.3 Pod: Running, Always, not ready after a restart → Degraded', fixture: 'pod-running-restarted', expected: degraded('app: restarted 2 times, last exit code 137 (Error)') },
  { name: '§5.3 Pod: Running with restartPolicy Never → Progressing even when ready', fixture: 'pod-running-restartpolicy-never', expected: progressing('Waiting for the pod to run to completion (restartPolicy Never)') },
  { name: '§5.3 Pod: ignore-restart-policy on a non-hook → treated as Always → Healthy', fixture: 'pod-running-ignore-restart-policy', expected: healthy('All containers are ready') },
  { name: '§5.3 Pod: ignore-restart-policy is ignored for hooks → Progressing', fixture: 'pod-running-ignore-restart-policy', context: hookContext, expected: progressing('Waiting for the pod to run to completion (restartPolicy Never)') },
  { name: '§5.3 Pod: Succeeded → Healthy', fixture: 'pod-succeeded', expected: healthy('Pod completed successfully') },
  { name: '§5.3 Pod: Failed, no messages → Degraded with exit code', fixture: 'pod-failed', expected: degraded('container "smoke" exited with code 1') },
  { name: '§5.3 Pod: Failed with OOMKilled container → Degraded "OOMKilled"', fixture: 'pod-failed-oomkilled', expected: degraded('OOMKilled') },
  { name: '§5.3 Pod: Failed → Degraded with the container termination message', fixture: 'pod-failed-termination-message', expected: degraded('checkout smoke test: GET /api/cart returned 503') },
  { name: '§5.3 Pod: Failed → Degraded with the pod message first (eviction)', fixture: 'pod-failed-evicted', expected: degraded('The node was low on resource: memory. Threshold quantity: 100Mi, available: 84232Ki. Container smoke was using 512Mi, request is 128Mi, has larger consumption of memory.') },
  { name: '§5.3 Pod: other phase → Unknown', fixture: 'pod-unknown', expected: { status: 'Unknown', message: 'Node worker-2 which was running pod web-5d8f7c9b4-x2k8q is unresponsive' } },
];

const workloadCases: Case[] = [
  { name: '§5.3 Deployment: updatedReplicas < spec.replicas → Progressing', fixture: 'deployment-progressing', expected: progressing('Waiting for rollout to finish: 1 of 3 new replicas have been updated...') },
  { name: '§5.3 Deployment: old replicas remain → Progressing', fixture: 'deployment-old-replicas', expected: progressing('Waiting for rollout to finish: 1 old replicas are pending termination...') },
  { name: '§5.3 Deployment: availableReplicas < updatedReplicas → Progressing', fixture: 'deployment-unavailable', expected: progressing('Waiting for rollout to finish: 1 of 3 updated replicas are available...') },
  { name: '§5.3 Deployment: all updated and available → Healthy', fixture: 'deployment-healthy', expected: healthy('Rollout complete: 3 of 3 replicas updated and available') },
  { name: '§5.3 Deployment: ProgressDeadlineExceeded → Degraded', fixture: 'deployment-degraded', expected: degraded('Deployment "web" exceeded its progress deadline: ReplicaSet "web-5d8f7c9b4" has timed out progressing.') },
  { name: '§5.3 Deployment: spec.paused → Suspended', fixture: 'deployment-paused', expected: { status: 'Suspended', message: 'Deployment is paused' } },
  { name: '§5.3 Deployment: generation > observedGeneration → Progressing despite healthy-looking status', fixture: 'deployment-old-generation', expected: progressing('Waiting for rollout to finish: observed generation 7 is behind generation 8') },
  { name: '§5.3 StatefulSet: observedGeneration 0 → Progressing', fixture: 'statefulset-new', expected: progressing('Waiting for rollout to finish: observed generation 0 is behind generation 1') },
  { name: '§5.3 StatefulSet: readyReplicas < spec.replicas → Progressing', fixture: 'statefulset-progressing', expected: progressing('Waiting for 2 of 3 pods to be ready...') },
  { name: '§5.3 StatefulSet: RollingUpdate partition 0, all updated → Healthy', fixture: 'statefulset-healthy', expected: healthy('Rolling update complete: 3 of 3 pods updated (partition 0)') },
  { name: '§5.3 StatefulSet: updatedReplicas < replicas − partition → Progressing', fixture: 'statefulset-partitioned-rollout', expected: progressing('Waiting for rolling update to finish: 1 of 2 pods updated (partition 1)...') },
  { name: '§5.3 StatefulSet: OnDelete → Healthy once ready', fixture: 'statefulset-ondelete', expected: healthy('3 pods ready (OnDelete: pods are updated only when deleted)') },
  { name: '§5.3 StatefulSet: no rollingUpdate block, updateRevision ≠ currentRevision → Progressing', fixture: 'statefulset-revision-pending', expected: progressing('Waiting for rolling update to finish: 1 pods at revision cart-db-7d9f5a8b26...') },
  { name: '§5.3 StatefulSet: no rollingUpdate block, revisions equal → Healthy', fixture: 'statefulset-revision-complete', expected: healthy('Rolling update complete: 3 pods at revision cart-db-7d9f5a8b26') },
  { name: '§5.3 DaemonSet: generation ahead of observed → Progressing', fixture: 'daemonset-old-generation', expected: progressing('Waiting for rollout to finish: observed generation 5 is behind generation 6') },
  { name: '§5.3 DaemonSet: updatedNumberScheduled < desired → Progressing', fixture: 'daemonset-progressing', expected: progressing('Waiting for rollout to finish: 1 of 3 new pods have been updated...') },
  { name: '§5.3 DaemonSet: numberAvailable < desired → Progressing', fixture: 'daemonset-unavailable', expected: progressing('Waiting for rollout to finish: 2 of 3 updated pods are available...') },
  { name: '§5.3 DaemonSet: all updated and available → Healthy', fixture: 'daemonset-healthy', expected: healthy('Rollout complete: 3 of 3 pods updated and available') },
  { name: '§5.3 DaemonSet: OnDelete → Healthy without waiting for updates', fixture: 'daemonset-ondelete', expected: healthy('0 of 3 pods updated (OnDelete: pods are updated only when deleted)') },
  { name: '§5.3 ReplicaSet: availableReplicas < spec.replicas → Progressing', fixture: 'replicaset-progressing', expected: progressing('Waiting for rollout to finish: 1 of 3 replicas are available...') },
  { name: '§5.3 ReplicaSet: all available → Healthy', fixture: 'replicaset-healthy', expected: healthy('3 of 3 replicas are available') },
  { name: '§5.3 ReplicaSet: ReplicaFailure=True → Degraded', fixture: 'replicaset-degraded', expected: degraded('pods "web-5d8f7c9b4-kq4vz" is forbidden: exceeded quota: compute, requested: cpu=500m, used: cpu=1500m, limited: cpu=2') },
];

const passiveCases: Case[] = [
  { name: '§5.3 PVC: Bound → Healthy', fixture: 'pvc-bound', expected: healthy('Bound to volume "pvc-3f8b2c61-7d4e-4a19-9e05-b6c1d8a2f374"') },
  { name: '§5.3 PVC: Pending → Progressing (argo-cd#12840)', fixture: 'pvc-pending', expected: progressing('Waiting for the claim to be bound (with a WaitForFirstConsumer class, only once a Pod uses it)') },
  { name: '§5.3 PVC: Lost → Degraded', fixture: 'pvc-lost', expected: degraded('Bound volume "pvc-3f8b2c61-7d4e-4a19-9e05-b6c1d8a2f374" was lost') },
  { name: '§5.3 Service: LoadBalancer without ingress → Progressing', fixture: 'service-loadbalancer-pending', expected: progressing('Waiting for the load balancer to publish an address') },
  { name: '§5.3 Service: LoadBalancer with ingress → Healthy', fixture: 'service-loadbalancer-ready', expected: healthy('Load balancer address: 203.0.113.24') },
  { name: '§5.3 Service: ClusterIP → Healthy', fixture: 'service-clusterip', expected: healthy('ClusterIP Service needs no address to be published') },
  { name: '§5.3 Ingress: no address published → Progressing (argo-cd#14607)', fixture: 'ingress-pending', expected: progressing('Waiting for the ingress controller to publish an address') },
  { name: '§5.3 Ingress: hostname published → Healthy', fixture: 'ingress-ready', expected: healthy('Ingress address: a3f9c1e7b2d84e6f.elb.eu-west-1.amazonaws.com') },
  { name: '§5.3 HPA v2: AbleToScale=True → Healthy', fixture: 'hpa-healthy', expected: healthy('recommended size matches current size') },
  { name: '§5.3 HPA v2: ScalingActive FailedGetResourceMetric → Degraded even after AbleToScale=True', fixture: 'hpa-degraded', expected: degraded('the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)') },
  { name: '§5.3 HPA: no conditions → Progressing "Waiting to Autoscale"', fixture: 'hpa-progressing', expected: progressing('Waiting to Autoscale') },
  { name: '§5.3 HPA v1: conditions from the annotation → Healthy', fixture: 'hpa-v1-healthy', expected: healthy('recommended size matches current size') },
  { name: '§5.1 step 3: error computing health (bad v1 annotation) → Unknown', fixture: 'hpa-v1-invalid-annotation', expected: { status: 'Unknown', message: 'annotation autoscaling.alpha.kubernetes.io/conditions is not a JSON list of conditions' } },
  { name: '§5.3 APIService: Available=True → Healthy "reason: message"', fixture: 'apiservice-available', expected: healthy('Passed: all checks passed') },
  { name: '§5.3 APIService: Available not True → Progressing, never Degraded', fixture: 'apiservice-unavailable', expected: progressing('MissingEndpoints: endpoints for service/metrics-server in "kube-system" have no addresses with port name "https"') },
  { name: '§5.3 APIService: no Available condition → Progressing "Waiting to be processed"', fixture: 'apiservice-new', expected: progressing('Waiting to be processed') },
  { name: '§5.3 Workflow: Running → Progressing', fixture: 'workflow-running', expected: progressing('Waiting for the workflow to finish (phase Running)') },
  { name: '§5.3 Workflow: Succeeded → Healthy', fixture: 'workflow-succeeded', expected: healthy('Workflow succeeded') },
  { name: '§5.3 Workflow: Failed → Degraded with status.message', fixture: 'workflow-failed', expected: degraded('Error (exit code 1)') },
];

const cases = [...jobCases, ...deletionCases, ...podCases, ...workloadCases, ...passiveCases];

describe('healthOf', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(healthOf(loadFixture(c.fixture), c.context)).toEqual(c.expected);
  });

  it('has a case for every fixture on disk, and a fixture for every case', () => {
    const used = [...new Set(cases.map((c) => c.fixture))].sort();
    expect(used).toEqual(fixtureNames());
  });
});
