// autoscaling HorizontalPodAutoscaler (spec §5.3 HorizontalPodAutoscaler). autoscaling/v1 has no
// conditions field, so the controller stores them as JSON in an annotation; v2 has real ones.
import { type HealthVerdict } from './healthStatus';
import { conditionsOf, toCondition, type Condition, type LiveObject } from './liveObject';

export const hpaV1ConditionsAnnotation = 'autoscaling.alpha.kubernetes.io/conditions';

/** (condition type, reason) pairs that mean the autoscaler cannot do its job. */
const degradedReasons: readonly (readonly [string, string])[] = [
  ['AbleToScale', 'FailedGetScale'],
  ['AbleToScale', 'FailedUpdateScale'],
  ['ScalingActive', 'FailedComputeMetricsReplicas'],
  ['ScalingActive', 'FailedGetExternalMetric'],
  ['ScalingActive', 'FailedGetObjectMetric'],
  ['ScalingActive', 'FailedGetPodsMetric'],
  ['ScalingActive', 'FailedGetResourceMetric'],
  ['ScalingActive', 'InvalidSelector'],
];

const healthyWhenTrue: readonly string[] = ['AbleToScale', 'ScalingLimited'];

/** Throws when the v1 annotation is not valid JSON: that is a health error, not a verdict. */
export function horizontalPodAutoscalerHealth(hpa: LiveObject): HealthVerdict {
  const conditions = hpaConditions(hpa);
  const degraded = conditions.find((c) => degradedReasons.some(([type, reason]) => c.type === type && c.reason === reason));
  if (degraded) return { status: 'Degraded', message: degraded.message || degraded.reason };
  const healthy = conditions.find((c) => healthyWhenTrue.includes(c.type) && c.status === 'True');
  if (healthy) return { status: 'Healthy', message: healthy.message || healthy.reason };
  return { status: 'Progressing', message: 'Waiting to Autoscale' };
}

function hpaConditions(hpa: LiveObject): Condition[] {
  if (hpa.apiVersion !== 'autoscaling/v1') return conditionsOf(hpa);
  const annotation = hpa.metadata.annotations?.[hpaV1ConditionsAnnotation];
  if (annotation === undefined) return [];
  // The engine's own parse error text differs between Node versions; the position adds little.
  let parsed: unknown;
  try {
    parsed = JSON.parse(annotation);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed)) throw new Error(`annotation ${hpaV1ConditionsAnnotation} is not a JSON list of conditions`);
  return parsed.map(toCondition);
}
