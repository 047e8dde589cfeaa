// Cuts the ordered task list into the groups the workflow runs one after another.

import { type SyncGroup, type SyncTask } from './types';

/**
 * One group per consecutive (phase, wave) run of `ordered`, except that every SyncFail task goes
 * into one group: Argo CD starts all SyncFail hooks together, whatever their waves (spec C-d).
 */
export function groupTasks(ordered: readonly SyncTask[]): SyncGroup[] {
  const groups: SyncGroup[] = [];
  for (const task of ordered) {
    const last = groups[groups.length - 1];
    const sameGroup = last && last.phase === task.phase && (last.wave === task.wave || task.phase === 'SyncFail');
    if (sameGroup) last.tasks.push(task);
    else groups.push({ phase: task.phase, wave: task.wave, tasks: [task] });
  }
  return groups;
}
