// Manifests on disk (or stdin) -> the frozen plan, with every problem found in the input, in the
// form the CLI prints. Offline: no server is asked anything.
import { planSync, type PlanOptions } from '../sync/planSync';
import { formatProblem } from '../sync/problems';
import type { Manifest } from '../sync/manifest';
import type { SyncPlan } from '../sync/types';
import { formatLoadProblem, loadManifests, type LoadOptions } from './manifests';

export interface PlannedFiles {
  plan: SyncPlan;
  /** One line each, naming file, object and field; the sync must not start when there are any. */
  problems: string[];
}

export interface PlanFromFilesOptions extends PlanOptions {
  /** `--create-namespace`: create the target namespace if the manifests do not declare it. */
  createNamespace?: boolean;
}

export async function planFromFiles(paths: readonly string[], options: PlanFromFilesOptions, load: LoadOptions = {}): Promise<PlannedFiles> {
  const loaded = await loadManifests(paths, load);
  const manifests = options.createNamespace ? withTargetNamespace(loaded.manifests, options.defaultNamespace) : loaded.manifests;
  const planned = planSync(manifests, options);
  const problems = [...loaded.problems.map(formatLoadProblem), ...planned.problems.map(formatProblem)];
  return { plan: planned.plan, problems };
}

/**
 * The target namespace as one more manifest, unless the user declares it: the planner then pulls it
 * in front of the first object that lives in it, PreSync hooks included (Argo CD's CreateNamespace).
 */
function withTargetNamespace(manifests: readonly Manifest[], namespace: string): Manifest[] {
  const declared = manifests.some((m) => m.object.kind === 'Namespace' && m.object.apiVersion === 'v1' && m.object.metadata.name === namespace);
  if (declared) return [...manifests];
  const object = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } };
  return [...manifests, { source: { file: '--create-namespace', document: 0 }, object }];
}
