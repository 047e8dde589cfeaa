// Helpers for the suites that replay Argo CD's own tests as real hooksync syncs (not a test file
// itself). Argo CD's fixtures are Pods running `true` or `false`; on the KWOK cluster only a Job's
// Pods run to completion (dev/kwok/cluster.yaml), so a hook that must succeed is a Job here, a hook
// that must fail or keep running may stay a bare Pod, and the plain `pod` of Argo CD's `hook`
// fixture restarts for ever, which KWOK reports Running and Ready, i.e. Healthy.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubernetesObjectApi, PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';
import type { WorkflowHandle } from '@temporalio/client';
import { planFromFiles } from '../../../client/planFromFiles';
import { followSync, newSyncId, queryState, startSync, type SyncReport } from '../../../client/syncClient';
import type { ResourceRow, SyncResult } from '../../../sync/syncRun';
import { syncWorkflowId } from '../../../workflows/messages';
import { auditLogPath } from '../../support/auditLog';
import { eventually } from '../../support/eventually';
import { runCliSync, type CliRun } from '../../support/runCli';
import type { SyncHarness } from '../../support/syncHarness';
import type { PolicyRule } from '../../support/workerServiceAccount';
import { documents, jobYaml } from '../sync/syncTestKit';

/** Bare Pods are outside the worker's documented role; files that sync them grant this rule. */
export const podRule: PolicyRule = { apiGroups: [''], resources: ['pods'], verbs: ['get', 'watch', 'list', 'create', 'patch', 'delete'] };

export interface ArgoSyncOptions {
  app: string;
  namespace: string;
  prune?: boolean;
  /** `--create-namespace`: `namespace` is created first when it is missing. */
  createNamespace?: boolean;
  /** `--timeout`, in seconds. */
  timeoutSeconds?: number;
}

/** Plans the manifests as `hooksync sync -f -` does and starts the sync; fails on manifest problems. */
export async function startArgoSync(h: SyncHarness, yaml: string, o: ArgoSyncOptions): Promise<WorkflowHandle> {
  const syncId = newSyncId();
  const planned = await planFromFiles(['-'], { syncId, attempt: 0, defaultNamespace: o.namespace, createNamespace: o.createNamespace }, { stdin: yaml });
  if (planned.problems.length > 0) throw new Error(`manifest problems:\n${planned.problems.join('\n')}`);
  return startSync(h.client, { syncId, app: o.app, cluster: h.clusterName, plan: planned.plan, prune: o.prune, timeoutSeconds: o.timeoutSeconds });
}

