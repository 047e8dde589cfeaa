// Adds the prune side to a frozen plan once the app's live objects are known (the workflow lists
// them when the sync starts). Pure: the same plan and live objects give the same groups.
import { groupTasks } from './groupTasks';
import { orderTasks } from './orderTasks';
import { pruneTasks, type PruneOptions } from './pruneTasks';
import { planTasks, type SyncPlan } from './types';

/** A selective plan (plan.selection) prunes among its selected objects only. */
export function withPrunes(plan: SyncPlan, prune: PruneOptions): SyncPlan {
  const desired = planTasks(plan).filter((t) => !t.prune);
  // The sync's own options (`--sync-option Prune=false`, `PruneLast=true`) travel in the plan; a
  // selective sync prunes among its selected objects only.
  const prunes = pruneTasks({ syncOptions: plan.syncOptions, ...prune, ...(plan.selection ? { selectors: plan.selection.selectors } : {}) }, desired);
  if (prunes.tasks.length === 0) return { ...plan, skippedPrunes: prunes.skipped };
  return { ...plan, groups: groupTasks(orderTasks([...desired, ...prunes.tasks])), skippedPrunes: prunes.skipped };
}
