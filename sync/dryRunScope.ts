// Which tasks the dry run before the first write covers (spec §3.5 step 2, §7.4), decided purely
// from the plan. Every resource and hook of every phase is checked, SyncFail hooks included, except:
// prunes (nothing to send), the `--create-namespace` task (created for real first), and objects of
// a kind whose CustomResourceDefinition is in the same sync (the server cannot know it yet). An object
// with `SkipDryRunOnMissingResource=true` is checked, but a kind the server does not serve is let by.
import { crdGroupKind, groupKind } from './kindScope';
import { isOn, taskSyncOptions } from './syncOptions';
import { type SyncTask } from './types';

export interface DryRunCheck {
  task: SyncTask;
  /** `SkipDryRunOnMissingResource=true`: a kind the server does not serve (yet) is no failure. */
  skipIfKindMissing: boolean;
}

export interface DryRunScope {
  /**
   * Namespaces to create for real before the dry run, when missing: the `--create-namespace` task,
   * and declared Namespaces that other checked objects live in (the server refuses even a dry run
   * into a namespace that does not exist). A declared one that was created needs no dry run.
   */
  createFirst: SyncTask[];
  check: DryRunCheck[];
}

/** `SkipDryRunOnMissingResource=true` in the task's sync options (the object's or the sync's): its kind may appear during the sync. */
export function skipsDryRunOnMissing(task: SyncTask): boolean {
  return isOn(taskSyncOptions(task), 'SkipDryRunOnMissingResource');
}

const isNamespace = (t: SyncTask) => t.ref.group === '' && t.ref.kind === 'Namespace';

/** The dry run of `tasks` (the ones still to run, in plan order). */
export function dryRunScope(tasks: readonly SyncTask[]): DryRunScope {
  const desired = tasks.filter((t) => !t.prune);
  const definedHere = new Set(desired.map((t) => crdGroupKind(t.object)).filter((c) => c !== undefined).map((c) => groupKind(c.group, c.kind)));
  const check = desired
    .filter((t) => !t.createOnly && !definedHere.has(groupKind(t.ref.group, t.ref.kind)))
    .map((task) => ({ task, skipIfKindMissing: skipsDryRunOnMissing(task) }));
  const usedNamespaces = new Set(check.map((c) => c.task.ref.namespace).filter(Boolean));
  const createFirst = desired.filter((t) => isNamespace(t) && (t.createOnly || usedNamespaces.has(t.ref.name)));
  return { createFirst, check };
}