/** Follows a started sync to its result; one that has not ended within `withinMs` is terminated and fails the test. */
export async function resultOf(h: SyncHarness, handle: WorkflowHandle, withinMs = 60_000): Promise<SyncReport> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`sync ${handle.workflowId} did not end within ${withinMs} ms`)), withinMs);
  });
  try {
    return await Promise.race([followSync(handle, () => undefined), deadline]);
  } catch (err) {
    await h.client.workflow.getHandle(handle.workflowId).terminate('integration test deadline').catch(() => undefined);
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** Starts a sync and follows it to its result. */
export async function argoSync(h: SyncHarness, yaml: string, o: ArgoSyncOptions): Promise<SyncReport> {
  return resultOf(h, await startArgoSync(h, yaml, o));
}

/** `hooksync sync -f FILE --app APP -n NAMESPACE -o json` on the harness's cluster, with the manifests written to a file. */
export async function cliSync(h: SyncHarness, yaml: string, o: { app: string; namespace: string }): Promise<CliRun> {
  const file = join(mkdtempSync(join(tmpdir(), 'hooksync-argocd-')), 'manifests.yaml');
  writeFileSync(file, yaml);
  return runCliSync(h.clusterName, '-f', file, '--app', o.app, '-n', o.namespace, '-o', 'json');
}

/**
 * The request URIs of the deletes hooksync sent in `ns` that the API server accepted, oldest first:
 * the query string carries the delete options (propagation), which the audit helpers do not keep.
 */
export function hooksyncDeleteUris(ns: string): string[] {
  const events = readFileSync(auditLogPath(), 'utf8').split('\n').filter((line) => line.includes(`"${ns}"`)).map((line) => JSON.parse(line) as {
    verb: string; userAgent?: string; requestURI: string; objectRef?: { namespace?: string }; responseStatus?: { code?: number }; requestReceivedTimestamp: string;
  });
  return events
    .filter((e) => e.verb === 'delete' && e.userAgent?.startsWith('hooksync/') && e.objectRef?.namespace === ns && (e.responseStatus?.code ?? 0) < 300)
    .sort((a, b) => a.requestReceivedTimestamp.localeCompare(b.requestReceivedTimestamp))
    .map((e) => e.requestURI);
}

/** The workflow handle of an app's latest sync on the harness's cluster. */
export function syncHandle(h: SyncHarness, app: string): WorkflowHandle {
  return h.client.workflow.getHandle(syncWorkflowId(h.clusterName, app));
}

/** Polls the running sync's rows until `check` holds; returns the state it held on. */
export async function whenState(handle: WorkflowHandle, check: (state: SyncResult) => void): Promise<SyncResult> {
  return eventually(async () => {
    const state = await queryState(handle, 5_000);
    check(state);
    return state;
  }, { timeoutMs: 45_000 });
}

/** A row of a state by kind and name, or undefined. */
export function findRow(state: SyncResult, kind: string, name: string): ResourceRow | undefined {
  return state.resources.find((r) => r.kind === kind && r.name === name);
}

/** `Kind/name` of every row, sorted: the set of tasks that ran (Argo CD's ResourceResultNumbering). */
export function rowNames(state: SyncResult): string[] {
  return state.resources.map((r) => `${r.kind}/${r.name}`).sort();
}

/** The fields Argo CD's e2e tests assert on a hook's row: created (Synced), run in `phase`. */
export function hookRow(phase: string, hookPhase: string, extra: Partial<ResourceRow> = {}): Partial<ResourceRow> {
  return { status: 'Synced', syncPhase: phase as ResourceRow['syncPhase'], hookType: phase, hookPhase: hookPhase as ResourceRow['hookPhase'], ...extra };
}

/** The fields of a plain resource's row applied in the Sync phase. */
export function resourceRow(hookPhase: string, extra: Partial<ResourceRow> = {}): Partial<ResourceRow> {
  return { status: 'Synced', syncPhase: 'Sync', hookType: '', hookPhase: hookPhase as ResourceRow['hookPhase'], ...extra };
}

export interface PodOptions {
  hook?: string;
  policy?: string;
  wave?: number;
  /** KWOK ends the Pod Failed (label kwok.hooksync.io/fail); otherwise it keeps running. */
  fail?: boolean;
  /** Never for a run-to-completion Pod (a hook); Always for a service Pod. */
  restartPolicy?: 'Always' | 'Never';
  namespace?: string;
  finalizers?: string[];
  serviceAccount?: string;
}

/** A bare Pod manifest. */
export function podYaml(name: string, o: PodOptions = {}): string {
  const annotations = [
    o.hook && `argocd.argoproj.io/hook: "${o.hook}"`,
    o.policy && `argocd.argoproj.io/hook-delete-policy: "${o.policy}"`,
    o.wave !== undefined && `argocd.argoproj.io/sync-wave: "${o.wave}"`,
  ].filter(Boolean);
  return `
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
${o.namespace ? `  namespace: ${o.namespace}\n` : ''}  labels: { ${o.fail ? 'kwok.hooksync.io/fail: "true"' : ''} }
  annotations: {${annotations.map((a) => ` ${a as string}`).join(',')} }
${o.finalizers ? `  finalizers: [${o.finalizers.join(', ')}]\n` : ''}spec:
  restartPolicy: ${o.restartPolicy ?? (o.hook ? 'Never' : 'Always')}
${o.serviceAccount ? `  serviceAccountName: ${o.serviceAccount}\n` : ''}  containers: [{ name: main, image: "argocd-e2e-container:0.1" }]
`;
}

/** A ConfigMap manifest, optionally in a wave, a hook, or with sync options. */
export function cmYaml(name: string, o: { wave?: number; hook?: string; policy?: string; syncOptions?: string; finalizers?: string[] } = {}): string {
  const annotations = [
    o.hook && `argocd.argoproj.io/hook: "${o.hook}"`,
    o.policy && `argocd.argoproj.io/hook-delete-policy: "${o.policy}"`,
    o.wave !== undefined && `argocd.argoproj.io/sync-wave: "${o.wave}"`,
    o.syncOptions && `argocd.argoproj.io/sync-options: "${o.syncOptions}"`,
  ].filter(Boolean);
  return `
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  annotations: {${annotations.map((a) => ` ${a as string}`).join(',')} }
${o.finalizers ? `  finalizers: [${o.finalizers.join(', ')}]\n` : ''}data: { k: v }
`;
}

export interface HookFixtureOptions {
  /** The hook's types (default Sync). */
  hook?: string;
  policy?: string;
  /** The hook fails (a Pod KWOK ends Failed) instead of succeeding (a Job). */
  hookFails?: boolean;
  /** The plain `pod` runs to completion and fails. */
  podFails?: boolean;
}

/** Argo CD's `hook` fixture: the plain Pod `pod` and the hook `hook` (a Job when it succeeds, see above). */
export function hookFixture(o: HookFixtureOptions = {}): string {
  const types = o.hook ?? 'Sync';
  const hook = o.hookFails ? podYaml('hook', { hook: types, policy: o.policy, fail: true }) : jobYaml('hook', { hook: types, policy: o.policy });
  const plain = o.podFails ? podYaml('pod', { fail: true, restartPolicy: 'Never' }) : podYaml('pod');
  return documents(plain, hook);
}

/**
 * A Deployment that stays Progressing: no KWOK node matches its pods, so none ever starts. With a
 * progress deadline, the Deployment controller turns it Degraded once the deadline has passed.
 */
export function stuckDeploymentYaml(name: string, o: { progressDeadlineSeconds?: number; wave?: number; unstuck?: boolean } = {}): string {
  return `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  annotations: { ${o.wave !== undefined ? `argocd.argoproj.io/sync-wave: "${o.wave}"` : ''} }
spec:
  replicas: 1
${o.progressDeadlineSeconds !== undefined ? `  progressDeadlineSeconds: ${o.progressDeadlineSeconds}\n` : ''}  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
${o.unstuck ? '' : '      nodeSelector: { hooksync.io/no-such-node: "true" }\n'}      containers: [{ name: main, image: "argocd-e2e-container:0.1" }]
`;
}

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
