// hooksync.io/timeout (DESIGN §6): a hook still running when its deadline passes fails the sync,
// naming the hook and the timeout; SyncFail hooks run, and the next group never starts.
import { hooksyncWrites } from '../../support/auditLog';
import { rowOf } from '../../support/syncHarness';
import { configMapYaml, documents, jobYaml, syncWithin, useSyncHarness } from './syncTestKit';

const kit = useSyncHarness();

test('a PreSync hook over its hooksync.io/timeout fails the sync and SyncFail runs', async () => {
  const ns = await kit.namespace('hook-timeout');
  const slow = jobYaml('slow-migrate', { hook: 'PreSync', runFor: '60s' })
    .replace('annotations: {', 'annotations: { hooksync.io/timeout: "3s",');
  const yaml = documents(slow, jobYaml('notify', { hook: 'SyncFail' }), configMapYaml());

  const { report } = await syncWithin(kit.h, yaml, { app: 'hook-timeout', namespace: ns }, 40_000);

  expect(report.phase).toBe('Failed');
  expect(report.message).toMatch(/^PreSync wave 0: Job .*slow-migrate failed: timed out after 3s \(hooksync\.io\/timeout\)$/);
  expect(rowOf(report, 'Job', 'slow-migrate')).toMatchObject({ state: 'Failed', hookPhase: 'Failed' });
  expect(rowOf(report, 'Job', 'notify')).toMatchObject({ syncPhase: 'SyncFail', hookPhase: 'Succeeded' });
  expect(hooksyncWrites(ns).map((e) => e.resource)).not.toContain('configmaps');
});
