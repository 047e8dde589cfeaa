// The three possible answers to "how healthy is this object" (spec §5.1): a verdict, no health
// check for its kind, or an error while computing it. Hooks and resources react differently to
// the last two (spec §5.2), so they are kept apart here and folded by each caller.
import { customHealthCheckFor, customHealthRule, noCustomHealthChecks, type CustomHealthChecks } from './customHealth';
import { resourceContext, type HealthContext } from './healthContext';
import { healthRuleFor, type HealthRule } from './healthRules';
import { type HealthVerdict } from './healthStatus';
import { type LiveObject } from './liveObject';
import { pendingDeletion } from './pendingDeletion';

export type HealthAssessment =
  | { outcome: 'verdict'; verdict: HealthVerdict }
  | { outcome: 'noHealthCheck' }
  | { outcome: 'error'; error: string };

export function assessHealth(obj: LiveObject, context: HealthContext = resourceContext, custom: CustomHealthChecks = noCustomHealthChecks): HealthAssessment {
  const deleting = pendingDeletion(obj);
  if (deleting) return { outcome: 'verdict', verdict: deleting };
  const rule = ruleFor(obj, custom);
  if (!rule) return { outcome: 'noHealthCheck' };
  try {
    return { outcome: 'verdict', verdict: rule(obj, context) };
  } catch (error) {
    return { outcome: 'error', error: error instanceof Error ? error.message : String(error) };
  }
}

/** The operator's rule for the kind wins over the built-in one, as Argo CD's health customizations do. */
function ruleFor(obj: LiveObject, custom: CustomHealthChecks): HealthRule | undefined {
  const check = customHealthCheckFor(custom, obj.apiVersion, obj.kind);
  return check ? customHealthRule(check) : healthRuleFor(obj.apiVersion, obj.kind);
}
