// How a running hook's outcome is read from its live object on each check (spec §5.2). Jobs, Pods
// and Workflows finish by their own rules; kinds without a health check are done once they exist.
import { assessHealth } from './assessHealth';
import { noCustomHealthChecks, type CustomHealthChecks } from './customHealth';
import { hookContext } from './healthContext';
import { type HealthStatus } from './healthStatus';
import { type LiveObject } from './liveObject';

/** Argo CD's operation phases as they apply to one hook. */
export const hookPhases = ['Running', 'Succeeded', 'Failed', 'Error'] as const;

export type HookPhase = (typeof hookPhases)[number];

export interface HookOutcome {
  phase: HookPhase;
  message: string;
}

// Unknown fails a hook (while it keeps a plain resource waiting, see resourceCompletion): a hook
// whose state cannot be read must not be reported as done. Missing falls through to Succeeded in
// Argo CD; no built-in rule returns it, but a future custom rule might.
const hookPhaseByHealth: Readonly<Record<HealthStatus, HookPhase>> = {
  Healthy: 'Succeeded',
  Suspended: 'Running',
  Progressing: 'Running',
  Missing: 'Succeeded',
  Degraded: 'Failed',
  Unknown: 'Failed',
};

export function hookCompletion(hook: LiveObject, custom: CustomHealthChecks = noCustomHealthChecks): HookOutcome {
  const outcome = judgeHook(hook, custom);
  // Someone deleted the hook while it ran; our finalizer holds the object, but its controller has
  // stopped (a Job being deleted is never updated again), so it would read Running forever.
  if (outcome.phase === 'Running' && hook.metadata.deletionTimestamp) {
    return { phase: 'Failed', message: 'hook was deleted while it was running' };
  }
  return outcome;
}

function judgeHook(hook: LiveObject, custom: CustomHealthChecks): HookOutcome {
  const assessment = assessHealth(hook, hookContext, custom);
  switch (assessment.outcome) {
    case 'error':
      return { phase: 'Error', message: `failed to get resource health: ${assessment.error}` };
    case 'noHealthCheck':
      return { phase: 'Succeeded', message: `${hook.metadata.name ?? ''} created` };
    case 'verdict':
      return { phase: hookPhaseByHealth[assessment.verdict.status], message: assessment.verdict.message };
  }
}
