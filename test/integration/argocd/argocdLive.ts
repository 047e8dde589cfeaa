// Live objects for the Argo CD suites (argocdKit.ts re-exports them), read and set up as the
// cluster admin: what Argo CD's tests check with Pod(...) and NotPod(...), for any kind.
import { readFileSync } from 'node:fs';
import { KubernetesObjectApi, PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';
import { auditLogPath } from '../../support/auditLog';
import { eventually } from '../../support/eventually';
import type { SyncHarness } from '../../support/syncHarness';

export interface LiveRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

function objectApi(h: SyncHarness): KubernetesObjectApi {
  return KubernetesObjectApi.makeApiClient(h.cluster.kc);
}

function header(ref: LiveRef) {
  return { apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) } };
}

/** The live object as the cluster admin reads it, or undefined once it is gone. */
export async function liveObject(h: SyncHarness, ref: LiveRef): Promise<KubernetesObject | undefined> {
  try {
    return await objectApi(h).read(header(ref));
  } catch (err) {
    if ((err as { code?: number }).code === 404) return undefined;
    throw err;
  }
}

export const job = (namespace: string, name: string): LiveRef => ({ apiVersion: 'batch/v1', kind: 'Job', namespace, name });
export const pod = (namespace: string, name: string): LiveRef => ({ apiVersion: 'v1', kind: 'Pod', namespace, name });
export const configMap = (namespace: string, name: string): LiveRef => ({ apiVersion: 'v1', kind: 'ConfigMap', namespace, name });

/** Waits until the object is gone (a delete with Background propagation may take a moment). */
export async function expectGone(h: SyncHarness, ref: LiveRef): Promise<void> {
  await eventually(async () => expect(await liveObject(h, ref)).toBeUndefined(), { timeoutMs: 20_000 });
}

/** Gone, or on its way out with no finalizer left to hold it (Argo CD's "deleted or terminating"). */
export async function expectGoneOrGoing(h: SyncHarness, ref: LiveRef): Promise<void> {
  const live = await liveObject(h, ref);
  if (live === undefined) return;
  expect(live.metadata?.deletionTimestamp).toBeDefined();
  expect(live.metadata?.finalizers ?? []).toEqual([]);
}

/** The object exists and carries none of the given finalizers; returns it. */
export async function expectLiveWithout(h: SyncHarness, ref: LiveRef, finalizer: string): Promise<KubernetesObject> {
  const live = await liveObject(h, ref);
  expect(live).toBeDefined();
  expect(live?.metadata?.finalizers ?? []).not.toContain(finalizer);
  return live!;
}

/** Creates an object as the cluster admin (state a test sets up before the sync). */
export async function createAsAdmin(h: SyncHarness, object: KubernetesObject): Promise<KubernetesObject> {
  return objectApi(h).create(object);
}

/** Deletes an object as the cluster admin, if it is still there (test clean-up). */
export async function deleteAsAdmin(h: SyncHarness, ref: LiveRef): Promise<void> {
  await objectApi(h).delete(header(ref)).catch((err: { code?: number }) => {
    if (err.code !== 404) throw err;
  });
}

/** Removes every finalizer from an object, if it is still there (test set-up and clean-up). */
export async function dropFinalizers(h: SyncHarness, ref: LiveRef): Promise<void> {
  if (!(await liveObject(h, ref))) return;
  const body = { ...header(ref), metadata: { ...header(ref).metadata, finalizers: null } } as unknown as KubernetesObject;
  await objectApi(h).patch(body, undefined, undefined, 'hooksync-test', undefined, PatchStrategy.MergePatch).catch((err: { code?: number }) => {
    if (err.code !== 404) throw err;
  });
}

/**
 * The request URIs of the deletes hooksync sent in `ns` that the API server accepted (dry runs
 * aside), oldest first:
 * the query string carries the delete options (propagation), which the audit helpers do not keep.
 */
export function hooksyncDeleteUris(ns: string): string[] {
  const events = readFileSync(auditLogPath(), 'utf8').split('\n').filter((line) => line.includes(`"${ns}"`)).map((line) => JSON.parse(line) as {
    verb: string; userAgent?: string; requestURI: string; objectRef?: { namespace?: string }; responseStatus?: { code?: number }; requestReceivedTimestamp: string;
  });
  return events
    .filter((e) => e.verb === 'delete' && e.userAgent?.startsWith('hooksync/') && e.objectRef?.namespace === ns && (e.responseStatus?.code ?? 0) < 300)
    .filter((e) => !/[?&]dryRun=All(&|$)/.test(e.requestURI))
    .sort((a, b) => a.requestReceivedTimestamp.localeCompare(b.requestReceivedTimestamp))
    .map((e) => e.requestURI);
}
