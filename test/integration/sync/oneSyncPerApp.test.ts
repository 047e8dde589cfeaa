// One running sync per (cluster, app) (DESIGN §4): the workflow id encodes both, so Temporal
// itself refuses a second one; it makes no cluster write and its message names the running sync.
// `sync --attach` follows the running one instead.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hooksyncWrites } from '../../support/auditLog';
import { runCli } from '../../support/runCli';
import { readTestEnv } from '../../support/testEnv';
import { planYaml } from '../../support/syncHarness';
import { followSync, startSync, SyncAlreadyRunning } from '../../../client/syncClient';
import { jobYaml, useSyncHarness } from './syncTestKit';

const kit = useSyncHarness();

test('a second sync of an app while one runs is refused, names the running sync and writes nothing', async () => {
  const ns = await kit.namespace('one-sync');
  const app = 'one-sync';
  const yaml = jobYaml('migrate-', { hook: 'PreSync', runFor: '5s', generateName: true });
  const first = await planYaml(yaml, ns);
  const second = await planYaml(yaml, ns, `${first.syncId}b`);
  const secondHook = second.plan.groups[0].tasks[0].ref.name;
  expect(secondHook).not.toBe(first.plan.groups[0].tasks[0].ref.name);

  const running = await startSync(kit.h.client, { syncId: first.syncId, app, cluster: kit.h.clusterName, plan: first.plan });
  const refused = startSync(kit.h.client, { syncId: second.syncId, app, cluster: kit.h.clusterName, plan: second.plan });
  await expect(refused).rejects.toThrow(SyncAlreadyRunning);
  await expect(refused).rejects.toThrow(`a sync of app "${app}" on cluster "${kit.h.clusterName}" is already running (workflow sync/${kit.h.clusterName}/${app})`);

  const report = await followSync(running, () => undefined);
  expect(report.phase).toBe('Succeeded');
  expect(report.syncId).toBe(first.syncId);
  expect(hooksyncWrites(ns).map((e) => e.name)).not.toContain(secondHook);
});

test('sync --attach follows the running sync of the app instead of failing, and applies nothing of its own', async () => {
  const ns = await kit.namespace('attach');
  const app = 'attach';
  const first = await planYaml(jobYaml('migrate-', { hook: 'PreSync', runFor: '4s', generateName: true }), ns);
  await startSync(kit.h.client, { syncId: first.syncId, app, cluster: kit.h.clusterName, plan: first.plan });
  const file = join(mkdtempSync(join(tmpdir(), 'hooksync-attach-')), 'other.yaml');
  writeFileSync(file, jobYaml('other-', { hook: 'PreSync', generateName: true }));

  process.env.HOOKSYNC_CLUSTER = kit.h.clusterName;
  const attached = await runCli('sync', '-f', file, '--app', app, '-n', ns, '--attach', '--kubeconfig', readTestEnv().kubeconfigPath, '-o', 'json')
    .finally(() => { delete process.env.HOOKSYNC_CLUSTER; });

  expect(attached.code).toBe(0);
  const report = JSON.parse(attached.stdout) as { syncId: string; phase: string };
  expect([report.syncId, report.phase]).toEqual([first.syncId, 'Succeeded']);
  expect(hooksyncWrites(ns).map((e) => e.name).filter((n) => n.startsWith('other-'))).toEqual([]);
});
