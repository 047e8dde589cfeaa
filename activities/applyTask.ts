// Applying one task of a group: create-or-adopt for hooks, server-side apply for resources,
// delete for prunes. Each is idempotent, so an activity retried after a crash finds and keeps
// what the first try did (reliability notes §3.5). Every write decided from an earlier read is
// guarded, so that it cannot land on an object other than the one read: a delete names the uid it
// read, a create fails if the name was taken meanwhile; the server's 409 then means deciding again.
import type { KubeObject } from '../sync/manifest';
import { describeObject } from '../sync/problems';
import { carriesStamp, stampHook, stampResource, type HookStamp, type Stamp } from '../sync/stamp';
import { deletesBeforeCreation, isHook, taskKey, type SyncTask } from '../sync/types';
import type { TaskUpdate } from '../sync/syncRun';
import type { KubeClient, LiveObject } from './kubeClient';
import { isPermanent, kubeFailure } from './kubeFailures';
import { waitUntilEstablished, isCrd } from './waitUntilEstablished';
import { crashPoint } from './faults';
import { waitUntilGone } from './waitUntilGone';
import { pruneObject } from './pruneObject';
import { releaseFinalizer } from './releaseFinalizer';
import { refusalMessage, writeOptionsFor, writeResource, type WriteOutcome } from './writeResource';
import { argoCdApp, otherHooksyncApp } from '../sync/sharedResource';
import { isOn, taskSyncOptions } from '../sync/syncOptions';

/** hooksync itself refuses the task: it fails, naming why; retrying cannot change that. */
class TaskRefused extends Error {}

/** Argo CD's row for a task the API server (or hooksync) refused: SyncFailed, and the hook phase Failed. */
export function refusedUpdate(key: string, message: string): TaskUpdate {
  return { key, state: 'Failed', status: 'SyncFailed', hookPhase: 'Failed', message };
}

/** Read-decide-write rounds for one hook before a 409 counts as the server's answer. */
const MAX_HOOK_ROUNDS = 3;

const isConflict = (err: unknown) => (err as { code?: unknown }).code === 409;

/** What applying one task did; for a resource, also the server's answer (the object as stored). */
export interface AppliedTask {
  update: TaskUpdate;
  answer?: LiveObject;
}

/**
 * `prior`: the object as a LIST read just before (null: absent), which spares the first read; a
 * write decided from it is guarded as from a GET.
 */
export async function applyTask(kube: KubeClient, task: SyncTask, stamp: Stamp, prior?: LiveObject | null): Promise<TaskUpdate> {
  return (await applyTaskAnswered(kube, task, stamp, prior)).update;
}

/** applyTask, with the server's answer to a resource's apply beside the update (doneOnApply.ts reads it). */
export async function applyTaskAnswered(kube: KubeClient, task: SyncTask, stamp: Stamp, prior?: LiveObject | null): Promise<AppliedTask> {
  const key = taskKey(task);
  try {
    if (task.prune) return { update: { key, ...(await pruneObject(kube, task, stamp.app)) } };
    if (task.createOnly) return { update: { key, state: 'Succeeded', status: 'Synced', hookPhase: 'Succeeded', message: await createIfMissing(kube, task) } };
    const { message, answer } = isHook(task) ? { message: await createOrAdoptHook(kube, task, { ...stamp, phase: task.phase }, prior), answer: undefined } : await applyResource(kube, task, stamp.app, prior);
    // Argo CD's hook phase of every applied task, plain resources included, until it completes.
    return { update: { key, state: 'Running', status: 'Synced', hookPhase: 'Running', message }, answer };
  } catch (err) {
    // Refused for what it says (invalid, forbidden, owned elsewhere): a failed task, not a retry.
    if (err instanceof TaskRefused) return { update: refusedUpdate(key, err.message) };
    if (isPermanent(err)) return { update: refusedUpdate(key, refusalMessage(err, task)) };
    throw kubeFailure(err, `apply ${describeObject(task.ref)}`, task.object);
  }
}

