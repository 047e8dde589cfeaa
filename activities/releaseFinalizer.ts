// Takes our hook finalizer off one object, leaving every other finalizer as it is at that moment.
// The patch is guarded (sync/finalizerRemoval.ts), so a view that went stale between our read and
// our write (the TTL controller deleting a finished Job, the garbage collector adding and removing
// foregroundDeletion, another controller adding its own finalizer) makes the server refuse it
// instead of writing a list computed from the old view; we then read again and recompute.
import { finalizerRemoval, type JsonPatchOperation } from '../sync/finalizerRemoval';
import { HOOK_FINALIZER } from '../sync/stamp';
import type { ObjectRef } from '../sync/types';
import type { KubeClient, LiveObject } from './kubeClient';
import { isGuardFailure } from './kubeFailures';

/**
 * Patches sent before giving up. Each refusal means the object changed since we read it (or the
 * patch is invalid, which the server answers alike); after this many in a row the last refusal is
 * thrown, with the server's message, for the caller to map (activities/kubeFailures.ts).
 */
export const MAX_RELEASE_TRIES = 5;

/**
 * Removes HOOK_FINALIZER from the object at `ref`: the one `seen` shows, when given (it may be
 * stale), else the one read now. Done once that object is gone, replaced by another under the same
 * name, or no longer holds our finalizer. Idempotent.
 */
export async function releaseFinalizer(kube: KubeClient, ref: ObjectRef, seen?: LiveObject): Promise<void> {
  let view = seen ?? (await kube.read(ref));
  const uid = view?.metadata.uid;
  let refusal: unknown;
  for (let tries = 0; ; tries++) {
    const patch = pendingRemoval(view, uid);
    if (!patch) return;
    if (tries === MAX_RELEASE_TRIES) throw refusal ?? new Error(`our finalizer is still on after ${MAX_RELEASE_TRIES} patches`);
    ({ view, refusal } = await patchOrReread(kube, ref, patch));
  }
}

/** The patch still to send, if `view` is the object we started from and it still holds our finalizer. */
function pendingRemoval(view: LiveObject | undefined, uid: string | undefined): JsonPatchOperation[] | undefined {
  if (!view || (uid !== undefined && view.metadata.uid !== uid)) return undefined;
  return finalizerRemoval(view.metadata, HOOK_FINALIZER);
}

interface PatchOutcome {
  /** The object after the patch, or as read again after a refusal; undefined once gone. */
  view: LiveObject | undefined;
  refusal?: unknown;
}

async function patchOrReread(kube: KubeClient, ref: ObjectRef, patch: JsonPatchOperation[]): Promise<PatchOutcome> {
  try {
    return { view: await kube.jsonPatch(ref, patch) };
  } catch (err) {
    if ((err as { code?: unknown }).code === 404) return { view: undefined };
    if (!isGuardFailure(err)) throw err;
    return { view: await kube.read(ref), refusal: err };
  }
}
