// A selective sync's tasks (`--resource`, Argo CD's selective sync): the selected resources of the
// manifests and nothing else. Hooks never run in a selective sync, even when every resource is
// selected (Argo CD's TestSelectiveSyncDoesNotRunHooks), so they are left out and listed, for
// `hooksync plan` to say so. Pure: it works on the tasks the planner made from every manifest.
import { objectKey } from './objectRef';
import { isSelected, selectsNothing, unmatchedSelectors, formatSelector, type Candidate, type ResourceSelector } from './resourceSelector';
import { isHook, type PlanSelection, type SyncTask } from './types';

export interface SelectedTasks {
  tasks: SyncTask[];
  selection: PlanSelection;
  /** One line per selector that matched no resource; nothing may start when there are any. */
  problems: string[];
}

export function selectTasks(all: readonly SyncTask[], selectors: readonly ResourceSelector[]): SelectedTasks {
  const resources = all.filter((t) => !isHook(t));
  // The namespace --create-namespace adds is no object of the manifests: it is created when missing, selected or not.
  const tasks = resources.filter((t) => t.createOnly || isSelected(selectors, t.ref));
  const skippedHooks = all.filter(isHook).map((t) => ({ ref: t.ref, phase: t.phase }));
  const candidates = toCandidates(all);
  const problems = unmatchedSelectors(selectors, candidates);
  if (problems.length === 0 && selectsNothing(selectors, candidates)) {
    problems.push(`--resource ${selectors.map(formatSelector).join(' ')}: together the selectors select no resource (every one an include picks, an exclude takes away)`);
  }
  const selection: PlanSelection = { selectors: [...selectors], skippedHooks, unselected: resources.filter((t) => !tasks.includes(t)).length };
  return { tasks, selection, problems };
}

/** One candidate per object: a fixed-name hook of several phases is one object with several phases. */
function toCandidates(tasks: readonly SyncTask[]): Candidate[] {
  const byKey = new Map<string, Candidate & { hookPhases: string[] }>();
  for (const task of tasks) {
    if (task.createOnly) continue;
    const key = objectKey(task.ref);
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { ref: task.ref, hookPhases: isHook(task) ? [task.phase] : [], ...(task.generateName ? { generateName: task.generateName } : {}) });
    else if (isHook(task)) seen.hookPhases.push(task.phase);
  }
  return [...byKey.values()];
}
