// The marks hooksync leaves on every object it creates (DESIGN §3): labels that say who manages
// it, and on hooks the sync id and attempt that let a retried activity recognise its own work.
import { type KubeObject } from './manifest';
import { splitApiVersion } from './objectRef';
import { type TaskPhase } from './types';

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY = 'hooksync';
export const APP_LABEL = 'hooksync.io/app';
export const SYNC_ID_ANNOTATION = 'hooksync.io/sync-id';
export const ATTEMPT_ANNOTATION = 'hooksync.io/attempt';
export const PHASE_ANNOTATION = 'hooksync.io/phase';
/**
 * Who owns an object, written on everything hooksync applies: `<app>:<group>/<kind>:<namespace>/<name>`.
 * It names the object itself, so a copy of the object under another name or namespace (kubectl
 * get -o yaml, edit, apply) is not taken for ours, as with Argo CD's tracking id.
 */
export const TRACKING_ANNOTATION = 'hooksync.io/tracking-id';
/**
 * Keeps a running hook (a Job with ttlSecondsAfterFinished, say) until its outcome is recorded
 * (DESIGN §4); the counterpart of Argo CD's `argocd.argoproj.io/hook-finalizer`.
 */
export const HOOK_FINALIZER = 'hooksync.io/hook-finalizer';

export interface Stamp {
  app: string;
  syncId: string;
  attempt: number;
}

/**
 * What identifies one run of a hook: the sync, the attempt and the phase. The phase matters for a
 * hook in several phases (`PreSync,PostSync`), which is re-created in each (spec R1.6), not adopted.
 */
export interface HookStamp extends Stamp {
  phase: TaskPhase;
}

/** The label selector of every object an app owns. */
export function appSelector(app: string): string {
  return `${MANAGED_BY_LABEL}=${MANAGED_BY},${APP_LABEL}=${app}`;
}

export function trackingId(app: string, object: KubeObject): string {
  const { group } = splitApiVersion(object.apiVersion);
  return `${app}:${group}/${object.kind}:${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;
}

/** A copy of a resource's manifest (final name and namespace) with hooksync's labels and tracking id. */
export function stampResource(object: KubeObject, app: string): KubeObject {
  const labels = { ...object.metadata.labels, [MANAGED_BY_LABEL]: MANAGED_BY, [APP_LABEL]: app };
  const annotations = { ...object.metadata.annotations, [TRACKING_ANNOTATION]: trackingId(app, object) };
  return { ...object, metadata: { ...object.metadata, labels, annotations } };
}

/** A copy of a hook's manifest with labels, the hook's stamp and the hook finalizer. */
export function stampHook(object: KubeObject, stamp: HookStamp): KubeObject {
  const resource = stampResource(object, stamp.app);
  const annotations = {
    ...resource.metadata.annotations,
    [SYNC_ID_ANNOTATION]: stamp.syncId,
    [ATTEMPT_ANNOTATION]: String(stamp.attempt),
    [PHASE_ANNOTATION]: stamp.phase,
  };
  const finalizers = [...new Set([...((object.metadata.finalizers as string[] | undefined) ?? []), HOOK_FINALIZER])];
  return { ...resource, metadata: { ...resource.metadata, annotations, finalizers } };
}

/** True when `live` was created by this very hook run (so an activity retried after a crash adopts it). */
export function carriesStamp(live: KubeObject, stamp: HookStamp): boolean {
  const annotations = live.metadata.annotations ?? {};
  return annotations[SYNC_ID_ANNOTATION] === stamp.syncId
    && annotations[ATTEMPT_ANNOTATION] === String(stamp.attempt)
    && annotations[PHASE_ANNOTATION] === stamp.phase;
}

/**
 * The app that owns a live object, by its tracking id; undefined when hooksync does not manage it,
 * or when the tracking id names another object (a copy).
 */
export function owningApp(live: KubeObject): string | undefined {
  const id = live.metadata.annotations?.[TRACKING_ANNOTATION];
  const colon = id?.indexOf(':') ?? -1;
  if (!id || colon <= 0) return undefined;
  const app = id.slice(0, colon);
  return id === trackingId(app, live) ? app : undefined;
}
