// The waits a worker's activities report, counted for the hooksync_waiting_tasks metric: per sync
// phase, object kind and status (the health status the reason starts with, or `Waiting` for a
// reason of another shape: a hook's condition, a deletion). The reason's words stay out of the
// labels: they hold names and numbers, and every distinct value would be a series of its own.
import { healthStatuses } from '../sync/health';
import { isWaitingDetails, type WaitingReason } from '../sync/waitingReason';

export interface WaitingLabels {
  phase: string;
  kind: string;
  status: string;
}

/** Counts per label set, keyed by the labels' JSON. */
export type WaitingCounts = ReadonlyMap<string, { labels: WaitingLabels; count: number }>;

export function waitingLabels(reason: WaitingReason): WaitingLabels {
  const status = healthStatuses.find((s) => reason.reason.startsWith(`${s}: `)) ?? 'Waiting';
  return { phase: reason.phase, kind: reason.kind, status };
}

/** The counts in one heartbeat's details; details of another shape count nothing. */
export function countWaiting(details: unknown): WaitingCounts {
  const counts = new Map<string, { labels: WaitingLabels; count: number }>();
  if (!isWaitingDetails(details)) return counts;
  for (const reason of details.waitingFor) {
    const labels = waitingLabels(reason);
    const key = JSON.stringify(labels);
    counts.set(key, { labels, count: (counts.get(key)?.count ?? 0) + 1 });
  }
  return counts;
}

/** What to add to each label set's gauge to go from `before` to `after` (zero changes left out). */
export function waitingDelta(before: WaitingCounts, after: WaitingCounts): Array<{ labels: WaitingLabels; change: number }> {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].flatMap((key) => {
    const change = (after.get(key)?.count ?? 0) - (before.get(key)?.count ?? 0);
    const labels = (after.get(key) ?? before.get(key))!.labels;
    return change === 0 ? [] : [{ labels, change }];
  });
}
