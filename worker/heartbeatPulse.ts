// Every activity heartbeats once a second while it runs, whatever it is awaiting: a slow API call
// under load, a watch, a retry's back-off. The heartbeat timeout can then be short, so that a
// worker that died mid-activity is noticed in seconds, without an honest activity ever timing out
// because one request took longer than the timeout. The pulse repeats the details the activity
// last sent (the waiting reasons the CLI reads from describe()), so it never blanks them. The SDK
// throttles what reaches the server (the worker's maxHeartbeatThrottleInterval), so a pulse is cheap.
// An activity's own heartbeats are coalesced to one per interval too: each one handed to the SDK is
// encoded and encrypted before the SDK drops it, and an apply of 200 objects beats 200 times
// (0.1 ms of CPU each, measured with --cpu-prof), only to have the server see one a second.
import type { ActivityInterceptorsFactory } from '@temporalio/worker';

export const PULSE_MS = 1_000;

/** Told each activity's heartbeat details as the activity sends them, and when it ends (the worker's metrics). */
export interface HeartbeatObserver {
  details(activity: ActivityKey, details: unknown): void;
  ended(activity: ActivityKey): void;
}

export interface ActivityKey {
  activityType: string;
  /** Unique among the activities this worker runs at once. */
  id: string;
}

export function heartbeatPulse(intervalMs = PULSE_MS, observer?: HeartbeatObserver): ActivityInterceptorsFactory {
  return (ctx) => ({
    inbound: {
      async execute(input, next) {
        const send = ctx.heartbeat;
        const key = observer && { activityType: ctx.info.activityType, id: `${ctx.info.workflowExecution?.workflowId ?? ''}/${ctx.info.activityId}` };
        let last: unknown;
        let sentAt = -Infinity;
        const sendLast = () => {
          sentAt = performance.now();
          send(last);
        };
        // Activity code heartbeats through this context (Context.current() is `ctx`): remember its
        // details, and pass them on at once only when nothing went out within the interval (the
        // first always does); otherwise the next pulse carries them.
        const beat = (details?: unknown) => {
          last = details;
          if (key) observer?.details(key, details);
          if (performance.now() - sentAt >= intervalMs) sendLast();
        };
        Object.defineProperty(ctx, 'heartbeat', { value: beat });
        const timer = setInterval(sendLast, intervalMs);
        try {
          return await next(input);
        } finally {
          clearInterval(timer);
          if (key) observer?.ended(key);
        }
      },
    },
  });
}
