// The three possible answers to "how healthy is this object" (spec §5.1): a verdict, no health
// check for its kind, or an error while computing it. Hooks and resources react differently to
// the last two (spec §5.2), so they are kept apart here and folded by each caller.
import { resourceContext, type HealthContext } from './healthContext';
import { healthRuleFor } from './healthRules';
import { type HealthVerdict } from './healthStatus';
import { type LiveObject } from './liveObject';
import { pendingDeletion } from './pendingDeletion';

export type HealthAssessment =
  | { outcome: 'verdict'; verdict: HealthVerdict }
  | { outcome: 'noHealthCheck' }
  | { outcome: 'error'; error: string };

export function assessHealth(obj: LiveObject, context: HealthContext = resourceContext): HealthAssessment {
  const deleting = pendingDeletion(obj);
  if (deleting) return { outcome: 'verdict', verdict: deleting };
  const rule = healthRuleFor(obj.apiVersion, obj.kind);
  if (!rule) return { outcome: 'noHealthCheck' };
  try {
    return { outcome: 'verdict', verdict: rule(obj, context) };
  } catch (error) {
    return { outcome: 'error', error: error instanceof Error ? error.message : String(error) };
  }
}
