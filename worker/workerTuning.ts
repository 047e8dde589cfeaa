// Worker options that decide how fast a dead worker is replaced (and, later, how much memory a
// worker holds). Measured by the kill scenario of bench/ (HOOKSYNC_BENCH_ONLY=kill npm run bench); the numbers are in the README.
import type { WorkerOptions } from '@temporalio/worker';

type Tuning = Pick<WorkerOptions, 'stickyQueueScheduleToStartTimeout' | 'maxHeartbeatThrottleInterval' | 'maxCachedWorkflows'>;

export function workerTuning(): Tuning {
  return {
    // A workflow task queued for a worker that died goes to any worker after this (SDK default 10 s).
    // A live but busy worker that misses it only replays the history on its next task.
    stickyQueueScheduleToStartTimeout: '2 seconds',
    // Heartbeats reach the server at least this often (SDK: 80% of the heartbeat timeout), so the
    // 5 s heartbeat timeout leaves four seconds for a slow round trip (worker/heartbeatPulse.ts).
    maxHeartbeatThrottleInterval: '1 second',
    // The SDK sizes the cache from the heap limit (10 under a 200 MiB heap, thousands under the
    // default): a fixed 100 keeps 50 syncs at once cached when the heap is capped to save memory
    // (NODE_OPTIONS, README), and bounds what big syncs can hold when it is not.
    maxCachedWorkflows: 100,
  };
}
