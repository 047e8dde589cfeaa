// `planSync`, the library's first step: manifests on disk -> the frozen plan a sync will carry,
// with its sync id (generated hook names depend on it, so startSync must be given the same one).
// Offline: no server is asked anything.
import { planFromFiles } from './planFromFiles';
import { newSyncId } from './syncClient';
import { parseResourceSelector } from '../sync/resourceSelector';
import { parseSyncOptionFlags } from '../sync/syncOptions';
import type { SyncPlan } from '../sync/types';

export interface PlanSyncOptions {
  /** Namespace for objects that name none. */
  namespace: string;
  /** Also create `namespace` first, unless the manifests declare it (`--create-namespace`). */
  createNamespace?: boolean;
  /** As `--sync-option`: `Name=value` items (Argo CD's sync options; README "Sync options"). */
  syncOptions?: readonly string[];
  /** Defaults to a fresh id. */
  syncId?: string;
  /** A selective sync (`--resource`): selectors such as `apps:Deployment:shop/web`; no hooks run. */
  resources?: readonly string[];
}

export interface PlannedSync {
  syncId: string;
  plan: SyncPlan;
  /** One line per problem, naming file, line, object and field; start nothing when non-empty. */
  problems: string[];
}

/** Plans files, directories (recursively) or `-` (stdin), as `hooksync plan -f` does. */
export async function planSync(paths: readonly string[], options: PlanSyncOptions): Promise<PlannedSync> {
  const syncId = options.syncId ?? newSyncId();
  const perSync = parseSyncOptionFlags(options.syncOptions ?? []);
  // A bad option is a problem like a bad manifest: nothing may start, and the caller is told why.
  if (perSync.problems.length > 0) return { syncId, plan: { groups: [], skippedPrunes: [], warnings: [] }, problems: perSync.problems };
  const parsed = (options.resources ?? []).map(parseResourceSelector);
  const selection = parsed.flatMap((p) => ('selector' in p ? [p.selector] : []));
  const selectorErrors = parsed.flatMap((p) => ('error' in p ? [p.error] : []));
  const planned = await planFromFiles(paths, {
    syncId, attempt: 0, defaultNamespace: options.namespace, createNamespace: options.createNamespace, syncOptions: perSync.options,
    ...(options.resources?.length ? { selection } : {}),
  });
  if (selectorErrors.length === 0) return { syncId, ...planned };
  return { syncId, plan: { ...planned.plan, groups: [] }, problems: [...selectorErrors, ...planned.problems] };
}
