// `hooksync status`, `list` and `history` against real syncs: the library functions and the CLI
// report what the syncs' own results say, list and history show exactly one app's syncs newest
// first, `status --watch` follows a running sync, and an unknown sync id exits 2.
import { randomBytes } from 'node:crypto';
import { resultJson } from '../../../client/cli/formatResult';
import { startSync } from '../../../client/syncClient';
import { getSync, listSyncs, syncHistory } from '../../../client/syncStatus';
import { syncWorkflowId } from '../../../workflows/messages';
import { eventually } from '../../support/eventually';
import { planYaml, rowOf, type SyncRun } from '../../support/syncHarness';
import { configMapYaml, documents, jobYaml, syncWithin, useSyncHarness } from '../sync/syncTestKit';
import { runCli } from '../../support/runCli';
import { readTestEnv } from '../../support/testEnv';

const kit = useSyncHarness();
// App names are global to the Temporal namespace (other runs, other files): make them unique.
const suffix = randomBytes(3).toString('hex');
const shop = `cli-shop-${suffix}`;
const blog = `cli-blog-${suffix}`;
let shopNs: string;
let succeeded: SyncRun;
let failed: SyncRun;
let blogSync: SyncRun;

beforeAll(async () => {
  shopNs = await kit.namespace('cli-shop');
  const blogNs = await kit.namespace('cli-blog');
  succeeded = await syncWithin(kit.h, configMapYaml(), { app: shop, namespace: shopNs });
  failed = await syncWithin(kit.h, documents(jobYaml('migrate', { hook: 'PreSync', fail: true }), configMapYaml()), { app: shop, namespace: shopNs });
  blogSync = await syncWithin(kit.h, configMapYaml(), { app: blog, namespace: blogNs });
});

const cli = runCli;

test('status of a succeeded sync: the same rows, phase and message as the sync itself reported; exit 0', async () => {
  const { report } = succeeded;
  const status = await getSync(kit.h.client, report.syncId);
  expect(status).toMatchObject({
    syncId: report.syncId, app: shop, cluster: kit.h.clusterName, phase: 'Succeeded', message: 'successfully synced (all tasks run)',
    workflowId: syncWorkflowId(kit.h.clusterName, shop), runId: report.runId, startedAt: report.startedAt, finishedAt: report.finishedAt,
  });
  expect(status.resources).toEqual(report.resources);
  expect(rowOf(status, 'ConfigMap', 'app-config')).toMatchObject({ status: 'Synced', namespace: shopNs });

  const text = await cli('status', report.syncId);
  expect(text.code).toBe(0);
  expect(text.stdout).toContain(`Sync ID:  ${report.syncId}\nApp:      ${shop}\nCluster:  ${kit.h.clusterName}`);
  expect(text.stdout).toMatch(new RegExp(`\\nSync +0 +ConfigMap +${shopNs} +app-config +Synced `));
  expect(text.stdout.split('\n').at(-1)).toBe('Succeeded: successfully synced (all tasks run)');

  const json = await cli('status', report.syncId, '-o', 'json');
  expect(json.code).toBe(0);
  expect(JSON.parse(json.stdout)).toEqual(resultJson(status));
});

test('status of a failed sync: phase Failed, the failed hook row, the message; exit 1 as for `sync`', async () => {
  const { report } = failed;
  const status = await getSync(kit.h.client, report.syncId);
  expect(status).toMatchObject({ syncId: report.syncId, phase: 'Failed', message: report.message, runId: report.runId });
  expect(status.message).toContain(`Job ${shopNs}/migrate`);
  expect(rowOf(status, 'Job', 'migrate')).toMatchObject({ syncPhase: 'PreSync', hookType: 'PreSync', status: 'Synced', hookPhase: 'Failed' });
  expect(status.resources).toEqual(report.resources);

  const text = await cli('status', report.syncId);
  expect(text.code).toBe(1);
  expect(text.stdout).toMatch(/\nPreSync +0 +Job +\S+ +migrate +Synced +PreSync +Failed /);
  expect(text.stdout.split('\n').at(-1)).toBe(`Failed: ${report.message}`);
});

test("list --app: exactly that app's syncs, newest first, with phase and message", async () => {
  const expected = [failed.report, succeeded.report].map((r) => ({ syncId: r.syncId, app: shop, cluster: kit.h.clusterName, phase: r.phase, message: r.message, runId: r.runId }));
  // Visibility is eventually consistent: a sync that just ended may still list as running.
  await eventually(async () => expect(await listSyncs(kit.h.client, { app: shop })).toMatchObject(expected));

  const json = await cli('list', '--app', shop, '-o', 'json');
  expect(json.code).toBe(0);
  expect((JSON.parse(json.stdout) as { syncs: unknown[] }).syncs).toMatchObject(expected);

  const text = await cli('list', '--app', shop);
  const lines = text.stdout.split('\n');
  expect(lines[0]).toMatch(/^SYNC ID +APP +CLUSTER +PHASE +STARTED +DURATION +MESSAGE$/);
  expect(lines.slice(1).map((l) => l.split(/ +/).slice(0, 4))).toEqual([
    [failed.report.syncId, shop, kit.h.clusterName, 'Failed'],
    [succeeded.report.syncId, shop, kit.h.clusterName, 'Succeeded'],
  ]);

  const other = await cli('list', '--app', blog, '-o', 'json');
  expect((JSON.parse(other.stdout) as { syncs: Array<{ syncId: string }> }).syncs.map((s) => s.syncId)).toEqual([blogSync.report.syncId]);
});

