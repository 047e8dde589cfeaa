// `hooksync terminate SYNC_ID` (DESIGN §3, §4): stops a running sync; refuses one that has ended.
import { startSync } from '../../../client/syncClient';
import { eventually } from '../../support/eventually';
import { runCli } from '../../support/runCli';
import { planYaml } from '../../support/syncHarness';
import { configMapYaml, jobYaml, syncWithin, useSyncHarness } from '../sync/syncTestKit';

const kit = useSyncHarness();

test('terminate stops a running sync: exit 0, phase Terminated, the running hook deleted', async () => {
  const ns = await kit.namespace('cli-terminate');
  const planned = await planYaml(jobYaml('long-migrate', { hook: 'PreSync', runFor: '60s' }), ns);
  await startSync(kit.h.client, { syncId: planned.syncId, app: 'cli-terminate', cluster: kit.h.clusterName, plan: planned.plan });
  await eventually(async () => {
    expect((await kit.h.cluster.batch.readNamespacedJob({ namespace: ns, name: 'long-migrate' })).status?.active).toBe(1);
  });

  const result = await runCli('terminate', planned.syncId, '-o', 'json');
  expect(result.code).toBe(0);
  const status = JSON.parse(result.stdout) as { phase: string; resources: Array<{ name: string; state: string }> };
  expect(status.phase).toBe('Terminated');
  expect(status.resources.find((r) => r.name === 'long-migrate')?.state).toBe('Failed');
  await eventually(async () => {
    expect((await kit.h.cluster.batch.listNamespacedJob({ namespace: ns })).items).toEqual([]);
  });
});

test('terminate of a sync that has ended is refused with exit 2', async () => {
  const ns = await kit.namespace('cli-terminate-done');
  const { report } = await syncWithin(kit.h, configMapYaml(), { app: 'cli-terminate-done', namespace: ns });
  const result = await runCli('terminate', report.syncId);
  expect(result.code).toBe(2);
  expect(result.stderr).toBe(`hooksync: sync ${report.syncId} is not running (Succeeded); nothing to terminate`);
});
