// The apply order inside one (phase, wave), as Argo CD keeps it: kinds one after another in plan
// order (sync/kindOrder.ts ranks them), the objects of one kind side by side. A run is a stretch
// of consecutive tasks of the same kind; runs are applied one after another, a run's tasks in
// parallel (bounded).
import type { SyncTask } from './types';

/** Consecutive tasks of the same API group and kind; together they are `tasks`, in order. */
export function kindRuns(tasks: readonly SyncTask[]): SyncTask[][] {
  const runs: SyncTask[][] = [];
  for (const task of tasks) {
    const last = runs[runs.length - 1];
    const same = last && last[0].ref.kind === task.ref.kind && last[0].ref.group === task.ref.group;
    if (same) last.push(task);
    else runs.push([task]);
  }
  return runs;
}
