// Small helpers shared by the sync integration tests in this folder (not a test file itself):
// a sync with a deadline that terminates the workflow instead of leaving it running, manifest
// builders for the Jobs most tests use, and audit-log views.
import { auditedWrites, type AuditEntry } from '../../support/auditLog';
import { runSync, type SyncHarness, type SyncRun } from '../../support/syncHarness';
import { syncWorkflowId } from '../../../workflows/messages';

/**
 * runSync, but a sync that has not ended after `withinMs` fails the test with a clear error and is
 * terminated, so that a hang neither times out the whole test nor leaves a workflow running.
 */
export async function syncWithin(h: SyncHarness, yaml: string, opts: { app: string; namespace: string }, withinMs = 45_000): Promise<SyncRun> {
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
${o.ttlSecondsAfterFinished !== undefined ? `  ttlSecondsAfterFinished: ${o.ttlSecondsAfterFinished}\n` : ''}  template:
    metadata:
      labels: ${podLabels}
      annotations: ${podAnnotations}
    spec:
      restartPolicy: Never
      containers: [{ name: main, image: "${image}:1" }]
`;
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
