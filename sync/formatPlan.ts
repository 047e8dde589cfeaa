// Two renderings of a plan: the JSON of `hooksync plan -o json` (DESIGN §3, a contract other tools
// rely on) and a text table for people and for golden files.

import { formatSelector } from './resourceSelector';
import { formatSyncOptions, hasSyncOptions } from './syncOptions';
import { type PlanSelection, type SkippedPrune, type SyncGroup, type SyncPlan, type SyncTask, planTasks } from './types';

export interface PlanTaskJson {
  phase: string;
  wave: number;
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  hook: boolean;
  hookTypes: string[];
  deletePolicies: string[];
  prune: boolean;
  /** The task's effective sync options as `Name=value`; present only when it has some. */
  syncOptions?: string[];
}

/** What a selective sync (`--resource`) leaves out, and why. */
export interface PlanSelectionJson {
  selectors: string[];
  /** Resources of the manifests that no selector picked: neither applied nor pruned. */
  unselected: number;
  /** Hooks that do not run: a selective sync runs none (Argo CD). */
  skippedHooks: Array<{ phase: string; group: string; kind: string; namespace: string; name: string }>;
}

export interface PlanJson {
  tasks: PlanTaskJson[];
  warnings: string[];
  /** Present for a selective sync only. */
  selection?: PlanSelectionJson;
  /** `--sync-option`, as `Name=value`; present only when the sync was given some. */
  syncOptions?: string[];
}

/** Tasks in execution order with exactly the fields of DESIGN §3 (and `selection` for a selective sync). */
export function planToJson(plan: SyncPlan): PlanJson {
  const perSync = hasSyncOptions(plan.syncOptions) ? { syncOptions: formatSyncOptions(plan.syncOptions) } : {};
  const json: PlanJson = { tasks: planTasks(plan).map(taskToJson), warnings: [...plan.warnings], ...perSync };
  if (plan.selection) json.selection = selectionToJson(plan.selection);
  return json;
}

function selectionToJson(selection: PlanSelection): PlanSelectionJson {
  return {
    selectors: selection.selectors.map(formatSelector),
    unselected: selection.unselected,
    skippedHooks: selection.skippedHooks.map(({ phase, ref: { group, kind, namespace, name } }) => ({ phase, group, kind, namespace, name })),
  };
}

/**
 * The lines that tell what a selective sync leaves out: which selectors, how many resources stay
 * untouched, and every hook that does not run, with the reason.
 */
export function selectionLines(selection: PlanSelection, selected: number): string[] {
  const lines = [
    `selective sync (--resource ${selection.selectors.map(formatSelector).join(' ')}): ${selected} of ${selected + selection.unselected} resource(s) selected; `
      + `the ${selection.unselected} not selected are neither applied nor pruned`,
  ];
  if (selection.skippedHooks.length === 0) return lines;
  lines.push('hooks not run (a selective sync runs no hooks, as in Argo CD):');
  lines.push(...selection.skippedHooks.map(({ phase, ref }) => `  - ${phase} ${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`));
  return lines;
}

function taskToJson(task: SyncTask): PlanTaskJson {
  const { group, version, kind, namespace, name } = task.ref;
  return {
    phase: task.phase,
    wave: task.wave,
    group,
    version,
    kind,
    namespace,
    name,
    hook: task.hookTypes.length > 0,
    hookTypes: [...task.hookTypes],
    deletePolicies: [...task.deletePolicies],
    prune: task.prune,
    ...(hasSyncOptions(task.syncOptions) ? { syncOptions: formatSyncOptions(task.syncOptions) } : {}),
  };
}

/**
 * One header per group (`group 2: Sync wave -1`), then one line per task with aligned columns:
 * kind, apiVersion, namespace/name, then hook types, delete policies, `prune` and sync options where
 * they apply.
 */
export function formatPlanText(plan: SyncPlan): string {
  const rows = planTasks(plan).map(taskColumns);
  const widths = [0, 1, 2].map((c) => Math.max(0, ...rows.map((r) => r[c].length)));
  const render = (task: SyncTask): string => {
    const columns = taskColumns(task).map((text, c) => (c < widths.length ? text.padEnd(widths[c]) : text));
    return `  ${columns.join('  ')}`.trimEnd();
  };
  const lines = plan.groups.flatMap((g, i) => [groupHeader(g, i), ...g.tasks.map(render)]);
  if (lines.length === 0) lines.push('no tasks');
  if (hasSyncOptions(plan.syncOptions)) lines.push(`sync options of the whole sync: ${formatSyncOptions(plan.syncOptions).join(',')}`);
  if (plan.selection) lines.push(...selectionLines(plan.selection, selectedCount(plan)));
  lines.push(...section('not pruned:', plan.skippedPrunes.map(skippedLine)));
  lines.push(...section('warnings:', plan.warnings));
  return `${lines.join('\n')}\n`;
}

/** Tasks that write a selected object: the namespace --create-namespace adds is no selection's doing. */
export function selectedCount(plan: SyncPlan): number {
  return planTasks(plan).filter((t) => !t.prune && !t.createOnly).length;
}

function groupHeader(group: SyncGroup, index: number): string {
  const wave = group.phase === 'SyncFail' ? '(all waves at once)' : `wave ${group.wave}`;
  return `group ${index + 1}: ${group.phase} ${wave}`;
}

function taskColumns(task: SyncTask): string[] {
  const { group, version, kind, namespace, name } = task.ref;
  const flags: string[] = [];
  if (task.hookTypes.length) flags.push(`hook=${task.hookTypes.join(',')}`);
  if (task.deletePolicies.length) flags.push(`delete=${task.deletePolicies.join(',')}`);
  if (task.prune) flags.push('prune');
  if (hasSyncOptions(task.syncOptions)) flags.push(`sync-options=${formatSyncOptions(task.syncOptions).join(',')}`);
  if (task.wave !== 0 && task.phase === 'SyncFail') flags.push(`wave=${task.wave}`);
  const apiVersion = group ? `${group}/${version}` : version;
  return [kind, apiVersion, namespace ? `${namespace}/${name}` : name, flags.join('  ')];
}

function skippedLine(skipped: SkippedPrune): string {
  const { kind, namespace, name } = skipped.ref;
  return `${kind} ${namespace ? `${namespace}/${name}` : name}: ${skipped.message}`;
}

function section(title: string, lines: readonly string[]): string[] {
  return lines.length ? [title, ...lines.map((line) => `  - ${line}`)] : [];
}
