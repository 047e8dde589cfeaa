// Health of live objects: the public face of sync/health. Pure: it reads plain JSON objects as the
// API server returns them and never talks to a cluster.
import { assessHealth } from './assessHealth';
import { noCustomHealthChecks, type CustomHealthChecks } from './customHealth';
import { resourceContext, type HealthContext } from './healthContext';
import { type HealthVerdict } from './healthStatus';
import { type LiveObject } from './liveObject';

export { assessHealth, type HealthAssessment } from './assessHealth';
export {
  customHealthCheckFor, customHealthFields, customHealthRule, noCustomHealthChecks,
  type CustomHealthCheck, type CustomHealthChecks, type CustomHealthField, type HealthPredicate,
} from './customHealth';
export { hookContext, resourceContext, type HealthContext } from './healthContext';
export { healthRuleFor, healthRules, type HealthRule, type HealthRuleEntry } from './healthRules';
export { healthStatuses, isHealthStatus, worseHealth, type HealthStatus, type HealthVerdict } from './healthStatus';
export { hookCompletion, hookPhases, type HookOutcome, type HookPhase } from './hookCompletion';
export { resourceCompletion, type ResourceOutcome } from './resourceCompletion';
export { type LiveObject } from './liveObject';

/**
 * The health of one live object (spec §5.1), or undefined when its kind has no health check: such
 * an object counts as healthy wherever the sync waits for health (spec §5.4). An error while
 * computing health reads as Unknown, as in Argo CD.
 */
export function healthOf(obj: LiveObject, context: HealthContext = resourceContext, custom: CustomHealthChecks = noCustomHealthChecks): HealthVerdict | undefined {
  const assessment = assessHealth(obj, context, custom);
  switch (assessment.outcome) {
    case 'verdict':
      return assessment.verdict;
    case 'noHealthCheck':
      return undefined;
    case 'error':
      return { status: 'Unknown', message: assessment.error };
  }
}
