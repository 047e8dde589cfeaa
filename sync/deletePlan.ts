// What deleting an app does (spec §2.6), decided from its hooks and its live objects. Pure: the
// workflow lists the live objects once, and the same hooks and objects always give the same plan,
// so a replayed or resumed deletion runs exactly the plan it started with.
//
//   PreDelete hooks (by wave) → the app's objects, highest wave first, each wave gone before the
//   next → PostDelete hooks (by wave) → hooks deleted by policy (the workflow, as a sync does).
//
// Some objects are kept, as Argo CD keeps them: `Delete=false` in the sync options, Helm's
// `helm.sh/resource-policy: keep`, and CustomResourceDefinitions (deleting one deletes every custom
// resource of its kind in the cluster, whichever app owns them). `--cascade=false` deletes nothing
// and runs no hook: the objects only lose hooksync's labels and tracking id. An object with
// `Delete=confirm` (or `Prune=confirm`) is deleted, once confirmed: its task is marked
// (deleteConfirm.ts) and the workflow holds its wave.
import { readAnnotation } from './annotations';
import { deleteConfirmOption } from './deleteConfirm';
import { groupTasks } from './groupTasks';
import { type KubeObject, type Manifest } from './manifest';
import { objectKey, toObjectRef } from './objectRef';
import { compareTasks, orderTasks } from './orderTasks';
import { syncOptionOf } from './syncOptions';
import { parseSyncWave } from './syncWave';
import { type ObjectRef, type SkippedPrune, type SyncGroup, type SyncPlan, type SyncTask } from './types';

export const HELM_RESOURCE_POLICY_ANNOTATION = 'helm.sh/resource-policy';

export interface DeleteOptions {
  /** `--cascade=false`: delete nothing, run no hook, only untrack the objects. */
  cascade: boolean;
}

export interface DeletePlan {
  /**
   * PreDelete groups, then one group of deletions per wave (highest first), then PostDelete groups.
   * Kept objects are the plan's `skippedPrunes`, so that their rows read as a prune's would.
   */
  plan: SyncPlan;
  /** `--cascade=false`: the objects whose labels and tracking id are removed (identity and uid only). */
  untrack: KubeObject[];
}

export const KEPT_MESSAGES = {
  deleteFalse: 'kept (Delete=false)',
  helmKeep: 'kept (helm.sh/resource-policy: keep)',
  crd: 'kept: a CustomResourceDefinition is never deleted with an app (its custom resources of every app would go with it)',
} as const;

/** `hooks`: the deletion's hook tasks (deleteHooks.ts). `live`: the app's objects as listed. */
export function deletePlan(hooks: readonly SyncTask[], live: readonly KubeObject[], options: DeleteOptions): DeletePlan {
  if (!options.cascade) return { plan: emptyPlan(), untrack: live.map(identityOnly) };
  const hookKeys = new Set(hooks.map((t) => objectKey(t.ref)));
  const skippedPrunes: SkippedPrune[] = [];
  const deletions: SyncTask[] = [];
  for (const object of live) {
    const ref = liveRef(object);
    // A live copy of one of this deletion's hooks (left by an earlier deletion) is the hook's to replace.
    if (hookKeys.has(objectKey(ref))) continue;
    const kept = keptBecause(object);
    if (kept) skippedPrunes.push({ ref, message: kept });
    else deletions.push(deletionTask(object, ref));
  }
  const ordered = orderTasks(hooks);
  const groups = [
    ...groupTasks(ordered.filter((t) => t.phase === 'PreDelete')),
    ...deletionGroups(deletions),
    ...groupTasks(ordered.filter((t) => t.phase === 'PostDelete')),
  ];
  return { plan: { groups, skippedPrunes, warnings: [] }, untrack: [] };
}

/** Why an object outlives its app's deletion; undefined when it is deleted. */
export function keptBecause(object: KubeObject): string | undefined {
  if (syncOptionOf(object, 'Delete') === 'false') return KEPT_MESSAGES.deleteFalse;
  if (annotationOf(object, HELM_RESOURCE_POLICY_ANNOTATION) === 'keep') return KEPT_MESSAGES.helmKeep;
  if (isCrd(object)) return KEPT_MESSAGES.crd;
  return undefined;
}

function annotationOf(object: KubeObject, key: string): string | undefined {
  return readAnnotation(asManifest(object), key).value;
}

function isCrd(object: KubeObject): boolean {
  return object.kind === 'CustomResourceDefinition' && object.apiVersion.startsWith('apiextensions.k8s.io/');
}

/** Deletions in reverse: highest wave first, and within a wave the kinds a sync applies last go first. */
function deletionGroups(tasks: readonly SyncTask[]): SyncGroup[] {
  const ordered = [...tasks].sort((a, b) => b.wave - a.wave || compareTasks(b, a));
  return groupTasks(ordered);
}

/**
 * A prune task of the object: it is deleted once, by the uid listed, and waited for until gone.
 * `confirmDelete` is set only when the object asks, so the tasks of other deletions stay as they were.
 */
function deletionTask(object: KubeObject, ref: ObjectRef): SyncTask {
  // A live object's wave annotation cannot be fixed in this deletion: a bad one counts as 0.
  const wave = parseSyncWave(asManifest(object)).value;
  const confirm = deleteConfirmOption(object);
  return {
    phase: 'Sync', wave, ref, hookTypes: [], deletePolicies: [], prune: true, generatedName: false, object: identityOnly(object),
    ...(confirm ? { confirmDelete: confirm } : {}),
  };
}

/** Identity and uid: enough to delete (or untrack) exactly the object listed, and nothing of its data. */
function identityOnly(object: KubeObject): KubeObject {
  const { name, namespace, uid } = object.metadata ?? {};
  const metadata = Object.fromEntries(Object.entries({ name, namespace, uid }).filter(([, v]) => v !== undefined));
  return { apiVersion: object.apiVersion, kind: object.kind, metadata };
}

function emptyPlan(): SyncPlan {
  return { groups: [], skippedPrunes: [], warnings: [] };
}

function liveRef(object: KubeObject): ObjectRef {
  return toObjectRef(object, String(object.metadata?.name ?? ''), String(object.metadata?.namespace ?? ''));
}

/** Live objects have no file; the annotation readers only need the object. */
function asManifest(object: KubeObject): Manifest {
  return { source: { file: '<live>', document: 0 }, object };
}
