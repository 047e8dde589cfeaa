// `hooksync delete --cascade=false`: the JSON patch (RFC 6902) that takes hooksync's marks off one
// live object and nothing else: the managed-by and app labels, the tracking id, and a hook
// finalizer of ours (nobody would remove it once hooksync no longer manages the object). Each
// removal is preceded by a test of the value we read, and the whole patch by a test of the uid: if
// the object changed hands or was re-created meanwhile, the server changes nothing (422) and the
// caller reads it again.
import type { JsonPatchOperation } from './finalizerRemoval';
import type { KubeObject } from './manifest';
import { APP_LABEL, HOOK_FINALIZER, MANAGED_BY, MANAGED_BY_LABEL, owningApp, TRACKING_ANNOTATION } from './stamp';

/** A JSON pointer's escaping of a map key (RFC 6901): `~` as `~0`, `/` as `~1`. */
const pointer = (...keys: string[]) => keys.map((k) => `/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

function removal(path: string, value: unknown): JsonPatchOperation[] {
  return [{ op: 'test', path, value }, { op: 'remove', path }];
}

/** The patch untracking `live` from `app`; empty when it carries none of the app's marks (done already). */
export function untrackPatch(live: KubeObject & { metadata: { uid?: string; finalizers?: string[] } }, app: string): JsonPatchOperation[] {
  const { labels = {}, annotations = {}, finalizers = [], uid } = live.metadata;
  const ops: JsonPatchOperation[] = [];
  if (labels[APP_LABEL] === app) ops.push(...removal(pointer('metadata', 'labels', APP_LABEL), app));
  // managed-by and the tracking id are ours only while the object is this app's.
  if (owningApp(live) === app) {
    if (labels[MANAGED_BY_LABEL] === MANAGED_BY) ops.push(...removal(pointer('metadata', 'labels', MANAGED_BY_LABEL), MANAGED_BY));
    ops.push(...removal(pointer('metadata', 'annotations', TRACKING_ANNOTATION), annotations[TRACKING_ANNOTATION]));
  }
  const index = finalizers.indexOf(HOOK_FINALIZER);
  if (ops.length > 0 && index >= 0) ops.push(...removal(`/metadata/finalizers/${index}`, HOOK_FINALIZER));
  if (ops.length === 0) return [];
  return uid ? [{ op: 'test', path: '/metadata/uid', value: uid }, ...ops] : ops;
}
