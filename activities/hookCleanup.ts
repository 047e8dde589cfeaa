// What happens to hooks once their outcome is recorded: our finalizer comes off (so a Job's TTL
// or a user may delete it), and hooks whose delete policy says so are deleted when the sync ends.
import { describeObject } from '../sync/problems';
import type { ObjectRef } from '../sync/types';
import type { KubeClient } from './kubeClient';
import { kubeFailure } from './kubeFailures';
import { releaseFinalizer } from './releaseFinalizer';
import { waitUntilGone } from './waitUntilGone';

export async function releaseHooks(kube: KubeClient, refs: readonly ObjectRef[]): Promise<void> {
  for (const ref of refs) {
    try {
      await releaseFinalizer(kube, ref);
    } catch (err) {
      throw kubeFailure(err, `release ${describeObject(ref)}`);
    }
  }
}

/**
 * Deletes each hook once: the delete names the uid read just before, and a retry after a crash
 * finds the hook gone (or going) and sends nothing again. An object that took the hook's name in
 * between (409, the uid precondition failed) is not the hook and is left alone.
 */
export async function deleteHooks(kube: KubeClient, refs: readonly ObjectRef[]): Promise<void> {
  for (const ref of refs) {
    try {
      const live = await kube.read(ref);
      if (!live) continue;
      if (!live.metadata.deletionTimestamp) await kube.delete(ref, { uid: live.metadata.uid });
      await waitUntilGone(kube, ref, live.metadata.uid);
    } catch (err) {
      if ((err as { code?: unknown }).code === 409) continue;
      throw kubeFailure(err, `delete ${describeObject(ref)}`);
    }
  }
}
