// Manifests on disk (or stdin) -> the frozen plan, with every problem found in the input, in the
// form the CLI prints. Offline: no server is asked anything.
import { planSync, type PlanOptions } from '../sync/planSync';
import { formatProblem } from '../sync/problems';
import type { SyncPlan } from '../sync/types';
import { formatLoadProblem, loadManifests, type LoadOptions } from './manifests';

export interface PlannedFiles {
  plan: SyncPlan;
  /** One line each, naming file, object and field; the sync must not start when there are any. */
  problems: string[];
}

export async function planFromFiles(paths: readonly string[], options: PlanOptions, load: LoadOptions = {}): Promise<PlannedFiles> {
  const loaded = await loadManifests(paths, load);
  const planned = planSync(loaded.manifests, options);
  const problems = [...loaded.problems.map(formatLoadProblem), ...planned.problems.map(formatProblem), ...planned.selectionProblems];
  return { plan: planned.plan, problems };
}