test('history APP: every run of the app, newest first, with attempt; an app without syncs has none', async () => {
  const runs = await eventually(async () => {
    const found = await syncHistory(kit.h.client, shop);
    expect(found.map((r) => [r.syncId, r.runId, r.phase, r.attempt])).toEqual([
      [failed.report.syncId, failed.report.runId, 'Failed', 0],
      [succeeded.report.syncId, succeeded.report.runId, 'Succeeded', 0],
    ]);
    return found;
  });
  expect(Date.parse(runs[0].startedAt)).toBeGreaterThan(Date.parse(runs[1].startedAt));

  const text = await cli('history', shop);
  expect(text.code).toBe(0);
  const lines = text.stdout.split('\n');
  expect(lines[0]).toMatch(/^SYNC ID +ATTEMPT +CLUSTER +PHASE +STARTED +DURATION +MESSAGE$/);
  expect(lines.slice(1).map((l) => l.split(/ +/).slice(0, 4))).toEqual([
    [failed.report.syncId, '0', kit.h.clusterName, 'Failed'],
    [succeeded.report.syncId, '0', kit.h.clusterName, 'Succeeded'],
  ]);

  const none = await cli('history', `cli-nothing-${suffix}`, '-o', 'json');
  expect(none.code).toBe(0);
  expect(JSON.parse(none.stdout)).toEqual({ app: `cli-nothing-${suffix}`, runs: [] });
});

test('status --watch attaches to a running sync, prints progress lines as `sync` does, ends with its result', async () => {
  const ns = await kit.namespace('cli-watch');
  const app = `cli-watch-${suffix}`;
  const planned = await planYaml(documents(jobYaml('migrate', { hook: 'PreSync', runFor: '4s' }), configMapYaml()), ns);
  await startSync(kit.h.client, { syncId: planned.syncId, app, cluster: kit.h.clusterName, plan: planned.plan });

  const watched = await cli('status', planned.syncId, '--watch');

  expect(watched.code).toBe(0);
  const lines = watched.stdout.split('\n');
  // The hook was seen running: the watch attached before the sync ended ...
  expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d {2}PreSync wave 0: 1 hook$/);
  expect(lines[1]).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d {2}apply {4}Job ${ns}/migrate: `));
  // ... and followed it to the end: the summary after a blank line, the hook done in the table.
  expect(lines).toContain(`Sync ID:  ${planned.syncId}`);
  expect(lines[lines.indexOf(`Sync ID:  ${planned.syncId}`) - 1]).toBe('');
  expect(lines).toContainEqual(expect.stringMatching(/^PreSync +0 +Job +\S+ +migrate +Synced +PreSync +Succeeded /));
  expect(lines.at(-1)).toBe('Succeeded: successfully synced (all tasks run)');
});

test('a sync no worker has picked up is Running (exit 0); once terminated in Temporal, Terminated with the reason (exit 1)', async () => {
  // A cluster no worker serves: the sync waits for its first workflow task, and nothing is written.
  const cluster = `no-worker-${suffix}`;
  const app = `cli-stuck-${suffix}`;
  const planned = await planYaml(configMapYaml(), 'default');
  const handle = await startSync(kit.h.client, { syncId: planned.syncId, app, cluster, plan: planned.plan });

  const waiting = await cli('status', planned.syncId);
  expect(waiting.code).toBe(0);
  expect(waiting.stdout).toContain('(no resources have run yet)\n\nRunning: starting');

  await handle.terminate('stuck: terminated by the test');
  const status = await getSync(kit.h.client, planned.syncId);
  expect(status).toMatchObject({ syncId: planned.syncId, app, cluster, phase: 'Terminated', message: 'stuck: terminated by the test', resources: [] });
  expect(status.finishedAt).toBeDefined();
  expect((await cli('status', planned.syncId)).code).toBe(1);
});

test('an unknown sync id exits 2 naming the id, after a bounded wait for visibility', async () => {
  const id = `nope-${suffix}`;
  const result = await cli('status', id);
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toBe(`hooksync: no sync with id "${id}" in Temporal namespace "${readTestEnv().temporalNamespace}" (hooksync list shows the syncs there)`);
});

test('usage errors exit 2: history without APP, list with a bad --limit', async () => {
  expect(await cli('history')).toMatchObject({ code: 2, stderr: expect.stringContaining("missing required argument 'APP'") as string });
  expect(await cli('list', '--limit', '0')).toMatchObject({ code: 2, stderr: expect.stringContaining('expected a whole number above 0') as string });
});
