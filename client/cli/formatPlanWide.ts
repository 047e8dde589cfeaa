// `hooksync plan -o wide`: the plan as one table, a row per task in execution order, with what the
// text form leaves out: the group number, the hook's own timeout and where the manifest came from
// (file:line), so that a surprising order can be traced back to its source.
import { selectedCount, selectionLines } from '../../sync/formatPlan';
import { formatSource } from '../../sync/problems';
import { formatSyncOptions, hasSyncOptions } from '../../sync/syncOptions';
import { planTasks, type SyncPlan, type SyncTask } from '../../sync/types';
import { textTable } from './textTable';

type Column = [string, (task: SyncTask, group: number) => string];

const COLUMNS: Column[] = [
  ['GROUP', (_, group) => String(group)],
  ['PHASE', (t) => t.phase],
  ['WAVE', (t) => String(t.wave)],
  ['KIND', (t) => t.ref.kind],
  ['API VERSION', (t) => (t.ref.group ? `${t.ref.group}/${t.ref.version}` : t.ref.version)],
  ['NAMESPACE', (t) => t.ref.namespace],
  ['NAME', (t) => t.ref.name],
  ['HOOK TYPES', (t) => t.hookTypes.join(',')],
  ['DELETE POLICIES', (t) => t.deletePolicies.join(',')],
  ['TIMEOUT', (t) => (t.timeoutSeconds ? `${t.timeoutSeconds}s` : '')],
  ['PRUNE', (t) => (t.prune ? 'yes' : '')],
  ['SOURCE', (t) => (t.source ? formatSource(t.source) : 'live object')],
];

/** Shown before SOURCE only when a task has sync options, so that plans without any read as before. */
const SYNC_OPTIONS_COLUMN: Column = ['SYNC OPTIONS', (t) => formatSyncOptions(t.syncOptions).join(',')];

function columnsFor(tasks: readonly SyncTask[]): Column[] {
  if (!tasks.some((t) => hasSyncOptions(t.syncOptions))) return COLUMNS;
  return [...COLUMNS.slice(0, -1), SYNC_OPTIONS_COLUMN, COLUMNS[COLUMNS.length - 1]];
}

export function formatPlanWide(plan: SyncPlan): string {
  const groupOf = new Map<SyncTask, number>();
  plan.groups.forEach((g, i) => g.tasks.forEach((t) => groupOf.set(t, i + 1)));
  const columns = columnsFor(planTasks(plan));
  const rows = planTasks(plan).map((t) => columns.map(([, cell]) => cell(t, groupOf.get(t) ?? 0)));
  const perSync = hasSyncOptions(plan.syncOptions) ? [`sync options of the whole sync: ${formatSyncOptions(plan.syncOptions).join(',')}`] : [];
  const notes = [
    ...perSync, ...(plan.selection ? selectionLines(plan.selection, selectedCount(plan)) : []),
    ...plan.skippedPrunes.map((s) => `not pruned: ${s.ref.kind} ${s.ref.name}: ${s.message}`), ...plan.warnings.map((w) => `warning: ${w}`),
  ];
  return [textTable(columns.map(([title]) => title), rows), ...notes].join('\n');
}
