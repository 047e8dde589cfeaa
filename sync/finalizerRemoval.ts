// The JSON patch (RFC 6902) that takes one finalizer off an object and nothing else. A merge patch
// of the whole list, computed from an earlier read, puts back what others removed meanwhile (the
// garbage collector's foregroundDeletion: the server then refuses the patch) and drops what they
// added. Here the server checks, atomically, that the object is still the one we read and that our
// entry still sits where we saw it; if not, the patch changes nothing and is answered 422, and the
// caller reads the object again.

/** One RFC 6902 operation; only those hooksync sends. */
export type JsonPatchOperation =
  | { op: 'test'; path: string; value: unknown }
  | { op: 'remove'; path: string };

export interface FinalizerView {
  uid?: string;
  finalizers?: readonly string[];
}

/** The patch removing `finalizer` as `view` holds it, or undefined when `view` does not hold it. */
export function finalizerRemoval(view: FinalizerView, finalizer: string): JsonPatchOperation[] | undefined {
  const index = view.finalizers?.indexOf(finalizer) ?? -1;
  if (index < 0) return undefined;
  const entry = `/metadata/finalizers/${index}`;
  // The uid test keeps the patch off another object that took the same name in between.
  const sameObject: JsonPatchOperation[] = view.uid ? [{ op: 'test', path: '/metadata/uid', value: view.uid }] : [];
  return [...sameObject, { op: 'test', path: entry, value: finalizer }, { op: 'remove', path: entry }];
}
