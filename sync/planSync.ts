// Manifests -> the frozen plan a sync runs (DESIGN §1): validate everything, make the tasks,
// order them, cut them into groups. Pure: the same input gives the same plan, byte for byte.

import { manifestProblem } from './annotations';
import { clusterScopedKinds } from './kindScope';
import { withCreateNamespace } from './createNamespaceTask';
import { type Manifest } from './manifest';
import { manifestTasks } from './manifestTasks';
import { groupTasks } from './groupTasks';
import { orderTasks } from './orderTasks';
import { describeObject, formatSource, formatWarning, type ManifestProblem, type ManifestWarning } from './problems';
import { pruneTasks, type PruneOptions } from './pruneTasks';
import type { ResourceSelector } from './resourceSelector';
import { selectTasks } from './selectivePlan';
import { hasSyncOptions, isOn, type SyncOptions } from './syncOptions';
import { taskKey, type SyncPlan, type SyncTask } from './types';

export interface PlanOptions {
  /** Part of every generated hook name; `hooksync plan` may pass a placeholder such as `plan`. */
  syncId: string;
  /** 0 for the first run of a sync, +1 per retry. */
  attempt: number;
  /** For objects that name no namespace (`-n`). */
  defaultNamespace: string;
  prune?: PruneOptions;
  /** `--create-namespace`: create `defaultNamespace` first, bare, when it is missing (createNamespaceTask.ts). */
  createNamespace?: boolean;
  /** `--resource`: a selective sync of only these objects, without hooks (selectivePlan.ts). */
  selection?: readonly ResourceSelector[];
  /** `--sync-option`, already parsed (syncOptions.ts): merged into every task, kept on the plan. */
  syncOptions?: SyncOptions;
}

export interface PlanResult {
  /** Empty (no groups) whenever there are problems: nothing may start then. */
  plan: SyncPlan;
  problems: ManifestProblem[];
  /** `--resource` selectors that match nothing, one line each; also mean nothing may start. */
  selectionProblems: string[];
  warnings: ManifestWarning[];
}

export function planSync(manifests: readonly Manifest[], options: PlanOptions): PlanResult {
  const context = { ...options, clusterScoped: clusterScopedKinds(manifests) };
  const built = manifests.map((manifest) => manifestTasks(manifest, context));
  const all = built.flatMap((b) => b.value);
  const problems = [...built.flatMap((b) => b.problems), ...duplicateProblems(all)];
  const warnings = built.flatMap((b) => b.warnings);
  const selected = options.selection ? selectTasks(all, options.selection) : undefined;
  const desired = selected ? selected.tasks : all;
  const prunes = pruneTasks(options.prune && { syncOptions: options.syncOptions, ...options.prune, selectors: options.selection }, desired);
  const ordered = orderTasks([...desired, ...prunes.tasks]);
  // CreateNamespace=true for a whole sync is Argo CD's spelling of --create-namespace.
  const createNamespace = options.createNamespace || isOn(options.syncOptions, 'CreateNamespace');
  const withNamespace = createNamespace ? withCreateNamespace(ordered, manifests, options.defaultNamespace) : ordered;
  const selectionProblems = selected?.problems ?? [];
  const groups = problems.length || selectionProblems.length ? [] : groupTasks(withNamespace);
  const perSync = hasSyncOptions(options.syncOptions) ? { syncOptions: options.syncOptions } : {};
  const plan: SyncPlan = {
    groups, skippedPrunes: prunes.skipped, warnings: warnings.map(formatWarning), ...perSync, ...(selected ? { selection: selected.selection } : {}),
  };
  return { plan, problems, selectionProblems, warnings };
}

/**
 * Two manifests that end up as the same object in the same phase would overwrite each other.
 * Reported on the later manifest, naming the earlier one.
 */
function duplicateProblems(tasks: readonly SyncTask[]): ManifestProblem[] {
  const first = new Map<string, SyncTask>();
  const problems: ManifestProblem[] = [];
  for (const task of tasks) {
    const key = taskKey(task);
    const earlier = first.get(key);
    if (!earlier) first.set(key, task);
    else if (task.source) problems.push(duplicate({ source: task.source, object: task.object }, task, earlier));
  }
  return problems;
}

function duplicate(manifest: Manifest, task: SyncTask, earlier: SyncTask): ManifestProblem {
  const field = task.generateName !== undefined ? 'metadata.generateName' : 'metadata.name';
  const where = earlier.source ? formatSource(earlier.source) : 'another manifest';
  const problem = manifestProblem(manifest, field, {
    value: task.ref.name,
    message: `the same object is already defined at ${where}`,
  });
  return { ...problem, object: describeObject(task.ref) };
}
