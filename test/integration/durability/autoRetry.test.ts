// Automatic retry (issue 13 item 4), spelled as `argocd app sync` spells it: a failed attempt is
// retried after a backoff, each retry resuming at the failed group as `hooksync retry` does; the
// final message ends "(retried N times)" and `hooksync history` shows every attempt. The failure
// is a real one, as in retry.test.ts: the migration Job's pods need a ServiceAccount that does
// not exist, so the Job fails its deadline; the test creates it while the second backoff runs.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getSync, listSyncs, type SyncListing } from '../../../client/syncStatus';
import type { SyncResult } from '../../../sync/syncRun';
import { auditedWrites } from '../../support/auditLog';
import { eventually } from '../../support/eventually';
import { runCli, runCliSync } from '../../support/runCli';
import { configMapYaml, documents, jobYaml, useSyncHarness } from '../sync/syncTestKit';

const kit = useSyncHarness();
const tmp = mkdtempSync(join(tmpdir(), 'hooksync-retry-auto-'));

function manifestFile(name: string, yaml: string): string {
  const file = join(tmp, `${name}.yaml`);
  writeFileSync(file, yaml);
  return file;
}

/** PreSync wave -1: schema-check; PreSync wave 0: migrate (needs ServiceAccount migrator); Sync: a ConfigMap. */
const needsMigrator = documents(
  jobYaml('schema-check-', { hook: 'PreSync', wave: -1, generateName: true }),
  jobYaml('migrate-', { hook: 'PreSync', generateName: true, serviceAccount: 'migrator', activeDeadlineSeconds: 4 }),
  configMapYaml(),
);
/** A PreSync hook whose pod always fails (KWOK label), then a ConfigMap. */
const alwaysFails = documents(jobYaml('migrate-', { hook: 'PreSync', generateName: true, fail: true }), configMapYaml());

async function syncIdOf(app: string): Promise<string> {
  return eventually(async () => {
    // Apps are named per test, not per run: earlier runs of this file left syncs of other clusters.
    const [newest] = (await listSyncs(kit.h.client, { app })).filter((s) => s.cluster === kit.h.clusterName);
    expect(newest).toBeDefined();
    return newest.syncId;
  });
}

/** Waits until the sync is between attempts, the backoff before retry `retry` running. */
async function inBackoff(syncId: string, retry: number) {
  return eventually(async () => {
    const status = await getSync(kit.h.client, syncId);
    expect(status.retryWait?.retry).toBe(retry);
    return status;
  });
}

/** True once a Job whose name starts with `prefix` has failed. */
async function jobFailed(ns: string, prefix: string): Promise<boolean> {
  const jobs = await kit.h.cluster.batch.listNamespacedJob({ namespace: ns });
  return jobs.items.some((j) => j.metadata?.name?.startsWith(prefix) && j.status?.conditions?.some((c) => c.type === 'Failed' && c.status === 'True'));
}

const baseName = (name: string) => name.replace(/-[0-9a-z]{8}$/, '');

test('a PreSync hook that fails twice, then succeeds: two retries, each at the failed group; every attempt in history', async () => {
  const ns = await kit.namespace('retry-auto');
  const app = 'retry-auto';
  // Backoffs 1s, then 1s × 30: the second leaves the test ample time to create the ServiceAccount.
  const running = runCliSync(kit.h.clusterName, '-f', manifestFile('needs-migrator', needsMigrator), '--app', app, '-n', ns,
    '--retry-limit', '3', '--retry-backoff-duration', '1s', '--retry-backoff-factor', '30', '-o', 'json');
  const syncId = await syncIdOf(app);
  // Fixed once attempt 1's Job has failed: read from the cluster, so that the fix lands early in
  // the 30 s backoff whatever the load (a status query needs the worker, which shares this process).
  await eventually(async () => expect(await jobFailed(ns, 'migrate-presync-a1-')).toBe(true), { intervalMs: 100 });
  await kit.h.cluster.core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'migrator' } } });

  const result = await running;

  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const report = JSON.parse(result.stdout) as SyncResult;
  expect([report.phase, report.attempt, report.message]).toEqual(['Succeeded', 2, 'successfully synced (all tasks run) (retried 2 times)']);
  expect(report.resources.map((r) => [r.syncPhase, r.wave, baseName(r.name), r.hookPhase ?? r.health, r.carriedFrom])).toEqual([
    ['PreSync', -1, 'schema-check-presync', 'Succeeded', 0],
    ['PreSync', 0, 'migrate-presync-a2', 'Succeeded', undefined],
    ['Sync', 0, 'app-config', 'Succeeded', undefined],
  ]);
  // Each retry resumed at the failed group: schema-check was created once, migrate once per attempt.
  const creates = auditedWrites(ns).filter((e) => e.verb === 'create' && e.resource === 'jobs' && e.userAgent.startsWith('hooksync/'));
  expect(creates.map((e) => [baseName(e.name), e.code])).toEqual([
    ['schema-check-presync', 201], ['migrate-presync', 201], ['migrate-presync-a1', 201], ['migrate-presync-a2', 201],
  ]);

  // One run per attempt; the two that continued as the next one say how they ended.
  const history = await eventually(async () => {
    const runs = await runCli('history', app, '-o', 'json');
    const listed = (JSON.parse(runs.stdout) as { runs: SyncListing[] }).runs.filter((r) => r.syncId === syncId);
    expect(listed).toHaveLength(3);
    return listed;
  });
  expect(history.map((r) => [r.attempt, r.phase])).toEqual([[2, 'Succeeded'], [1, 'Failed'], [0, 'Failed']]);
  expect(history[1].message).toMatch(/^PreSync wave 0: Job .*\/migrate-presync-a1-[0-9a-z]{8} failed: .* \(retried as attempt 2\)$/);
  expect(new Set(history.map((r) => r.runId)).size).toBe(3);
});

