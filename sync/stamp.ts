// The marks hooksync leaves on every object it creates (DESIGN §3): labels that say who manages
// it, and on hooks the sync id and attempt that let a retried activity recognise its own work.
import { type KubeObject } from './manifest';
import { type SyncPhase } from './types';

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY = 'hooksync';
export const APP_LABEL = 'hooksync.io/app';
export const SYNC_ID_ANNOTATION = 'hooksync.io/sync-id';
export const ATTEMPT_ANNOTATION = 'hooksync.io/attempt';
export const PHASE_ANNOTATION = 'hooksync.io/phase';
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
  phase: SyncPhase;
}

/** The label selector of every object an app owns. */
export function appSelector(app: string): string {
  return `${MANAGED_BY_LABEL}=${MANAGED_BY},${APP_LABEL}=${app}`;
}

/** A copy of a resource's manifest with hooksync's labels. */
export function stampResource(object: KubeObject, app: string): KubeObject {
  const labels = { ...object.metadata.labels, [MANAGED_BY_LABEL]: MANAGED_BY, [APP_LABEL]: app };
  return { ...object, metadata: { ...object.metadata, labels } };
}

/** A copy of a hook's manifest with labels, the hook's stamp and the hook finalizer. */
export function stampHook(object: KubeObject, stamp: HookStamp): KubeObject {
  const resource = stampResource(object, stamp.app);
  const annotations = {
    ...object.metadata.annotations,
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

/** The app that owns a live object, by our label; undefined when hooksync does not manage it. */
export function owningApp(live: KubeObject): string | undefined {
  const labels = live.metadata.labels ?? {};
  return labels[MANAGED_BY_LABEL] === MANAGED_BY ? labels[APP_LABEL] : undefined;
}
