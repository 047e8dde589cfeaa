// Who else claims a live object. hooksync's own tracking id always decides (an object of another
// hooksync app is never taken: applyTask.ts). `FailOnSharedResource=true` also refuses an object
// that Argo CD still tracks for one of its applications: without it, moving an app from Argo CD to
// hooksync takes the objects over, as the user who moves it expects; with it, the sync fails
// before anything is written, so that two controllers never fight over one object.
import { type KubeObject } from './manifest';
import { owningApp } from './stamp';

/** Argo CD's annotation tracking (its default since 3.0): `<app>:<group>/<kind>:<namespace>/<name>`. */
export const ARGO_TRACKING_ANNOTATION = 'argocd.argoproj.io/tracking-id';

/** The hooksync app owning `live` when it is not `app`. */
export function otherHooksyncApp(live: KubeObject, app: string): string | undefined {
  const owner = owningApp(live);
  return owner !== undefined && owner !== app ? owner : undefined;
}

/**
 * The Argo CD application tracking `live`, when its tracking id names this very object (a copy
 * made with `kubectl get -o yaml` carries the id of the original and is not tracked by it).
 */
export function argoCdApp(live: KubeObject): string | undefined {
  const id = live.metadata.annotations?.[ARGO_TRACKING_ANNOTATION];
  if (typeof id !== 'string') return undefined;
  const [app, groupKind, namespacedName] = id.split(':');
  if (!app || groupKind === undefined || namespacedName === undefined) return undefined;
  const [group, kind] = groupKind.split('/');
  const apiGroup = live.apiVersion.includes('/') ? live.apiVersion.split('/')[0] : '';
  const [namespace, name] = namespacedName.split('/');
  const same = group === apiGroup && kind === live.kind && (namespace ?? '') === (live.metadata.namespace ?? '') && name === live.metadata.name;
  return same ? app : undefined;
}
