// The dry run before the first write (spec §3.5 step 2): every resource and hook of every phase is
// sent to the API server with dryRun=All first, so a Deployment with an invalid field fails the sync
// before the PreSync migration runs, and no SyncFail hook runs either. Kinds whose CRD is in the
// same sync are not dry-run (the server cannot know them yet).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditedDryRuns, auditedWrites } from '../../support/auditLog';
import { decodedHistory, patchMarkers, recordHistory, scheduledActivities } from '../../support/recordedHistory';
import { syncWorkflowId } from '../../../workflows/messages';
import { rowOf, runSync } from '../../support/syncHarness';
import { runCliSync } from '../../support/runCli';
import { configMapYaml, documents, jobYaml, useSyncHarness } from './syncTestKit';

const kit = useSyncHarness();

const invalidDeployment = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations: { argocd.argoproj.io/sync-wave: "2" }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: "web:1", imagePullPolicyy: Always }]
`;

test('an invalid Deployment in a later wave fails the sync before the PreSync migration runs; no SyncFail hook runs', async () => {
  const ns = await kit.namespace('dry-run');
  const yaml = documents(jobYaml('migrate', { hook: 'PreSync' }), configMapYaml(), invalidDeployment, jobYaml('notify', { hook: 'SyncFail' }));
  const { report } = await runSync(kit.h, yaml, { app: 'dry-run', namespace: ns });

  // The dry run went out with the first group's apply, in one activity, and refused before it applied.
  const history = await decodedHistory(kit.h.client, syncWorkflowId(kit.h.clusterName, 'dry-run'), report.runId);
  expect(patchMarkers(history)).toContain('dry-run-rides-on-first-apply');
  expect(scheduledActivities(history).map((a) => a.activityType.name)).toEqual(['dryRunThenApply']);
  recordHistory('dry-run-refused-in-first-apply.json', history);
  expect(report.phase).toBe('Failed');
  expect(report.message).toMatch(/^one or more objects failed to apply \(dry run\), reason: <stdin>:\d+ \(document 3\): Deployment .*\/web: dry run: .*imagePullPolicyy/);
  expect(rowOf(report, 'Deployment', 'web')).toMatchObject({ status: 'SyncFailed', hookPhase: 'Failed', state: 'Failed' });
  // Only the refused object has a row: nothing else ran.
  expect(report.resources.map((r) => r.name)).toEqual(['web']);
  // Every object was dry-run, and nothing was written for real.
  expect(auditedDryRuns(ns).map((e) => e.name).sort()).toEqual(['app-config', 'migrate', 'notify', 'web']);
  expect(auditedWrites(ns).filter((e) => e.userAgent.startsWith('hooksync/'))).toEqual([]);
});

test('a sync whose objects all pass the dry run writes each one once for real, after its dry run', async () => {
  const ns = await kit.namespace('dry-run-ok');
  const { report } = await runSync(kit.h, documents(jobYaml('migrate', { hook: 'PreSync' }), configMapYaml()), { app: 'dry-run-ok', namespace: ns });
  expect(report.phase).toBe('Succeeded');
  const history = await decodedHistory(kit.h.client, syncWorkflowId(kit.h.clusterName, 'dry-run-ok'), report.runId);
  const activities = scheduledActivities(history).map((a) => a.activityType.name);
  expect(activities[0]).toBe('dryRunThenApply');
  expect(activities.filter((a) => a === 'dryRunSync' || a === 'dryRunThenApply')).toEqual(['dryRunThenApply']);
  recordHistory('dry-run-rides-on-first-apply.json', history);
  const dryRuns = auditedDryRuns(ns);
  const writes = auditedWrites(ns).filter((e) => e.userAgent.startsWith('hooksync/') && ['create', 'patch'].includes(e.verb));
  expect(dryRuns.map((e) => e.name).sort()).toEqual(['app-config', 'migrate']);
  expect(writes.filter((e) => e.verb === 'create').map((e) => e.name)).toEqual(['migrate']);
  expect(writes.filter((e) => e.name === 'app-config').map((e) => e.verb)).toEqual(['patch']);
  const lastDryRun = dryRuns.map((e) => e.receivedAt).sort().at(-1) ?? '';
  expect(writes.every((e) => e.receivedAt >= lastDryRun)).toBe(true);
});

test('hooksync sync: a dry-run refusal exits 1 and names the file, line, object and field', async () => {
  const ns = await kit.namespace('dry-run-cli');
  const dir = mkdtempSync(join(tmpdir(), 'hooksync-dry-run-'));
  const file = join(dir, 'app.yaml');
  writeFileSync(file, documents(jobYaml('migrate', { hook: 'PreSync' }), invalidDeployment));
  const result = await runCliSync(kit.h.clusterName, '-f', file, '--app', 'dry-run-cli', '-n', ns);
  expect(result.code).toBe(1);
  expect(result.stdout).toContain(`${file}:`);
  expect(result.stdout).toContain('(document 2): Deployment');
  expect(result.stdout).toContain('imagePullPolicyy');
  expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
  expect(auditedWrites(ns).filter((e) => e.userAgent.startsWith('hooksync/'))).toEqual([]);
});
