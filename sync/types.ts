// The vocabulary of a sync plan, spelled as Argo CD spells it. Each union sits next to a constant
// array: the array is what validation and ordering use, the union is what the compiler checks.

import { type KubeObject, type ManifestSource } from './manifest';
import type { ResourceSelector } from './resourceSelector';
import type { DeleteConfirmOption } from './deleteConfirm';
import type { SyncOptions } from './syncOptions';

/** Phases the sync engine runs, in execution order (spec §3.2: PreSync < Sync < PostSync < SyncFail). */
export const SYNC_PHASES = ['PreSync', 'Sync', 'PostSync', 'SyncFail'] as const;
export type SyncPhase = (typeof SYNC_PHASES)[number];

/** Hook types that only run while an application is deleted (spec §2.6); a sync never runs them. */
export const DELETION_HOOK_TYPES = ['PreDelete', 'PostDelete'] as const;
export type DeletionHookType = (typeof DELETION_HOOK_TYPES)[number];

/** The phase a task runs in: a sync phase, or a deletion's hook stage (sync/deletePlan.ts). */
export type TaskPhase = SyncPhase | DeletionHookType;

/** Every value `argocd.argoproj.io/hook` accepts (spec §1.1). */
export const HOOK_TYPES = [...SYNC_PHASES, 'Skip', ...DELETION_HOOK_TYPES] as const;
export type HookType = (typeof HOOK_TYPES)[number];

/** Every value `argocd.argoproj.io/hook-delete-policy` accepts (spec §2.1). */
export const DELETE_POLICIES = ['BeforeHookCreation', 'HookSucceeded', 'HookFailed'] as const;
export type DeletePolicy = (typeof DELETE_POLICIES)[number];

/** Identity of a Kubernetes object. `namespace` is '' for cluster-scoped objects. */
export interface ObjectRef {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
}

/**
 * One (object, phase) pair the sync applies or prunes. Plain data, so that it can travel in a
 * Temporal payload; facts derived from it are the small functions below.
 */
export interface SyncTask {
  phase: TaskPhase;
  wave: number;
  /** Final identity, generated hook names included. */
  ref: ObjectRef;
  /** Hook types declared by the object (Helm ones mapped); empty for a plain resource. */
  hookTypes: HookType[];
  /** Effective delete policies of a hook (default applied); empty for a plain resource. */
  deletePolicies: DeletePolicy[];
  /** True when the task deletes a live object that is no longer desired. */
  prune: boolean;
  /** A prune whose live object has `Prune=confirm`: it waits for `hooksync confirm` (pruneConfirm.ts). */
  confirmPrune?: boolean;
  /**
   * A deletion (deletePlan.ts) of a live object that asks to be confirmed first, and the option
   * that asked: it waits for `hooksync confirm` (deleteConfirm.ts).
   */
  confirmDelete?: DeleteConfirmOption;
  /**
   * True when `ref.name` was computed (hookName.ts): from `metadata.generateName`, or for a hook
   * with neither name nor generateName, which keeps its name across syncs and retries.
   */
  generatedName: boolean;
  /** The manifest's `metadata.generateName` when the name was generated from it: a retry renames from it. */
  generateName?: string;
  /** A hook's own deadline in seconds (`hooksync.io/timeout`); absent: none. */
  timeoutSeconds?: number;
  /** Where the manifest came from; absent for prune tasks, which come from live objects. */
  source?: ManifestSource;
  /**
   * `--create-namespace` (Argo CD's CreateNamespace): the namespace is created bare, only when it is
   * missing, before the dry run; it is never applied again, tracked or labelled, so never pruned.
   */
  createOnly?: boolean;
  /**
   * The sync options this object is synced with (syncOptions.ts): the sync's merged with the
   * object's own annotation. Absent when none is set, and on prunes (they read the live object's).
   */
  syncOptions?: SyncOptions;
  /** The object to apply (final name and namespace filled in), or the live object to prune. */
  object: KubeObject;
}

/** Tasks that start together: one (phase, wave) pair, or every SyncFail hook (spec C-d). */
export interface SyncGroup {
  phase: TaskPhase;
  wave: number;
  tasks: SyncTask[];
}

/** A live object that a sync without pruning (or with `Prune=false`) leaves alone. */
export interface SkippedPrune {
  ref: ObjectRef;
  /** Argo CD's result message: `ignored (requires pruning)` or `ignored (no prune)`. */
  message: string;
}

/** A hook of the manifests that a selective sync leaves out: it runs no hooks (Argo CD). */
export interface SkippedHook {
  ref: ObjectRef;
  phase: TaskPhase;
}

/**
 * A selective sync (`--resource`, selectivePlan.ts): the plan holds only the selected resources.
 * The selectors travel with it because the prune side, known only when the sync starts, must be
 * cut to them too (withPrunes.ts).
 */
export interface PlanSelection {
  selectors: ResourceSelector[];
  skippedHooks: SkippedHook[];
  /** Resources of the manifests no selector picked: neither applied nor pruned by this sync. */
  unselected: number;
}

export interface SyncPlan {
  /** Groups in execution order; their tasks in apply order. */
  groups: SyncGroup[];
  skippedPrunes: SkippedPrune[];
  /** One human-readable line each (problems.ts formats them). */
  warnings: string[];
  /** Present for a selective sync only. */
  selection?: PlanSelection;
  /** `--sync-option`: the options of the whole sync, as given; absent when none. */
  syncOptions?: SyncOptions;
}

export function isHook(task: SyncTask): boolean {
  return task.hookTypes.length > 0;
}

export function deletesBeforeCreation(task: SyncTask): boolean {
  return task.deletePolicies.includes('BeforeHookCreation');
}

export function deletesOnSuccess(task: SyncTask): boolean {
  return task.deletePolicies.includes('HookSucceeded');
}

export function deletesOnFailure(task: SyncTask): boolean {
  return task.deletePolicies.includes('HookFailed');
}

/** Every task phase in execution order: a deletion's hooks come before and after its deletions. */
const TASK_PHASE_ORDER: readonly TaskPhase[] = ['PreDelete', ...SYNC_PHASES, 'PostDelete'];

/** Position of a phase in execution order. */
export function phaseRank(phase: TaskPhase): number {
  return TASK_PHASE_ORDER.indexOf(phase);
}

/** Unique within a plan: one object appears at most once per phase. */
export function taskKey(task: SyncTask): string {
  const { group, kind, namespace, name } = task.ref;
  return `${task.phase}/${group}/${kind}/${namespace}/${name}`;
}

/** Every task of the plan, in execution order. */
export function planTasks(plan: SyncPlan): SyncTask[] {
  return plan.groups.flatMap((g) => g.tasks);
}

export function isSyncPhase(value: string): value is SyncPhase {
  return (SYNC_PHASES as readonly string[]).includes(value);
}
