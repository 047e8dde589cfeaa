// `hooksync plan -o wide`: the plan as one table, a row per task in execution order, with what the
// text form leaves out: the group number, the hook's own timeout and where the manifest came from
// (file:line), so that a surprising order can be traced back to its source.
import { selectedCount, selectionLines } from '../sync/formatPlan';
import { formatSource } from '../sync/problems';
import { planTasks, type SyncPlan, type SyncTask } from '../sync/types';
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

export function formatPlanWide(plan: SyncPlan): string {
  const groupOf = new Map<SyncTask, number>();
  plan.groups.forEach((g, i) => g.tasks.forEach((t) => groupOf.set(t, i + 1)));
  const rows = planTasks(plan).map((t) => COLUMNS.map(([, cell]) => cell(t, groupOf.get(t) ?? 0)));
  const notes = [
    ...(plan.selection ? selectionLines(plan.selection, selectedCount(plan)) : []),
    ...plan.skippedPrunes.map((s) => `not pruned: ${s.ref.kind} ${s.ref.name}: ${s.message}`), ...plan.warnings.map((w) => `warning: ${w}`),
  ];
  return [textTable(COLUMNS.map(([title]) => title), rows), ...notes].join('\n');
}