test('status shows the backoff as a Waiting line; status --watch follows through the retry to the end', async () => {
  const ns = await kit.namespace('retry-watch');
  const app = 'retry-watch';
  const started = await runCliSync(kit.h.clusterName, '-f', manifestFile('always-fails', alwaysFails), '--app', app, '-n', ns,
    '--retry-limit', '1', '--retry-backoff-duration', '60s', '--no-wait', '-o', 'json');
  expect(started.code).toBe(0);
  const { syncId } = JSON.parse(started.stdout) as { syncId: string };
  await inBackoff(syncId, 1);

  const status = await runCli('status', syncId);

  expect(status.code).toBe(0);
  expect(status.stdout).toMatch(/\nWaiting: {2}retry 1 of 1 at \d\d:\d\d:\d\dZ \(backoff 1m\) after attempt 0 ended Failed\n/);
  expect(status.stdout).toMatch(/\nRunning: attempt 0 ended Failed: PreSync wave 0: Job .*\/migrate-presync-[0-9a-z]{8} failed/);

  const watched = await runCli('status', syncId, '--watch');

  expect(watched.code).toBe(1);
  expect(watched.stdout).toMatch(/waiting {2}retry 1 of 1 at .* after attempt 0 ended Failed: PreSync wave 0/);
  expect(watched.stdout).toContain('Attempt 1: retry of attempt 0: resuming at PreSync wave 0 (0 group(s) carried over)');
  expect(watched.stdout).toMatch(/fail {5}Job .*\/migrate-presync-a1-[0-9a-z]{8}: Failed/);
  expect(watched.stdout).toMatch(/\nAttempt: {2}1\n/);
  expect(watched.stdout).toMatch(/\nFailed: PreSync wave 0: Job .*\/migrate-presync-a1-[0-9a-z]{8} failed: .*\(retried 1 times\)$/);
});

test('terminate during the backoff ends the sync Terminated at once, saying how the attempt before ended', async () => {
  const ns = await kit.namespace('retry-stop');
  const app = 'retry-stop';
  const started = await runCliSync(kit.h.clusterName, '-f', manifestFile('always-fails-stop', alwaysFails), '--app', app, '-n', ns,
    '--retry-limit', '2', '--retry-backoff-duration', '3m', '--no-wait', '-o', 'json');
  const { syncId } = JSON.parse(started.stdout) as { syncId: string };
  await inBackoff(syncId, 1);

  const stopped = await runCli('terminate', syncId);

  expect(stopped.code).toBe(0);
  expect(stopped.stdout).toMatch(/\nTerminated: sync terminated by the user while waiting to retry \(attempt 0 ended Failed: PreSync wave 0: Job .* failed: .*\)$/);
  // Nothing ran after the terminate: one hook, from attempt 0.
  const creates = auditedWrites(ns).filter((e) => e.verb === 'create' && e.resource === 'jobs' && e.userAgent.startsWith('hooksync/'));
  expect(creates.map((e) => baseName(e.name))).toEqual(['migrate-presync']);
});

test('backoff flags without --retry-limit are a usage error; nothing starts', async () => {
  const ns = await kit.namespace('retry-usage');
  const result = await runCliSync(kit.h.clusterName, '-f', manifestFile('usage', configMapYaml()), '--app', 'retry-usage', '-n', ns, '--retry-backoff-duration', '5s');

  expect(result.code).toBe(2);
  expect(result.stderr).toBe('hooksync: --retry-backoff-duration has no effect without --retry-limit N');
  expect((await listSyncs(kit.h.client, { app: 'retry-usage' })).filter((s) => s.cluster === kit.h.clusterName)).toEqual([]);
});
