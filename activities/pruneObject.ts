// Pruning one live object the manifests no longer have (spec §3.6 step 2). The delete is sent once
// (an object already being deleted is not deleted again) and only to the very object that was
// listed (uid precondition); the task then runs until the object is gone, which awaitTasks waits
// for, as Argo CD does before the next wave (TestWaitForCleanUpBeforeNextWave).
import type { TaskUpdate } from '../sync/syncRun';
import type { SyncTask } from '../sync/types';
import type { KubeClient, LiveObject } from './kubeClient';
import { namespaceContents, namespaceKeptBecause } from './namespaceContents';

export type PruneUpdate = Omit<TaskUpdate, 'key'>;

export const PRUNED: PruneUpdate = { state: 'Pruned', status: 'Pruned', hookPhase: 'Succeeded', message: 'pruned' };

/** The listed object is gone and another took its name since: that one is not ours to delete. */
const REPLACED: PruneUpdate = { ...PRUNED, message: 'already gone; a newer object of the same name, created since the sync started, is kept' };

/** The uid the object had when the sync listed it (plans recorded before uids were kept have none). */
function listedUid(task: SyncTask): string | undefined {
  const uid = task.object.metadata.uid;
  return typeof uid === 'string' ? uid : undefined;
}

/** True when `live` is no longer the object the prune task was made for (gone, or re-created since). */
export function pruneDone(task: SyncTask, live: LiveObject | undefined): boolean {
  const uid = listedUid(task);
  return !live || (uid !== undefined && live.metadata.uid !== uid);
}

export async function pruneObject(kube: KubeClient, task: SyncTask, app: string): Promise<PruneUpdate> {
  const live = await kube.read(task.ref);
  if (!live) return PRUNED;
  if (pruneDone(task, live)) return REPLACED;
  if (task.ref.group === '' && task.ref.kind === 'Namespace') {
    const kept = namespaceKeptBecause(await namespaceContents(kube, task.ref.name, app));
    if (kept) return { state: 'PruneSkipped', status: 'PruneSkipped', hookPhase: 'Succeeded', message: kept };
  }
  if (!live.metadata.deletionTimestamp) {
    try {
      // Foreground: the object stays until its dependents are gone, so the wait covers them too.
      await kube.delete(task.ref, { propagation: 'Foreground', uid: listedUid(task) ?? live.metadata.uid });
    } catch (err) {
      // 409: the uid precondition failed, so the listed object is gone and another took its name.
      if ((err as { code?: unknown }).code === 409) return REPLACED;
      throw err;
    }
  }
  return { state: 'Running', status: 'Pruned', hookPhase: 'Running', message: 'pruned' };
}
