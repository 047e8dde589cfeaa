// Groups the objects a step reads by the collection one LIST returns (API version, kind and
// namespace), so that a big group is read with a few paged LISTs instead of a GET per object.
import type { ObjectRef } from './types';

export interface Collection {
  /** group, version and kind of every ref; namespace '' for a cluster-scoped kind. */
  first: ObjectRef;
  refs: ObjectRef[];
}

/** The collections of `refs`, in the order they first appear; each ref in exactly one. */
export function collectionsOf(refs: readonly ObjectRef[]): Collection[] {
  const byKey = new Map<string, Collection>();
  for (const ref of refs) {
    const key = `${ref.group}/${ref.version}/${ref.kind}/${ref.namespace}`;
    const known = byKey.get(key);
    if (known) known.refs.push(ref);
    else byKey.set(key, { first: ref, refs: [ref] });
  }
  return [...byKey.values()];
}
