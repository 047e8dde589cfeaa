// How a plain (non-hook) resource's task moves once applied (spec §5.2, last paragraph): only
// Healthy or no health check completes it, only Degraded fails it; everything else keeps waiting.
import { assessHealth } from './assessHealth';
import { resourceContext } from './healthContext';
import { type HookOutcome } from './hookCompletion';
import { type LiveObject } from './liveObject';

export function resourceCompletion(resource: LiveObject): HookOutcome {
  const assessment = assessHealth(resource, resourceContext);
  switch (assessment.outcome) {
    case 'error':
      // Unlike a hook, a resource whose health cannot be computed keeps the sync waiting.
      return { phase: 'Running', message: `failed to get resource health: ${assessment.error}` };
    case 'noHealthCheck':
      return { phase: 'Succeeded', message: `${resource.kind} has no health check` };
    case 'verdict': {
      const { status, message } = assessment.verdict;
      if (status === 'Healthy') return { phase: 'Succeeded', message };
      if (status === 'Degraded') return { phase: 'Failed', message };
      return { phase: 'Running', message };
    }
  }
}
