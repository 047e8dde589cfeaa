// hooksync's own metrics that only the workflow knows: how syncs end, and how long hooks ran. They
// go through the SDK's workflow metric meter to the worker's Prometheus exporter; the SDK drops them
// while a workflow replays, so a sync taken over by another worker is not counted twice, and they
// add no command to history (no patch needed). The meter adds namespace, task_queue and workflow_type.
import { metricMeter } from '@temporalio/workflow';
import type { HookSample } from '../sync/hookMetrics';
import type { SyncOutcome } from '../sync/syncRun';

export const SYNCS_METRIC = 'hooksync_syncs';
export const HOOK_DURATION_METRIC = 'hooksync_hook_duration_seconds';

export function countSync(outcome: SyncOutcome): void {
  metricMeter.createCounter(SYNCS_METRIC, undefined, 'Syncs that ended, by outcome').add(1, { outcome });
}

export function recordHookDurations(samples: readonly HookSample[]): void {
  if (samples.length === 0) return;
  const histogram = metricMeter.createHistogram(HOOK_DURATION_METRIC, 'float', undefined, 'From the end of a hook\'s apply until it finished, by hook type, kind and result');
  for (const { labels, seconds } of samples) histogram.record(seconds, labels);
}
