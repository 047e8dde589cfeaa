// Automatic retry, as `argocd app sync --retry-limit N --retry-backoff-duration 5s
// --retry-backoff-factor 2 --retry-backoff-max-duration 3m` spells it: a failed attempt is
// followed, after a backoff, by a retry that resumes at the failed group (retryPlan.ts). The
// workflow waits on a durable timer and continues as new with the next attempt's input
// (workflows/retryLoop.ts); this module is the arithmetic and the words, pure and unit-tested.
import type { SyncOutcome } from './syncRun';

/** The retry strategy of one sync, Argo CD's `retry` with its defaults (5s, 2, 3m). */
export interface RetryPolicy {
  /** Retries after the first attempt; 0 none, negative without limit (Argo CD). */
  limit: number;
  /** The wait before the first retry. */
  backoffSeconds: number;
  /** Each later wait is the one before times this. */
  factor: number;
  /** No wait is longer than this. */
  maxBackoffSeconds: number;
}

export const DEFAULT_BACKOFF = { backoffSeconds: 5, factor: 2, maxBackoffSeconds: 180 } as const;

/** How an attempt ended: what `hooksync history` shows for a run that continued as the next attempt. */
export interface AttemptOutcome {
  attempt: number;
  phase: SyncOutcome;
  message: string;
}

/** What each run of an automatically retried sync carries in its input. */
export interface AutoRetry {
  policy: RetryPolicy;
  /** Retries done before this run: 0 in the first attempt. */
  retried: number;
  /** How the attempt before this run ended; absent in the first attempt. */
  previous?: AttemptOutcome;
}

/** The backoff in progress: which retry comes, when, and how the attempt before it ended. */
export interface RetryWait {
  /** The retry that starts when the wait ends: 1 for the first. */
  retry: number;
  /** The policy's limit; negative: none. */
  limit: number;
  backoffSeconds: number;
  /** When the timer fires (workflow time, ISO 8601). */
  startsAt: string;
  previous: AttemptOutcome;
}

/** Argo CD retries an operation that failed or errored; a terminated one is the user's choice. */
const RETRIED_OUTCOMES: readonly SyncOutcome[] = ['Failed', 'Error'];

/** True when an attempt that ended `phase` is followed by another one. */
export function shouldRetry(auto: AutoRetry, phase: SyncOutcome): boolean {
  return RETRIED_OUTCOMES.includes(phase) && (auto.policy.limit < 0 || auto.retried < auto.policy.limit);
}

/**
 * Seconds to wait before retry number `retried + 1`: duration × factor^retried, at most the
 * maximum (Argo CD's formula, so the first retry waits the duration itself).
 */
export function backoffSeconds(policy: RetryPolicy, retried: number): number {
  const wait = policy.backoffSeconds * policy.factor ** retried;
  return Math.min(Number.isFinite(wait) ? wait : policy.maxBackoffSeconds, policy.maxBackoffSeconds);
}

/** The input of the attempt after `auto`'s, which ended as `outcome`. */
export function nextAutoRetry(auto: AutoRetry, outcome: AttemptOutcome): AutoRetry {
  return { policy: auto.policy, retried: auto.retried + 1, previous: outcome };
}

/** A sync's final message once it was retried: Argo CD's `(retried N times)`. */
export function withRetriedCount(message: string, retried: number): string {
  return retried > 0 ? `${message} (retried ${retried} times)` : message;
}

/** `2 of 3`, or `2` when retries are unlimited. */
export function retryNumber(policy: RetryPolicy, retry: number): string {
  return policy.limit < 0 ? String(retry) : `${retry} of ${policy.limit}`;
}

/** What is wrong with a policy (from the CLI, or a workflow input built by hand); empty when nothing. */
export function retryPolicyProblems(policy: unknown): string[] {
  const p = (typeof policy === 'object' && policy !== null ? policy : {}) as Record<string, unknown>;
  const problems: string[] = [];
  if (!Number.isInteger(p.limit)) problems.push('limit must be a whole number (negative: no limit)');
  for (const field of ['backoffSeconds', 'maxBackoffSeconds'] as const) {
    if (typeof p[field] !== 'number' || !((p[field] as number) > 0)) problems.push(`${field} must be a number of seconds above 0`);
  }
  if (typeof p.factor !== 'number' || !((p.factor as number) >= 1) || !Number.isFinite(p.factor)) problems.push('factor must be a number from 1');
  return problems;
}
