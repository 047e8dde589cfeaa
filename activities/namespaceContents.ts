// What a Namespace holds that the app pruning it does not own: a guard no peer has (issue: a
// namespace that hooksync once labelled must never take unrelated objects with it). A prune of a
// Namespace goes ahead only when this is empty; otherwise the prune is skipped and says why.
import { owningApp } from '../sync/stamp';
import type { KubeClient, LiveObject } from './kubeClient';

/** Kinds every namespace gets from the control plane itself, or that only mirror other objects. */
const CONTROL_PLANE_KINDS = new Set(['Event', 'Endpoints', 'EndpointSlice']);
/** Objects the control plane puts into every namespace. */
const CONTROL_PLANE_OBJECTS = new Set(['ServiceAccount/default', 'ConfigMap/kube-root-ca.crt']);

export type NamespaceContents = { foreign: string[] } | { unreadable: string[] };

/** True for what comes and goes with something else: control-plane objects, and dependents of an owner. */
function followsSomethingElse(obj: LiveObject): boolean {
  const owners = (obj.metadata as { ownerReferences?: unknown[] }).ownerReferences;
  return CONTROL_PLANE_KINDS.has(obj.kind) || CONTROL_PLANE_OBJECTS.has(`${obj.kind}/${obj.metadata.name ?? ''}`) || (owners?.length ?? 0) > 0;
}

/**
 * `Kind name` of every object in `namespace` that `app` does not own; or the kinds the worker may
 * not list, when there are any: then nobody can tell that the namespace is safe to delete.
 */
export async function namespaceContents(kube: KubeClient, namespace: string, app: string): Promise<NamespaceContents> {
  const kinds = (await kube.listableKinds()).filter((k) => k.namespaced && !CONTROL_PLANE_KINDS.has(k.kind));
  const foreign: string[] = [];
  const unreadable: string[] = [];
  for (const { apiVersion, kind } of kinds) {
    try {
      for (const obj of await kube.list(apiVersion, kind, namespace, '')) {
        if (owningApp(obj) !== app && !followsSomethingElse(obj)) foreign.push(`${kind} ${obj.metadata.name ?? ''}`);
      }
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (code === 403) unreadable.push(kind);
      else if (code !== 404 && code !== 405) throw err;
    }
  }
  return unreadable.length > 0 ? { unreadable } : { foreign };
}

/** The PruneSkipped message for contents that stop a namespace's prune, or undefined to go ahead. */
export function namespaceKeptBecause(contents: NamespaceContents): string | undefined {
  if ('unreadable' in contents) return `ignored (the worker may not list ${listed(contents.unreadable)} here, so it cannot tell that the namespace holds nothing else)`;
  if (contents.foreign.length === 0) return undefined;
  return `ignored (the namespace holds objects this app does not own: ${listed(contents.foreign)})`;
}

function listed(items: readonly string[]): string {
  const shown = items.slice(0, 5).join(', ');
  return items.length > 5 ? `${shown} and ${items.length - 5} more` : shown;
}
