// `hooksync delete --cascade=false`: every object the app owns keeps running, and only loses
// hooksync's labels, tracking id and hook finalizer, through a guarded JSON patch
// (sync/untrackPatch.ts). Idempotent: an object already untracked (a retry after a crash) needs
// no patch, one gone or re-created since the list is left alone.
import { Context } from '@temporalio/activity';
import type { KubeObject } from '../sync/manifest';
import { toObjectRef } from '../sync/objectRef';
import { describeObject } from '../sync/problems';
import { untrackedUpdate } from '../sync/deleteRun';
import type { TaskUpdate } from '../sync/syncRun';
import { untrackPatch } from '../sync/untrackPatch';
import { boundedParallel } from './boundedParallel';
import type { KubeClient } from './kubeClient';
import { isGuardFailure, kubeFailure } from './kubeFailures';

/** Patches in flight at once, as for applies: hides latency without crowding the API server. */
const PATCHES_IN_FLIGHT = 16;
/** Read-patch rounds per object before a refused patch counts as the server's answer. */
const MAX_ROUNDS = 3;

export const UNTRACKED = "untracked (--cascade=false): hooksync's labels and tracking id removed, the object kept";
const GONE = 'already gone (or re-created since the deletion started): nothing to untrack';

export async function untrackObjects(kube: KubeClient, app: string, objects: readonly KubeObject[]): Promise<TaskUpdate[]> {
  let done = 0;
  return boundedParallel(objects, PATCHES_IN_FLIGHT, async (object) => {
    const message = await untrackOne(kube, app, object);
    Context.current().heartbeat(`untracked ${++done} of ${objects.length}`);
    return untrackedUpdate(object, message);
  });
}

async function untrackOne(kube: KubeClient, app: string, object: KubeObject): Promise<string> {
  const ref = toObjectRef(object, String(object.metadata.name ?? ''), String(object.metadata.namespace ?? ''));
  for (let round = 1; ; round++) {
    try {
      const live = await kube.read(ref);
      if (!live || (object.metadata.uid !== undefined && live.metadata.uid !== object.metadata.uid)) return GONE;
      const patch = untrackPatch(live, app);
      if (patch.length > 0) await kube.jsonPatch(ref, patch);
      return UNTRACKED;
    } catch (err) {
      // The object changed between our read and our patch: read it again and decide again.
      if (isGuardFailure(err) && round < MAX_ROUNDS) continue;
      throw kubeFailure(err, `untrack ${describeObject(ref)}`);
    }
  }
}
