// Which built-in rule judges which kind (spec §5.3). Data only, sorted by (API group, kind) so a
// review sees at once what is covered; a kind that is not here has no health check (spec §5.1
// step 4), which the sync treats as done as soon as the object exists.
import { apiServiceHealth } from './apiServiceHealth';
import { daemonSetHealth } from './daemonSetHealth';
import { deploymentHealth } from './deploymentHealth';
import { type HealthContext } from './healthContext';
import { type HealthVerdict } from './healthStatus';
import { horizontalPodAutoscalerHealth } from './horizontalPodAutoscalerHealth';
import { ingressHealth } from './ingressHealth';
import { jobHealth } from './jobHealth';
import { splitApiVersion } from '../objectRef';
import { type LiveObject } from './liveObject';
import { persistentVolumeClaimHealth } from './persistentVolumeClaimHealth';
import { podHealth } from './podHealth';
import { replicaSetHealth } from './replicaSetHealth';
import { serviceHealth } from './serviceHealth';
import { statefulSetHealth } from './statefulSetHealth';
import { workflowHealth } from './workflowHealth';

/** A rule may throw: that is "error computing health" (spec §5.1, §5.2), not a verdict. */
export type HealthRule = (obj: LiveObject, context: HealthContext) => HealthVerdict;

export interface HealthRuleEntry {
  group: string;
  kind: string;
  rule: HealthRule;
}

// Every version of a group shares the rule: fields read here kept their names across versions.
export const healthRules: readonly HealthRuleEntry[] = [
  { group: '', kind: 'PersistentVolumeClaim', rule: persistentVolumeClaimHealth },
  { group: '', kind: 'Pod', rule: podHealth },
  { group: '', kind: 'Service', rule: serviceHealth },
  { group: 'apiregistration.k8s.io', kind: 'APIService', rule: apiServiceHealth },
  { group: 'apps', kind: 'DaemonSet', rule: daemonSetHealth },
  { group: 'apps', kind: 'Deployment', rule: deploymentHealth },
  { group: 'apps', kind: 'ReplicaSet', rule: replicaSetHealth },
  { group: 'apps', kind: 'StatefulSet', rule: statefulSetHealth },
  { group: 'argoproj.io', kind: 'Workflow', rule: workflowHealth },
  { group: 'autoscaling', kind: 'HorizontalPodAutoscaler', rule: horizontalPodAutoscalerHealth },
  { group: 'batch', kind: 'Job', rule: jobHealth },
  { group: 'extensions', kind: 'DaemonSet', rule: daemonSetHealth },
  { group: 'extensions', kind: 'Deployment', rule: deploymentHealth },
  { group: 'extensions', kind: 'Ingress', rule: ingressHealth },
  { group: 'extensions', kind: 'ReplicaSet', rule: replicaSetHealth },
  { group: 'networking.k8s.io', kind: 'Ingress', rule: ingressHealth },
];

export function healthRuleFor(apiVersion: string, kind: string): HealthRule | undefined {
  const { group } = splitApiVersion(apiVersion);
  return healthRules.find((entry) => entry.group === group && entry.kind === kind)?.rule;
}
