// Helpers for the suites that replay Argo CD's own tests as real hooksync syncs (not a test file
// itself): starting and following syncs, reading their rows. Manifests are in argocdManifests.ts,
// live objects in argocdLive.ts; both are re-exported here, so a suite imports one module.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { planFromFiles } from '../../../client/planFromFiles';
import { followSync, newSyncId, queryState, startSync, type SyncReport } from '../../../client/syncClient';
import type { ResourceRow, SyncResult } from '../../../sync/syncRun';
import { eventually } from '../../support/eventually';
import { untilRootCaPublished } from '../../support/testCluster';
import { parseHealthChecks } from '../../../worker/healthChecksFile';
import type { CustomHealthChecks } from '../../../sync/health/customHealth';
import type { SyncTestKit } from '../sync/syncTestKit';
import { runCliSync, type CliRun } from '../../support/runCli';
import type { SyncHarness } from '../../support/syncHarness';
import type { PolicyRule } from '../../support/workerServiceAccount';

/** Bare Pods are outside the worker's documented role; files that sync them grant this rule. */
/** Quotas make the API server refuse a hook that passed the dry run (the "invalid hook" tests). */
export const quotaRule: PolicyRule = { apiGroups: [''], resources: ['resourcequotas'], verbs: ['get', 'watch', 'list', 'create', 'patch', 'delete'] };

/**
 * A fresh namespace; the app is named after it, so no two tests share an app. Its kube-root-ca.crt
 * is there first: the quota tests' limit of one ConfigMap counts on it being the one.
 */
export async function freshApp(kit: SyncTestKit, prefix: string): Promise<{ ns: string; app: string }> {
  const ns = await kit.namespace(prefix);
  await untilRootCaPublished(kit.h.cluster, ns);
  return { ns, app: ns };
}

/**
 * A ResourceQuota counts as healthy once the quota controller has written its status.hard: until
 * then the API server does not enforce it. The quota tests apply one in wave -1 and need it in
 * force when wave 0 is written; under load the controller wrote it after that (ci19).
 */
export const quotaInForce = healthRules('- apiVersion: v1\n  kind: ResourceQuota\n  current: status.?hard.hasValue()\n');

function healthRules(yaml: string): CustomHealthChecks {
  const { checks, problems } = parseHealthChecks(yaml, 'argocdKit.ts');
  if (problems.length > 0) throw new Error(`the test's health rules: ${problems.join('; ')}`);
  return checks;
}

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

export * from './argocdManifests';
export * from './argocdLive';
