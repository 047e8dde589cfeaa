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

export async function deleteHooks(kube: KubeClient, refs: readonly ObjectRef[]): Promise<void> {
  for (const ref of refs) {
    try {
      await kube.delete(ref);
      await waitUntilGone(kube, ref);
    } catch (err) {
      throw kubeFailure(err, `delete ${describeObject(ref)}`);
    }
  }
}
