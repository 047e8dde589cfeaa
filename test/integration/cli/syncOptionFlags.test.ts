// `--sync-option` on `hooksync plan` (offline) and `hooksync sync` (against the test worker): the
// flag reaches every object, an object's own annotation overrides it, the plan shows both, a bad
// value is a usage error before anything runs, and `sync --help` shows examples.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hooksyncWrites } from '../../support/auditLog';
import { runCliSync, runOfflineCli } from '../../support/runCli';
import { documents, useSyncHarness } from '../sync/syncTestKit';

const kit = useSyncHarness();
const dir = mkdtempSync(join(tmpdir(), 'hooksync-options-'));

function manifestFile(name: string, yaml: string): string {
  const path = join(dir, name);
  writeFileSync(path, yaml);
  return path;
}

const configMap = (name: string, options?: string) => `
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}${options ? `\n  annotations: { argocd.argoproj.io/sync-options: "${options}" }` : ''}
data: { k: v }
`;

const file = manifestFile('options.yaml', documents(configMap('plain'), configMap('own', 'Validate=true,Replace=true')));

test('plan -o wide: a SYNC OPTIONS column with each object’s effective options, and the sync’s own line', async () => {
  const run = await runOfflineCli('plan', '-f', file, '-n', 'shop', '--sync-option', 'Validate=false', '--sync-option', 'PruneLast=true', '-o', 'wide');
  expect(run.code).toBe(0);
  const [header, ...lines] = run.stdout.split('\n');
  expect(header).toMatch(/ PRUNE +SYNC OPTIONS +SOURCE$/);
  expect(lines.find((l) => l.includes(' plain '))).toContain('Validate=false,PruneLast=true');
  expect(lines.find((l) => l.includes(' own '))).toContain('Replace=true,Validate=true,PruneLast=true');
  expect(lines).toContain('sync options of the whole sync: Validate=false,PruneLast=true');
});

test('plan -o json: syncOptions on the plan and on each task, as Name=value', async () => {
  const run = await runOfflineCli('plan', '-f', file, '-n', 'shop', '--sync-option', 'Force=true', '-o', 'json');
  expect(run.code).toBe(0);
  const plan = JSON.parse(run.stdout) as { syncOptions: string[]; tasks: Array<{ name: string; syncOptions: string[] }> };
  expect(plan.syncOptions).toEqual(['Force=true']);
  expect(plan.tasks.map((t) => [t.name, t.syncOptions])).toEqual([['own', ['Replace=true', 'Force=true', 'Validate=true']], ['plain', ['Force=true']]]);
});

test('a bad --sync-option is a usage error naming the flag, the value and the valid values; sync starts nothing', async () => {
  const plan = await runOfflineCli('plan', '-f', file, '--sync-option', 'Replace=yes');
  expect(plan.code).toBe(2);
  expect(plan.stderr).toBe('hooksync: 1 problem(s) in the flags; nothing was applied:\n--sync-option: unknown value for sync option Replace (found "Replace=yes"); allowed: Replace=true, Replace=false');

  const ns = await kit.namespace('options-bad-flag');
  const sync = await runCliSync(kit.h.clusterName, '-f', file, '--app', 'options-bad-flag', '-n', ns, '--sync-option', 'Prunelast=true');
  expect(sync.code).toBe(2);
  expect(sync.stderr).toContain('--sync-option: unknown sync option (did you mean PruneLast? names are case-sensitive) (found "Prunelast=true")');
  expect(sync.stdout).toBe('');
  expect(hooksyncWrites(ns)).toEqual([]);
});

test('sync --sync-option ApplyOutOfSyncOnly=true: the second sync of unchanged manifests writes nothing', async () => {
  const ns = await kit.namespace('options-cli');
  const args = ['-f', file, '--app', 'options-cli', '-n', ns, '-o', 'json'];
  expect((await runCliSync(kit.h.clusterName, ...args)).code).toBe(0);
  const writes = hooksyncWrites(ns).length;

  const run = await runCliSync(kit.h.clusterName, ...args, '--sync-option', 'ApplyOutOfSyncOnly=true');

  expect(run.code).toBe(0);
  const rows = (JSON.parse(run.stdout) as { resources: Array<{ name: string; message: string }> }).resources;
  expect(rows.map((r) => [r.name, r.message])).toEqual([
    ['own', 'configmap/own unchanged (ApplyOutOfSyncOnly: nothing written)'],
    ['plain', 'configmap/plain unchanged (ApplyOutOfSyncOnly: nothing written)'],
  ]);
  expect(hooksyncWrites(ns)).toHaveLength(writes);
});

test('sync --help shows examples with --sync-option', async () => {
  const run = await runOfflineCli('sync', '--help');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('--sync-option <Name=value>');
  expect(run.stdout).toContain('Examples:');
  expect(run.stdout).toContain('hooksync sync -f k8s/ --app shop --sync-option Replace=true --sync-option Validate=false');
});
