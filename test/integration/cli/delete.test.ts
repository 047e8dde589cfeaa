// `hooksync delete APP` against the real servers: --dry-run prints what would go and writes
// nothing; a deletion prints the same progress lines and result table as a sync and exits 0;
// `status`, `list` and `history` show it; `terminate` stops it; `--help` shows examples; a
// deletion while another runs exits 2.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditedWrites } from '../../support/auditLog';
import { eventually } from '../../support/eventually';
import { runCli, runOfflineCli } from '../../support/runCli';
import { readTestEnv } from '../../support/testEnv';
import { runSync } from '../../support/syncHarness';
import { deleteWorkflowId } from '../../../workflows/messages';
import { configMapYaml, documents, jobYaml, useSyncHarness } from '../sync/syncTestKit';

const kit = useSyncHarness();
const dir = mkdtempSync(join(tmpdir(), 'hooksync-delete-'));

function manifestFile(name: string, yaml: string): string {
  const file = join(dir, name);
  writeFileSync(file, yaml);
  return file;
}

/** `hooksync delete APP ARGS` against the test worker, routed by --cluster. */
const deleteApp = (app: string, ...args: string[]) => runCli('delete', app, '--kubeconfig', readTestEnv().kubeconfigPath, '--cluster', kit.h.clusterName, ...args);

const T = '\\d\\d:\\d\\d:\\d\\d  ';

test('delete --help shows examples', async () => {
  const help = await runOfflineCli('delete', '--help');
  expect(help.code).toBe(0);
  expect(help.stdout).toContain('Examples:');
  expect(help.stdout).toContain('$ hooksync delete shop -f shop/ --dry-run');
  expect(help.stdout).toContain('$ hooksync delete shop --cascade=false');
});

test('delete --dry-run prints what would run, go and stay, and writes nothing', async () => {
  const ns = await kit.namespace('delete-cli-dry');
  const app = 'delete-cli-dry';
  const file = manifestFile('dry.yaml', documents(configMapYaml(), jobYaml('backup', { hook: 'PreDelete' })));
  expect((await runSync(kit.h, configMapYaml(), { app, namespace: ns })).report.phase).toBe('Succeeded');
  const before = auditedWrites(ns).length;

  const result = await deleteApp(app, '-f', file, '-n', ns, '--dry-run', '-o', 'json');

  expect(result.code).toBe(0);
  const out = JSON.parse(result.stdout) as { dryRun: boolean; resources: Array<{ syncPhase: string; kind: string; name: string; message: string }> };
  expect(out.dryRun).toBe(true);
  expect(out.resources.map((r) => `${r.syncPhase} ${r.kind}/${r.name}: ${r.message}`)).toEqual([
    'PreDelete Job/backup: would run (PreDelete hook)',
    'Sync ConfigMap/app-config: would be deleted, and waited for until gone',
  ]);
  const text = await deleteApp(app, '-f', file, '-n', ns, '--dry-run');
  expect(text.stdout).toMatch(/^PHASE +WAVE +KIND +NAMESPACE +NAME/);
  expect(text.stdout).toContain(`dry run: nothing was deleted (run without --dry-run to delete app ${app})`);
  expect(auditedWrites(ns).length).toBe(before);
  // No workflow was started either.
  await expect(kit.h.client.workflow.getHandle(deleteWorkflowId(kit.h.clusterName, app)).describe()).rejects.toThrow();
});

test('delete: the progress lines and result table of a sync, exit 0, and status, list and history show the deletion', async () => {
  const ns = await kit.namespace('delete-cli');
  const app = 'delete-cli';
  expect((await runSync(kit.h, configMapYaml(), { app, namespace: ns })).report.phase).toBe('Succeeded');
  const file = manifestFile('app.yaml', documents(configMapYaml(), jobYaml('backup', { hook: 'PreDelete', runFor: '2s' })));

  const result = await deleteApp(app, '-f', file, '-n', ns);

  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
  const lines = result.stdout.split('\n');
  const syncId = /^deletion (\S+) of app delete-cli started: workflow delete\//.exec(lines[0])?.[1] ?? '';
  expect(syncId).not.toBe('');
  const expected = [
    new RegExp(`^${T}PreDelete wave 0: 1 hook$`),
    new RegExp(`^${T}apply    Job ${ns}/backup: job/backup created$`),
    new RegExp(`^${T}ok       Job ${ns}/backup: Succeeded`),
    new RegExp(`^${T}Sync wave 0: 1 resource$`),
    /^PHASE +WAVE +KIND +NAMESPACE +NAME/,
    new RegExp(`^Succeeded: app ${app} deleted: 1 object\\(s\\) deleted$`),
  ];
  const at = expected.map((pattern) => lines.findIndex((line) => pattern.test(line)));
  expect({ missing: expected.filter((_, i) => at[i] < 0).map((p) => p.source), stdout: result.stdout }).toEqual({ missing: [], stdout: result.stdout });
  expect([...at].sort((a, b) => a - b)).toEqual(at);

  const status = await runCli('status', syncId, '-o', 'json');
  expect(status.code).toBe(0);
  expect(JSON.parse(status.stdout)).toMatchObject({ syncId, app, phase: 'Succeeded', workflowId: deleteWorkflowId(kit.h.clusterName, app) });
  await eventually(async () => {
    const history = JSON.parse((await runCli('history', app, '-o', 'json')).stdout) as { runs: Array<{ cluster: string; operation: string; phase: string }> };
    // Earlier runs of this test used the same app name on other (test) clusters.
    const here = history.runs.filter((r) => r.cluster === kit.h.clusterName);
    expect(here.map((r) => `${r.operation} ${r.phase}`)).toEqual(['delete Succeeded', 'sync Succeeded']);
    const list = JSON.parse((await runCli('list', '--app', app, '-o', 'json')).stdout) as { syncs: Array<{ syncId: string; operation: string }> };
    expect(list.syncs.find((s) => s.syncId === syncId)?.operation).toBe('delete');
  });
});

test('terminate stops a deletion by its id: the running PreDelete hook is deleted, nothing else is, exit 0', async () => {
  const ns = await kit.namespace('delete-cli-terminate');
  const app = 'delete-cli-terminate';
  expect((await runSync(kit.h, configMapYaml(), { app, namespace: ns })).report.phase).toBe('Succeeded');
  const file = manifestFile('slow.yaml', jobYaml('slow-backup', { hook: 'PreDelete', runFor: '60s' }));
  const started = await deleteApp(app, '-f', file, '-n', ns, '--no-wait', '-o', 'json');
  expect(started.code).toBe(0);
  const { syncId } = JSON.parse(started.stdout) as { syncId: string };
  await eventually(async () => expect((await kit.h.cluster.batch.readNamespacedJob({ namespace: ns, name: 'slow-backup' })).status?.active).toBe(1));

  const again = await deleteApp(app, '-f', file, '-n', ns);
  expect(again.code).toBe(2);
  expect(again.stderr).toContain(`a deletion of app "${app}" on cluster "${kit.h.clusterName}" is already running`);

  const result = await runCli('terminate', syncId, '-o', 'json');
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toMatchObject({ phase: 'Terminated', message: 'deletion terminated by the user' });
  await eventually(async () => expect((await kit.h.cluster.batch.listNamespacedJob({ namespace: ns })).items).toEqual([]));
  expect((await kit.h.cluster.core.readNamespacedConfigMap({ namespace: ns, name: 'app-config' })).metadata?.name).toBe('app-config');
  // The lock went with it: the app syncs again.
  expect((await runSync(kit.h, configMapYaml(), { app, namespace: ns })).report.phase).toBe('Succeeded');
});
