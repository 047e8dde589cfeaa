// The life of one task in a sync, as an explicit state machine:
//
//   Pending ──apply──► Running ──completed──► Succeeded   (or straight to Succeeded: nothing to wait for)
//      │                  ├──────failed─────► Failed
//      │                  └──gone (prune)───► Pruned          (a prune waits until its object is gone)
//      ├──refused by the API server─────────► Failed
//      ├──deleted (prune)───────────────────► Pruned          (workers before prunes waited for deletion)
//      └──prune refused by hooksync─────────► PruneSkipped    (also: reported, never run)
//
// Final states never change again, so a late or repeated report (an activity retried after a
// crash, say) cannot turn a recorded outcome into another.

export const TASK_STATES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Pruned', 'PruneSkipped'] as const;
export type TaskState = (typeof TASK_STATES)[number];

const NEXT: Readonly<Record<TaskState, readonly TaskState[]>> = {
  Pending: ['Running', 'Succeeded', 'Failed', 'Pruned', 'PruneSkipped'],
  Running: ['Running', 'Succeeded', 'Failed', 'Pruned'],
  Succeeded: [],
  Failed: [],
  Pruned: [],
  PruneSkipped: [],
};

export function canMove(from: TaskState, to: TaskState): boolean {
  return NEXT[from].includes(to);
}

export function isFinal(state: TaskState): boolean {
  return NEXT[state].length === 0;
}
