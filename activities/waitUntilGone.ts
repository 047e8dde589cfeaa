// Waits, inside an activity, until an object being deleted has left the API server, heartbeating
// so that a dead worker is noticed. Finalizers we put on hooks are removed first.
import { Context } from '@temporalio/activity';
import { describeObject } from '../sync/problems';
import type { ObjectRef } from '../sync/types';
import type { KubeClient } from './kubeClient';
import { releaseFinalizer } from './releaseFinalizer';

const POLL_MS = 250;

/** With `uid`, waits for that very object only: a new one that took its name does not count. */
export async function waitUntilGone(kube: KubeClient, ref: ObjectRef, uid?: string): Promise<void> {
  for (;;) {
    const live = await kube.read(ref);
    if (!live || (uid !== undefined && live.metadata.uid !== uid)) return;
    await releaseFinalizer(kube, ref, live);
    Context.current().heartbeat(`waiting for ${describeObject(ref)} to be deleted`);
    await Context.current().sleep(POLL_MS);
  }
}
