// hooksync_waiting_tasks: how many tasks this worker's waits report as not done yet, by sync phase,
// kind and status (waitingCounts.ts). Fed by the heartbeat pulse, which sees every heartbeat's
// details; an activity that ends, fails or is handed over at shutdown takes its counts with it.
import { Runtime } from '@temporalio/worker';
import type { MetricMeter } from '@temporalio/common';
import type { ActivityKey, HeartbeatObserver } from './heartbeatPulse';
import { countWaiting, waitingDelta, type WaitingCounts } from './waitingCounts';

export const WAITING_METRIC = 'hooksync_waiting_tasks';
/** The activity whose heartbeats carry waiting reasons (activities/index.ts). */
const WAITING_ACTIVITY = 'awaitGroup';

export function waitingObserver(meter: MetricMeter = Runtime.instance().metricMeter): HeartbeatObserver {
  const gauge = meter.createGauge(WAITING_METRIC, 'int', undefined, 'Tasks the running waits report as not done yet, by phase, kind and status');
  const perActivity = new Map<string, WaitingCounts>();
  /** The gauge's value per label set (keyed as in WaitingCounts): a set that drops to 0 is set to 0, not left at its last value. */
  const totals = new Map<string, number>();
  const move = (key: ActivityKey, after: WaitingCounts) => {
    for (const { labels, change } of waitingDelta(perActivity.get(key.id) ?? new Map(), after)) {
      const id = JSON.stringify(labels);
      const total = (totals.get(id) ?? 0) + change;
      totals.set(id, total);
      gauge.set(total, { ...labels });
    }
    if (after.size === 0) perActivity.delete(key.id);
    else perActivity.set(key.id, after);
  };
  return {
    details: (key, details) => { if (key.activityType === WAITING_ACTIVITY) move(key, countWaiting(details)); },
    ended: (key) => move(key, new Map()),
  };
}
