// Prune tasks (spec §3.1, §3.4): live objects the app tracks that are no longer desired. The
// planner is pure, so the caller passes the live objects in; without them there is nothing to prune.

import { parseHookType } from './hookType';
import { type KubeObject, type Manifest } from './manifest';
import { objectKey, toObjectRef } from './objectRef';
import { isSelected, type ResourceSelector } from './resourceSelector';
import { liveSyncOptions, mergeSyncOptions, type SyncOptions } from './syncOptions';
import { parseSyncWave } from './syncWave';
import { type SkippedPrune, type SyncTask } from './types';

export { SYNC_OPTIONS_ANNOTATION } from './syncOptions';

export interface PruneOptions {
  /** `--prune`: without it, stale objects are reported as skipped, not deleted. */
  enabled: boolean;
  /** Live objects tracked by the app (the caller lists them); desired ones are filtered out here. */
  live: readonly KubeObject[];
  /** App-level `PruneLast=true`: every prune runs after the last Sync wave. */
  pruneLast?: boolean;
  /** A selective sync's `--resource` selectors: live objects they do not select are left alone, unlisted. */
  selectors?: readonly ResourceSelector[];
  /** `--sync-option`: merged with each live object's own options (`Prune=false`, `PruneLast=true`). */
  syncOptions?: SyncOptions;
}

export interface PrunePlan {
  tasks: SyncTask[];
  skipped: SkippedPrune[];
}

/** Prune tasks for `options.live`, given the plan's desired (non-prune) tasks. */
export function pruneTasks(options: PruneOptions | undefined, desired: readonly SyncTask[]): PrunePlan {
  if (!options) return { tasks: [], skipped: [] };
  const wanted = new Set(desired.map((t) => objectKey(t.ref)));
  const skipped: SkippedPrune[] = [];
  const tasks: SyncTask[] = [];
  const last: SyncTask[] = [];
  for (const object of options.live) {
    const ref = liveRef(object);
    // Live hooks and Skip objects are never pruned (spec §1.2, §1.4).
    if (wanted.has(objectKey(ref)) || parseHookType(asManifest(object)).value.role !== 'resource') continue;
    if (options.selectors && !isSelected(options.selectors, ref)) continue;
    const effective = mergeSyncOptions(options.syncOptions, liveSyncOptions(object));
    const skip = !options.enabled ? 'ignored (requires pruning)' : effective.Prune === 'false' ? 'ignored (no prune)' : '';
    if (skip) {
      skipped.push({ ref, message: skip });
      continue;
    }
    const task = pruneTask(object, ref);
    // The annotation is read here, while the live object is at hand; the task keeps its identity only.
    // Per object only: a per-sync Prune=confirm reaches the workflow in its input (pruneConfirm.ts).
    if (liveSyncOptions(object).Prune === 'confirm') task.confirmPrune = true;
    tasks.push(task);
    if (options.pruneLast || effective.PruneLast === 'true') last.push(task);
  }
  mirrorWaves(tasks);
  placeLast(last, [...desired, ...tasks]);
  return { tasks, skipped };
}

function pruneTask(object: KubeObject, ref: SyncTask['ref']): SyncTask {
  // A live object's wave annotation cannot be fixed by the user in this sync: a bad one counts as 0.
  const wave = parseSyncWave(asManifest(object)).value;
  return { phase: 'Sync', wave, ref, hookTypes: [], deletePolicies: [], prune: true, generatedName: false, object: identityOnly(object) };
}

/**
 * A prune needs only the identity. Keeping the rest out of the plan keeps workflow history small
 * and a live Secret's data out of it altogether.
 */
function identityOnly(object: KubeObject): KubeObject {
  const { name, namespace, uid } = object.metadata ?? {};
  const metadata = Object.fromEntries(Object.entries({ name, namespace, uid }).filter(([, v]) => v !== undefined));
  return { apiVersion: object.apiVersion, kind: object.kind, metadata };
}

/** Deletion runs in reverse creation order: the i-th smallest prune wave swaps with the i-th largest. */
function mirrorWaves(tasks: SyncTask[]): void {
  const waves = [...new Set(tasks.map((t) => t.wave))].sort((a, b) => a - b);
  for (const task of tasks) task.wave = waves[waves.length - 1 - waves.indexOf(task.wave)];
}

/** PruneLast: one wave after the highest Sync-phase wave (prunes included, floor 0). */
function placeLast(last: SyncTask[], all: readonly SyncTask[]): void {
  const syncWaves = all.filter((t) => t.phase === 'Sync').map((t) => t.wave);
  const lastWave = Math.max(0, ...syncWaves) + 1;
  for (const task of last) task.wave = lastWave;
}

function liveRef(object: KubeObject): SyncTask['ref'] {
  const meta = object.metadata ?? {};
  return toObjectRef(object, String(meta.name ?? ''), String(meta.namespace ?? ''));
}

/** Live objects have no file; the annotation readers only need the object. */
function asManifest(object: KubeObject): Manifest {
  return { source: { file: '<live>', document: 0 }, object };
}
