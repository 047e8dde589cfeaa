// Applying one task of a group: create-or-adopt for hooks, server-side apply for resources,
// delete for prunes. Each is idempotent, so an activity retried after a crash finds and keeps
// what the first try did (reliability notes §3.5).
import { describeObject } from '../sync/problems';
import { carriesStamp, owningApp, stampHook, stampResource, type HookStamp, type Stamp } from '../sync/stamp';
import { deletesBeforeCreation, isHook, taskKey, type SyncTask } from '../sync/types';
import type { TaskUpdate } from '../sync/syncRun';
import type { KubeClient } from './kubeClient';
import { isPermanent, kubeFailure, statusMessage } from './kubeFailures';
import { waitUntilEstablished, isCrd } from './waitUntilEstablished';
import { crashPoint } from './faults';
import { waitUntilGone } from './waitUntilGone';

/** hooksync itself refuses the task: it fails, naming why; retrying cannot change that. */
class TaskRefused extends Error {}

export async function applyTask(kube: KubeClient, task: SyncTask, stamp: Stamp): Promise<TaskUpdate> {
  const key = taskKey(task);
  try {
    if (task.prune) {
      await kube.delete(task.ref);
      return { key, state: 'Pruned', status: 'Pruned', message: 'pruned' };
    }
    const message = isHook(task) ? await createOrAdoptHook(kube, task, { ...stamp, phase: task.phase }) : await applyResource(kube, task, stamp.app);
    return { key, state: 'Running', status: 'Synced', message, ...(isHook(task) ? { hookPhase: 'Running' as const } : {}) };
  } catch (err) {
    // Refused for what it says (invalid, forbidden, owned elsewhere): a failed task, not a retry.
    if (err instanceof TaskRefused) return { key, state: 'Failed', status: 'SyncFailed', message: err.message };
    if (isPermanent(err)) return { key, state: 'Failed', status: 'SyncFailed', message: statusMessage(err, task.object) };
    throw kubeFailure(err, `apply ${describeObject(task.ref)}`, task.object);
  }
}

async function createOrAdoptHook(kube: KubeClient, task: SyncTask, stamp: HookStamp): Promise<string> {
  const live = await kube.read(task.ref);
  if (live && carriesStamp(live, stamp)) return `${task.ref.kind.toLowerCase()}/${task.ref.name} adopted (created before a restart)`;
  if (live) {
    if (!deletesBeforeCreation(task)) {
      throw new TaskRefused(`${describeObject(task.ref)} already exists from an earlier sync; give it hook-delete-policy BeforeHookCreation or a generateName`);
    }
    await kube.delete(task.ref);
    await waitUntilGone(kube, task.ref);
  }
  await kube.create(stampHook(task.object, stamp));
  crashPoint('crash-after-create', task.ref.name);
  return `${task.ref.kind.toLowerCase()}/${task.ref.name} created`;
}

async function applyResource(kube: KubeClient, task: SyncTask, app: string): Promise<string> {
  const live = await kube.read(task.ref);
  const owner = live ? owningApp(live) : undefined;
  if (owner !== undefined && owner !== app) {
    throw new TaskRefused(`${describeObject(task.ref)} belongs to app "${owner}"; hooksync does not take objects from another app`);
  }
  await kube.apply(stampResource(task.object, app));
  if (isCrd(task.ref)) await waitUntilEstablished(kube, task.ref);
  return `${task.ref.kind.toLowerCase()}/${task.ref.name} ${live ? 'configured' : 'created'}`;
}
