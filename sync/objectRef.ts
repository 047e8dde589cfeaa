// Object identity from a manifest. Kept apart from problems.ts because the planner and the
// activities both need it, while only messages need the description.

import { type KubeObject } from './manifest';
import { type ObjectRef } from './types';

/** `apps/v1` -> { group: 'apps', version: 'v1' }; `v1` -> the core group ''. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  if (slash < 0) return { group: '', version: apiVersion };
  return { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** The identity of `object` once it is given `name` and `namespace` ('' when cluster-scoped). */
export function toObjectRef(object: KubeObject, name: string, namespace: string): ObjectRef {
  const { group, version } = splitApiVersion(String(object.apiVersion ?? ''));
  return { group, version, kind: String(object.kind ?? ''), namespace, name };
}

/** Same object regardless of version: Kubernetes serves one object under every version of a group. */
export function sameObject(a: ObjectRef, b: ObjectRef): boolean {
  return a.group === b.group && a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;
}

/** A key for maps and sets; version left out for the reason given on `sameObject`. */
export function objectKey(ref: ObjectRef): string {
  return `${ref.group}/${ref.kind}/${ref.namespace}/${ref.name}`;
}

/** `group/Kind/name`, as Argo CD names an object in its messages (the core group is empty). */
export function argoKey(ref: ObjectRef): string {
  return `${ref.group}/${ref.kind}/${ref.name}`;
}