/** `--create-namespace`: the bare namespace, only when missing; one that exists is not touched. */
async function createIfMissing(kube: KubeClient, task: SyncTask): Promise<string> {
  const what = `${task.ref.kind.toLowerCase()}/${task.ref.name}`;
  if (await kube.read(task.ref)) return `${what} already exists`;
  try {
    await kube.create(task.object);
  } catch (err) {
    if (isConflict(err)) return `${what} already exists`;
    throw err;
  }
  return `${what} created`;
}

/** What a read returns, unless a LIST already told: `prior` stands in for the first read only. */
const readUnlessKnown = (kube: KubeClient, task: SyncTask, prior: LiveObject | null | undefined) => (prior === undefined ? kube.read(task.ref) : Promise.resolve(prior ?? undefined));

async function createOrAdoptHook(kube: KubeClient, task: SyncTask, stamp: HookStamp, prior: LiveObject | null | undefined): Promise<string> {
  for (let round = 1; ; round++) {
    try {
      return await createOrAdoptOnce(kube, task, stamp, round === 1 ? prior : undefined);
    } catch (err) {
      // Someone took or replaced the name between our read and our write (a retried attempt of
      // this very activity, say): what to do depends on what is there now.
      if (!isConflict(err) || round === MAX_HOOK_ROUNDS) throw err;
    }
  }
}

async function createOrAdoptOnce(kube: KubeClient, task: SyncTask, stamp: HookStamp, prior: LiveObject | null | undefined): Promise<string> {
  const live = await readUnlessKnown(kube, task, prior);
  if (live && carriesStamp(live, stamp)) return `${task.ref.kind.toLowerCase()}/${task.ref.name} adopted (created before a restart)`;
  if (live) {
    if (!deletesBeforeCreation(task)) {
      // Not ours to run, but a finalizer of ours left on it (an earlier sync that never finished)
      // would block its deletion for good, as in Argo CD's TestSync_ExistingHooksWithFinalizer.
      await releaseFinalizer(kube, task.ref, live);
      throw new TaskRefused(`${describeObject(task.ref)} already exists from an earlier sync; give it hook-delete-policy BeforeHookCreation or a generateName`);
    }
    // BeforeHookCreation removes the object just read, never one that replaced it since.
    await kube.delete(task.ref, { uid: live.metadata.uid });
    await waitUntilGone(kube, task.ref, live.metadata.uid);
  }
  await kube.create(stampHook(task.object, stamp), writeOptionsFor(taskSyncOptions(task)));
  crashPoint('crash-after-create', task.ref.name);
  return `${task.ref.kind.toLowerCase()}/${task.ref.name} created`;
}

/**
 * Why `app` may not write `live`, when another app owns it; undefined when it may. With
 * `FailOnSharedResource=true` an Argo CD application's object counts too (sharedResource.ts).
 */
export function ownedElsewhere(live: KubeObject | undefined, task: SyncTask, app: string): string | undefined {
  if (!live) return undefined;
  const owner = otherHooksyncApp(live, app);
  if (owner !== undefined) return `${describeObject(task.ref)} belongs to app "${owner}"; hooksync does not take objects from another app`;
  const argo = isOn(taskSyncOptions(task), 'FailOnSharedResource') ? argoCdApp(live) : undefined;
  if (argo !== undefined) return `${describeObject(task.ref)} is tracked by Argo CD application "${argo}" (argocd.argoproj.io/tracking-id); FailOnSharedResource=true refuses to share it`;
  return undefined;
}

const OUTCOME_WORDS: Record<WriteOutcome, string> = {
  created: 'created',
  configured: 'configured',
  replaced: 'replaced',
  unchanged: 'unchanged (ApplyOutOfSyncOnly: nothing written)',
  're-created': 're-created (Force: a field that cannot change did)',
};

async function applyResource(kube: KubeClient, task: SyncTask, app: string, prior: LiveObject | null | undefined): Promise<{ message: string; answer?: LiveObject }> {
  const live = await readUnlessKnown(kube, task, prior);
  const refusal = ownedElsewhere(live, task, app);
  if (refusal) throw new TaskRefused(refusal);
  const { outcome, answer } = await writeResource(kube, task, stampResource(task.object, app), live);
  if (isCrd(task.ref)) await waitUntilEstablished(kube, task.ref);
  return { message: `${task.ref.kind.toLowerCase()}/${task.ref.name} ${OUTCOME_WORDS[outcome]}`, answer };
}
