// The contracts other tools rely on (DESIGN §3), driven through the CLI as they would drive it:
// `hooksync plan -o json` (offline) and `hooksync sync -o json`, their fields and exit codes.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, runCliSync, runOfflineCli } from '../../support/runCli';
import { readTestEnv } from '../../support/testEnv';
import { configMapYaml, documents, jobYaml, useSyncHarness } from '../sync/syncTestKit';

const kit = useSyncHarness();
const dir = mkdtempSync(join(tmpdir(), 'hooksync-contracts-'));

function manifestFile(name: string, yaml: string): string {
  const path = join(dir, name);
  writeFileSync(path, yaml);
  return path;
}

/** `hooksync sync` against the test worker, routed by --cluster. */
const sync = (...args: string[]) => runCliSync(kit.h.clusterName, '-o', 'json', ...args);

const TASK_FIELDS = ['phase', 'wave', 'group', 'version', 'kind', 'namespace', 'name', 'hook', 'hookTypes', 'deletePolicies', 'prune'];
const ROW_FIELDS = ['group', 'version', 'kind', 'namespace', 'name', 'syncPhase', 'wave', 'hookType', 'status', 'hookPhase', 'health', 'message', 'images'];

test('plan -o json: tasks in execution order with exactly the contract fields; exit 0', async () => {
  const file = manifestFile('plan.yaml', documents(jobYaml('migrate', { hook: 'PreSync' }), configMapYaml()));
  const result = await runOfflineCli('plan', '-f', file, '-n', 'shop', '-o', 'json');
  expect(result.code).toBe(0);
  const plan = JSON.parse(result.stdout) as { tasks: Array<Record<string, unknown>>; warnings: string[] };
  expect(plan.warnings).toEqual([]);
  expect(plan.tasks.map((t) => Object.keys(t))).toEqual([TASK_FIELDS, TASK_FIELDS]);
  expect(plan.tasks.map((t) => [t.phase, t.kind, t.namespace, t.name, t.hook])).toEqual([
    ['PreSync', 'Job', 'shop', 'migrate', true],
    ['Sync', 'ConfigMap', 'shop', 'app-config', false],
  ]);
});

test('plan: bad input exits 2 naming file, object and field, and prints no plan', async () => {
  const file = manifestFile('bad.yaml', jobYaml('migrate', { hook: 'PreSyncc' }));
  const result = await runOfflineCli('plan', '-f', file, '-o', 'json');
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toContain(file);
  expect(result.stderr).toContain('Job default/migrate');
  expect(result.stderr).toContain('metadata.annotations["argocd.argoproj.io/hook"]');
});

test('sync -o json: a succeeded sync exits 0 with the contract fields on the result and every row', async () => {
  const ns = await kit.namespace('contract-ok');
  const result = await sync('-f', manifestFile('ok.yaml', documents(jobYaml('migrate', { hook: 'PreSync' }), configMapYaml())), '--app', 'contract-ok', '-n', ns);
  expect(result.code).toBe(0);
  const report = JSON.parse(result.stdout) as Record<string, unknown> & { resources: Array<Record<string, unknown>> };
  expect(Object.keys(report)).toEqual(expect.arrayContaining(['syncId', 'runId', 'phase', 'message', 'startedAt', 'finishedAt', 'resources']));
  expect(report.phase).toBe('Succeeded');
  for (const row of report.resources) expect(Object.keys(row)).toEqual(expect.arrayContaining(ROW_FIELDS));
  expect(report.resources.map((r) => [r.kind, r.status, r.hookPhase, r.health])).toEqual([
    ['Job', 'Synced', 'Succeeded', ''],
    // Argo CD gives plain resources a hook phase too: Running, then Succeeded once healthy.
    ['ConfigMap', 'Synced', 'Succeeded', ''],
  ]);
});

test('sync: a failed sync exits 1 with phase Failed', async () => {
  const ns = await kit.namespace('contract-fail');
  const result = await sync('-f', manifestFile('fail.yaml', jobYaml('migrate', { hook: 'PreSync', fail: true })), '--app', 'contract-fail', '-n', ns);
  expect(result.code).toBe(1);
  expect(JSON.parse(result.stdout)).toMatchObject({ phase: 'Failed' });
});

test('sync --cluster routes the sync to the task queue of the workers for that cluster name', async () => {
  const ns = await kit.namespace('contract-cluster');
  const file = manifestFile('cluster.yaml', configMapYaml());
  const result = await runCli('sync', '--kubeconfig', readTestEnv().kubeconfigPath, '--cluster', kit.h.clusterName, '-f', file, '--app', 'contract-cluster', '-n', ns, '-o', 'json');
  expect(result.code).toBe(0);
  const report = JSON.parse(result.stdout) as { phase: string; cluster: string };
  expect([report.phase, report.cluster]).toEqual(['Succeeded', kit.h.clusterName]);
});
