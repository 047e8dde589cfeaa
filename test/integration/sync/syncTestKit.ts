// Small helpers shared by the sync integration tests in this folder (not a test file itself): the
// per-file harness and test namespaces, a sync with a deadline that terminates the workflow instead
// of leaving it running, manifest builders for the Jobs and ConfigMap most tests use, and audit-log
// views.
import type { CustomHealthChecks } from '../../../sync/health/customHealth';
import { auditedWrites, type AuditEntry } from '../../support/auditLog';
import { runSync, startSyncHarness, type SyncHarness, type SyncRun } from '../../support/syncHarness';
import { createTestNamespace, deleteTestNamespace } from '../../support/testCluster';
import type { PolicyRule } from '../../support/workerServiceAccount';
import { syncWorkflowId } from '../../../workflows/messages';

export interface SyncTestKit {
  /** The file's harness; started in beforeAll, so read it inside tests and hooks only. */
  readonly h: SyncHarness;
  /** Creates a test namespace `<prefix>-<random>`, deleted in afterAll. */
  namespace(prefix: string): Promise<string>;
  /**
   * Deletes in afterAll a namespace the test did not create itself (one a sync creates); errors
   * are ignored, since a failed test may never have got that far.
   */
  deleteNamespaceAfterAll(name: string): void;
}

/**
 * Registers beforeAll / afterAll hooks for a test file: one sync harness for the file, and the
 * namespaces its tests create deleted at the end, before the harness stops. `cleanUp`, if given,
 * runs first in afterAll, for whatever else a file leaves behind (e.g. cluster-scoped objects).
 * `workerRules`: see HarnessOptions.
 */
export function useSyncHarness(opts: { cleanUp?: (h: SyncHarness) => Promise<void>; workerRules?: PolicyRule[]; healthChecks?: CustomHealthChecks } = {}): SyncTestKit {
  let harness: SyncHarness | undefined;
  const created: string[] = [];
  const adopted: string[] = [];
  const started = (): SyncHarness => {
    if (!harness) throw new Error('sync harness not started: use it inside tests or hooks');
    return harness;
  };

  beforeAll(async () => {
    harness = await startSyncHarness({ workerRules: opts.workerRules, healthChecks: opts.healthChecks });
  });
  afterAll(async () => {
    const h = started();
    if (opts.cleanUp) await opts.cleanUp(h);
    for (const ns of created) await deleteTestNamespace(h.cluster, ns);
    for (const ns of adopted) await deleteTestNamespace(h.cluster, ns).catch(() => undefined);
    await h.stop();
  });

  return {
    get h() {
      return started();
    },
    async namespace(prefix: string): Promise<string> {
      const ns = await createTestNamespace(started().cluster, prefix);
      created.push(ns);
      return ns;
    },
    deleteNamespaceAfterAll(name: string): void {
      adopted.push(name);
    },
  };
}

/**
 * A sync still running after this long hangs: generous, since on a loaded machine a sync of a few
 * seconds can take minutes, and below the jest timeout, so that the hang is reported as one.
 */
export const SYNC_DEADLINE_MS = 4 * 60_000;

/**
 * runSync, but a sync that has not ended after `withinMs` fails the test with a clear error and is
 * terminated, so that a hang neither times out the whole test nor leaves a workflow running.
 */
export async function syncWithin(h: SyncHarness, yaml: string, opts: { app: string; namespace: string }, withinMs = SYNC_DEADLINE_MS): Promise<SyncRun> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`sync of app ${opts.app} did not end within ${withinMs} ms`)), withinMs);
  });
  try {
    return await Promise.race([runSync(h, yaml, opts), deadline]);
  } catch (err) {
    await h.client.workflow.getHandle(syncWorkflowId(h.clusterName, opts.app)).terminate('integration test deadline').catch(() => undefined);
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

export interface JobOptions {
  hook?: string;
  policy?: string;
  wave?: number;
  fail?: boolean;
  runFor?: string;
  ttlSecondsAfterFinished?: number;
  generateName?: boolean;
  namespace?: string;
  /** The pods' ServiceAccount: the Job controller cannot create pods while it is missing. */
  serviceAccount?: string;
  /** The Job fails (DeadlineExceeded) once it has been active this long. */
  activeDeadlineSeconds?: number;
}

/** A Job manifest; `name` is the generateName prefix when `generateName` is set. */
export function jobYaml(name: string, o: JobOptions = {}): string {
  const annotations = [
    o.hook && `argocd.argoproj.io/hook: "${o.hook}"`,
    o.policy && `argocd.argoproj.io/hook-delete-policy: "${o.policy}"`,
    o.wave !== undefined && `argocd.argoproj.io/sync-wave: "${o.wave}"`,
  ].filter(Boolean);
  const podAnnotations = o.runFor ? `{ kwok.hooksync.io/run-for: "${o.runFor}" }` : '{}';
  const podLabels = o.fail ? '{ kwok.hooksync.io/fail: "true" }' : '{}';
  const image = name.replace(/-$/, '');
  return `
apiVersion: batch/v1
kind: Job
metadata:
  ${o.generateName ? 'generateName' : 'name'}: ${name}
${o.namespace ? `  namespace: ${o.namespace}\n` : ''}  annotations: {${annotations.map((a) => ` ${a as string}`).join(',')} }
spec:
  backoffLimit: 0
${o.activeDeadlineSeconds !== undefined ? `  activeDeadlineSeconds: ${o.activeDeadlineSeconds}\n` : ''}${o.ttlSecondsAfterFinished !== undefined ? `  ttlSecondsAfterFinished: ${o.ttlSecondsAfterFinished}\n` : ''}  template:
    metadata:
      labels: ${podLabels}
      annotations: ${podAnnotations}
    spec:
      restartPolicy: Never
${o.serviceAccount ? `      serviceAccountName: ${o.serviceAccount}\n` : ''}      containers: [{ name: main, image: "${image}:1" }]
`;
}

/** The `app-config` ConfigMap (`mode: new`) that most tests sync next to their hooks. */
/** A ConfigMap of this name with these annotations (sync options, waves, Helm's resource policy). */
export function annotatedConfigMapYaml(name: string, annotations: Record<string, string> = {}): string {
  const entries = Object.entries(annotations).map(([k, v]) => ` "${k}": "${v}"`).join(',');
  return `
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  annotations: {${entries} }
data: {k: v}
`;
}

export function configMapYaml(o: { namespace?: string } = {}): string {
  return `
apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
${o.namespace ? `  namespace: ${o.namespace}\n` : ''}data:
  mode: new
`;
}

/** The live Job, or undefined once it is gone. */
export async function jobOrUndefined(h: SyncHarness, ns: string, name: string) {
  try {
    return await h.cluster.batch.readNamespacedJob({ namespace: ns, name });
  } catch (err) {
    if ((err as { code?: number }).code === 404) return undefined;
    throw err;
  }
}

/** Joins manifests into one multi-document YAML stream. */
export function documents(...docs: string[]): string {
  return docs.join('\n---\n');
}

/** Every write hooksync sent to the namespace (any verb, any answer), oldest first. */
export function hooksyncRequests(ns: string): AuditEntry[] {
  return auditedWrites(ns).filter((e) => e.userAgent.startsWith('hooksync/'));
}

/** `verb resource/name` for each entry, for readable assertions. */
export function describeRequests(entries: readonly AuditEntry[]): string[] {
  return entries.map((e) => `${e.verb} ${e.resource}/${e.name}`);
}
