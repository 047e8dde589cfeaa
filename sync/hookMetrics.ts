// What the workflow reports to the hooksync_hook_duration_seconds histogram when a wait returns:
// one sample per hook that finished, labelled by hook type, kind and how it ended. Pure, so the
// workflow only forwards these to its metric meter (workflows/syncMetrics.ts).
import type { TaskUpdate } from './syncRun';
import { isHook, taskKey, type SyncTask } from './types';

export interface HookSample {
  labels: { hook_type: string; kind: string; result: string };
  seconds: number;
}

/** The hooks among `pending` that `finished` ended, each after `seconds` of waiting. */
export function hookSamples(pending: readonly SyncTask[], finished: readonly TaskUpdate[], seconds: number): HookSample[] {
  const byKey = new Map(finished.map((u) => [u.key, u]));
  return pending.filter(isHook).flatMap((task) => {
    const update = byKey.get(taskKey(task));
    return update ? [{ labels: { hook_type: task.phase, kind: task.ref.kind, result: update.state }, seconds }] : [];
  });
}
