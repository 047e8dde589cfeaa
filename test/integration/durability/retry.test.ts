// `hooksync retry` (DESIGN §4, issue 5 point 4): a failed sync continues as a new attempt. The
// groups that succeeded are not run again (no write to their objects, per the API server's audit
// log), the failed group and all after it run with new hook names, and the failed attempt's hook
// stays for inspection. The failure is a real one: the migration Job's pods need a ServiceAccount
// that does not exist, so the Job controller cannot create them and the Job fails its deadline
// (KWOK does not model a kubelet waiting for a missing ConfigMap; a missing ServiceAccount is
// refused by the API server itself, which is the same story one step earlier).
import { retrySync } from '../../../client/retrySync';
import { followSync, SyncAlreadyRunning } from '../../../client/syncClient';
import { syncWorkflowId } from '../../../workflows/messages';
import { auditedWrites } from '../../support/auditLog';
import { runCli } from '../../support/runCli';
import { rowOf, runSync } from '../../support/syncHarness';
import { configMapYaml, documents, jobYaml, useSyncHarness } from '../sync/syncTestKit';

const kit = useSyncHarness();

/** PreSync wave -1: schema-check; PreSync wave 0: migrate (needs ServiceAccount migrator); Sync: a ConfigMap; PostSync: smoke. */
const manifests = documents(
  jobYaml('schema-check-', { hook: 'PreSync', wave: -1, generateName: true }),
  jobYaml('migrate-', { hook: 'PreSync', generateName: true, serviceAccount: 'migrator', activeDeadlineSeconds: 4 }),
  configMapYaml(),
  jobYaml('smoke-', { hook: 'PostSync', generateName: true }),
);

async function failedSync(app: string, ns: string) {
  const { report } = await runSync(kit.h, manifests, { app, namespace: ns });
  expect(report.phase).toBe('Failed');
  expect(report.message).toMatch(/^PreSync wave 0: Job .*\/migrate-presync-[0-9a-z]{8} failed/);
  await kit.h.cluster.core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'migrator' } } });
  return report;
}

test('retry after the user fixed the cause: earlier PreSync hooks are not run again, the failed group runs with new names', async () => {
  const ns = await kit.namespace('retry');
  const first = await failedSync('retry', ns);
  const schemaCheck = rowOf(first, 'Job', first.resources[0].name);
  const failedMigrate = first.resources.find((r) => r.name.startsWith('migrate-'))!;
  const retryStartedAt = new Date().toISOString();

  const result = await runCli('retry', first.syncId, '-o', 'json');

  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const report = JSON.parse(result.stdout) as typeof first & { resources: Array<typeof first.resources[0]> };
  expect([report.phase, report.attempt, report.syncId]).toEqual(['Succeeded', 1, first.syncId]);
  expect(report.resources.map((r) => [r.syncPhase, r.wave, r.name.replace(/-[0-9a-z]{8}$/, ''), r.hookPhase ?? r.health, r.carriedFrom])).toEqual([
    ['PreSync', -1, 'schema-check-presync', 'Succeeded', 0],
    ['PreSync', 0, 'migrate-presync-a1', 'Succeeded', undefined],
    ['Sync', 0, 'app-config', 'Succeeded', undefined],
    ['PostSync', 0, 'smoke-postsync-a1', 'Succeeded', undefined],
  ]);
  // Zero writes to the hook that succeeded before; one create for each new hook.
  const writesSince = auditedWrites(ns).filter((e) => e.receivedAt >= retryStartedAt && !e.userAgent.startsWith('kube-controller-manager'));
  expect(writesSince.filter((e) => e.name === schemaCheck.name)).toEqual([]);
  const creates = writesSince.filter((e) => e.verb === 'create' && e.resource === 'jobs').map((e) => [e.name.replace(/-[0-9a-z]{8}$/, ''), e.code]);
  expect(creates).toEqual([['migrate-presync-a1', 201], ['smoke-postsync-a1', 201]]);
  // The failed attempt's Job stays for inspection (its policy, BeforeHookCreation, never removes it under a new name).
  const evidence = await kit.h.cluster.batch.readNamespacedJob({ namespace: ns, name: failedMigrate.name });
  expect(evidence.status?.conditions?.find((c) => c.type === 'Failed')?.reason).toBe('DeadlineExceeded');
});

test('a retry asked for twice at once starts one run; the other is told which one runs', async () => {
  const ns = await kit.namespace('retry-twice');
  const first = await failedSync('retry-twice', ns);

  const outcomes = await Promise.allSettled([retrySync(kit.h.client, first.syncId), retrySync(kit.h.client, first.syncId)]);

  const started = outcomes.filter((o) => o.status === 'fulfilled');
  const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
  expect(started).toHaveLength(1);
  expect(refused.map((o) => o.reason)).toEqual([expect.any(SyncAlreadyRunning)]);
  expect(String(refused[0].reason)).toContain(`workflow ${syncWorkflowId(kit.h.clusterName, 'retry-twice')}`);
  const report = await followSync(kit.h.client.workflow.getHandle(syncWorkflowId(kit.h.clusterName, 'retry-twice')), () => undefined);
  expect([report.phase, report.attempt]).toEqual(['Succeeded', 1]);
  const migrateCreates = auditedWrites(ns).filter((e) => e.verb === 'create' && e.resource === 'jobs' && e.name.startsWith('migrate-presync-a1'));
  expect(migrateCreates.map((e) => e.code)).toEqual([201]);
});

test('retry refuses a sync that succeeded, with exit 2 and a message saying so', async () => {
  const ns = await kit.namespace('retry-ok');
  const { report } = await runSync(kit.h, configMapYaml(), { app: 'retry-ok', namespace: ns });
  expect(report.phase).toBe('Succeeded');

  const result = await runCli('retry', report.syncId);

  expect(result.code).toBe(2);
  expect(result.stderr).toBe(`hooksync: sync ${report.syncId} succeeded (attempt 0); there is nothing to retry`);
});
