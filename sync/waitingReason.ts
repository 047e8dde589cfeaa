// What a task still waits for, as the waiting activity sees it on each check: the health rules'
// own words (a Job's active pods, a Deployment's updated and available replicas, a hook's
// condition). The activity puts these in its heartbeat details, so a client can show them while
// the workflow, and so its history, stays as it is.
import type { RetryWait } from './autoRetry';
import { formatTimeout } from './hookTimeout';
import type { SyncTask, TaskPhase } from './types';

export interface WaitingReason {
  phase: TaskPhase;
  kind: string;
  namespace: string;
  name: string;
  /** Why the task is not done yet, e.g. `Progressing: Waiting for rollout to finish: 0 of 1 ...`. */
  reason: string;
}

/** The heartbeat details of the waiting activity (awaitGroup). */
export interface WaitingDetails {
  waitingFor: WaitingReason[];
}

/** A task's reason: the health status, when the rule gave one, before its message. */
export function waitingReason(task: SyncTask, outcome: { health?: string; message: string }): WaitingReason {
  const { kind, namespace, name } = task.ref;
  const reason = outcome.health ? `${outcome.health}: ${outcome.message}` : outcome.message;
  return { phase: task.phase, kind, namespace, name, reason };
}

/** True for details of this shape (heartbeats of older workers carried strings). */
export function isWaitingDetails(value: unknown): value is WaitingDetails {
  const list = (value as { waitingFor?: unknown } | null)?.waitingFor;
  return Array.isArray(list) && list.every((r) => typeof (r as WaitingReason | null)?.reason === 'string');
}

/** A prune held by `Prune=confirm`: the waiting line names the command that lets it go. */
export function pruneConfirmReason(task: SyncTask, syncId: string): WaitingReason {
  return waitingReason(task, { message: `Waiting for pruning confirmation (Prune=confirm): run hooksync confirm ${syncId}` });
}

/** A deletion held by `Delete=confirm` (or `Prune=confirm`): the waiting line names the option and the command. */
export function deleteConfirmReason(task: SyncTask, deleteId: string): WaitingReason {
  return waitingReason(task, { message: `Waiting for deletion confirmation (${task.confirmDelete ?? 'Delete=confirm'}): run hooksync confirm ${deleteId}` });
}

/** The `Waiting:` line of a sync between attempts: `retry 2 of 3 at 06:01:05Z (backoff 10s) after attempt 1 ended Failed`. */
export function retryWaitText(wait: RetryWait): string {
  const limit = wait.limit < 0 ? '' : ` of ${wait.limit}`;
  return `retry ${wait.retry}${limit} at ${wait.startsAt.slice(11, 19)}Z (backoff ${formatTimeout(wait.backoffSeconds)}) after attempt ${wait.previous.attempt} ended ${wait.previous.phase}`;
}
