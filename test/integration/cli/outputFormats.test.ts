// `-o text|wide|json|yaml` on every command that prints a sync, against the real servers: yaml
// carries exactly what json carries, and wide adds its columns to what text shows.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runCli, runCliSync, runOfflineCli } from '../../support/runCli';
import { configMapYaml, documents, jobYaml, useSyncHarness } from '../sync/syncTestKit';

const kit = useSyncHarness();
const file = join(mkdtempSync(join(tmpdir(), 'hooksync-formats-')), 'app.yaml');
writeFileSync(file, documents(jobYaml('migrate', { hook: 'PreSync' }), configMapYaml()));

/** `hooksync sync` against the test worker, routed by --cluster. */
const sync = (...args: string[]) => runCliSync(kit.h.clusterName, ...args);

/** The same command in json and yaml: both exit alike and parse to the same data. */
async function sameInJsonAndYaml(run: (...format: string[]) => Promise<{ code: number; stdout: string }>) {
  const [json, yaml] = [await run('-o', 'json'), await run('-o', 'yaml')];
  expect(yaml.code).toBe(json.code);
  expect(parse(yaml.stdout)).toEqual(JSON.parse(json.stdout));
  return JSON.parse(json.stdout) as Record<string, unknown>;
}

test('plan: yaml is the json contract; wide is one row per task with its source line', async () => {
  const plan = await sameInJsonAndYaml((...o) => runOfflineCli('plan', '-f', file, '-n', 'shop', ...o));
  expect((plan.tasks as unknown[]).length).toBe(2);
  const wide = await runOfflineCli('plan', '-f', file, '-n', 'shop', '-o', 'wide');
  expect(wide.stdout.split('\n')[0]).toMatch(/^GROUP +PHASE +WAVE +KIND +API VERSION +NAMESPACE +NAME +HOOK TYPES +DELETE POLICIES +TIMEOUT +PRUNE +SOURCE$/);
  expect(wide.stdout).toContain(`${file}:2 (document 1)`);
});

test('sync -o yaml, then status, list and history in every format', async () => {
  const ns = await kit.namespace('formats');
  const app = `formats-${ns}`;
  const synced = await sync('-f', file, '--app', app, '-n', ns, '-o', 'yaml');
  expect(synced.code).toBe(0);
  const report = parse(synced.stdout) as { syncId: string; phase: string; resources: Array<{ kind: string; state: string }> };
  expect(report.phase).toBe('Succeeded');
  expect(report.resources.map((r) => [r.kind, r.state])).toEqual([['Job', 'Succeeded'], ['ConfigMap', 'Succeeded']]);

  const status = await sameInJsonAndYaml((...o) => runCli('status', report.syncId, ...o));
  expect(status).toMatchObject({ syncId: report.syncId, phase: 'Succeeded' });
  const [text, wide] = [await runCli('status', report.syncId), await runCli('status', report.syncId, '-o', 'wide')];
  expect(text.stdout).not.toContain('API VERSION');
  expect(wide.stdout).toMatch(/\nPHASE +WAVE +KIND +API VERSION +NAMESPACE +NAME +STATUS +HOOK +HOOK PHASE +HEALTH +STATE +IMAGES +MESSAGE\n/);
  expect(wide.stdout).toMatch(new RegExp(`\\nSync +0 +ConfigMap +v1 +${ns} +app-config +Synced +Succeeded `));

  const list = await sameInJsonAndYaml((...o) => runCli('list', '--app', app, ...o));
  expect((list.syncs as Array<{ syncId: string }>).map((s) => s.syncId)).toEqual([report.syncId]);
  const wideList = await runCli('list', '--app', app, '-o', 'wide');
  expect(wideList.stdout.split('\n')[0]).toMatch(/WORKFLOW ID +RUN ID +MESSAGE$/);
  expect(wideList.stdout).toContain(`sync/${kit.h.clusterName}/${app}`);

  const history = await sameInJsonAndYaml((...o) => runCli('history', app, ...o));
  expect(history.app).toBe(app);
  expect((await runCli('history', app, '-o', 'wide')).stdout).toContain(`sync/${kit.h.clusterName}/${app}`);
});

test('an unknown format is a usage error naming the choices', async () => {
  const run = await runOfflineCli('plan', '-f', file, '-o', 'table');
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('text, wide, json, yaml');
});
