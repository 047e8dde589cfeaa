// How a plain (non-hook) resource's task moves once applied (spec §5.2, last paragraph): only
// Healthy or no health check completes it, only Degraded fails it; everything else keeps waiting.
// The health status travels along for the result row; a kind without a health check has none.
import { assessHealth } from './assessHealth';
import { noCustomHealthChecks, type CustomHealthChecks } from './customHealth';
import { resourceContext } from './healthContext';
import { type HealthStatus } from './healthStatus';
import { type HookOutcome } from './hookCompletion';
import { type LiveObject } from './liveObject';

export interface ResourceOutcome extends HookOutcome {
  health?: HealthStatus;
}

export function resourceCompletion(resource: LiveObject, custom: CustomHealthChecks = noCustomHealthChecks): ResourceOutcome {
  const assessment = assessHealth(resource, resourceContext, custom);
  switch (assessment.outcome) {
    case 'error':
      // Unlike a hook, a resource whose health cannot be computed keeps the sync waiting.
      return { phase: 'Running', health: 'Unknown', message: `failed to get resource health: ${assessment.error}` };
    case 'noHealthCheck':
      return { phase: 'Succeeded', message: `${resource.kind} has no health check` };
    case 'verdict': {
      const { status, message } = assessment.verdict;
      if (status === 'Healthy') return { phase: 'Succeeded', health: status, message };
      if (status === 'Degraded') return { phase: 'Failed', health: status, message };
      return { phase: 'Running', health: status, message };
    }
  }
}
