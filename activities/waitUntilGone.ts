// Waits, inside an activity, until an object being deleted has left the API server, heartbeating
// so that a dead worker is noticed. Finalizers we put on hooks are removed first.
import { Context } from '@temporalio/activity';
import { describeObject } from '../sync/problems';
import { HOOK_FINALIZER } from '../sync/stamp';
import type { ObjectRef } from '../sync/types';
import type { KubeClient } from './kubeClient';

const POLL_MS = 250;

export async function waitUntilGone(kube: KubeClient, ref: ObjectRef): Promise<void> {
  for (;;) {
    const live = await kube.read(ref);
    if (!live) return;
    await releaseFinalizer(kube, ref, live.metadata.finalizers);
    Context.current().heartbeat(`waiting for ${describeObject(ref)} to be deleted`);
    await Context.current().sleep(POLL_MS);
  }
}

/** Removes our hook finalizer, keeping any others. */
export async function releaseFinalizer(kube: KubeClient, ref: ObjectRef, finalizers: string[] | undefined): Promise<void> {
  if (!finalizers?.includes(HOOK_FINALIZER)) return;
  await kube.mergePatch(ref, { metadata: { finalizers: finalizers.filter((f) => f !== HOOK_FINALIZER) } });
}
