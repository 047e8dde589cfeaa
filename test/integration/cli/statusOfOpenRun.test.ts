// `hooksync status` of a sync whose workflow is still cleaning up: a HookSucceeded hook whose
// deletion a foreign finalizer holds (the test's own, `example.com/hold`). Until the test removes
// that finalizer the workflow cannot close, so status must say Running with no finishedAt, even
// once the workflow knows its outcome; only after the close does it give the outcome and the time.
// A failed sync is the case where the workflow's own state already says Failed while it cleans up;
// a succeeded one says Succeeded only at its very end (a status read then raced the close).
import { randomBytes } from 'node:crypto';
import { startSync } from '../../../client/syncClient';
import type { SyncStatus } from '../../../client/syncStatus';
import { eventually } from '../../support/eventually';
import { runCli } from '../../support/runCli';
import { planYaml } from '../../support/syncHarness';
import { configMapYaml, documents, jobYaml, useSyncHarness } from '../sync/syncTestKit';

const HOLD = 'example.com/hold';
const kit = useSyncHarness();
const suffix = randomBytes(3).toString('hex');
/** Jobs the tests put the hold on: released in afterEach too, or their namespaces never go. */
const held: Array<{ ns: string; name: string }> = [];

/** A Job manifest that carries the hold finalizer from its creation. */
function heldJobYaml(name: string, o: Parameters<typeof jobYaml>[1]): string {
  return jobYaml(name, o).replace(/\nmetadata:\n/, `\nmetadata:\n  finalizers: [${HOLD}]\n`);
}

async function releaseHold({ ns, name }: { ns: string; name: string }): Promise<void> {
  const live = await kit.h.cluster.batch.readNamespacedJob({ namespace: ns, name }).catch(() => undefined);
  const finalizers = live?.metadata?.finalizers ?? [];
  if (!finalizers.includes(HOLD)) return;
  await kit.h.cluster.batch.patchNamespacedJob({ namespace: ns, name, body: [{ op: 'replace', path: '/metadata/finalizers', value: finalizers.filter((f) => f !== HOLD) }] });
}

afterEach(async () => {
  for (const job of held.splice(0)) await releaseHold(job);
});

async function startHeldSync(prefix: string, yaml: string, holdOn: string) {
  const ns = await kit.namespace(prefix);
  held.push({ ns, name: holdOn });
  const planned = await planYaml(yaml, ns);
  expect(planned.problems).toEqual([]);
  const handle = await startSync(kit.h.client, { syncId: planned.syncId, app: `${prefix}-${suffix}`, cluster: kit.h.clusterName, plan: planned.plan });
  // The workflow is in its clean-up: it has asked for the held hook's deletion.
  await eventually(async () => {
    const live = await kit.h.cluster.batch.readNamespacedJob({ namespace: ns, name: holdOn });
    expect(live.metadata?.deletionTimestamp).toBeDefined();
  });
  return { ns, syncId: planned.syncId, handle };
}

async function statusJson(syncId: string): Promise<{ code: number; status: SyncStatus }> {
  const run = await runCli('status', syncId, '-o', 'json');
  return { code: run.code, status: JSON.parse(run.stdout) as SyncStatus };
}

const rows = (s: SyncStatus) => s.resources.map((r) => [r.kind, r.name, r.hookPhase]);

test('a succeeded sync deleting its hook by policy is Running until its workflow closes, then Succeeded with finishedAt', async () => {
  const yaml = documents(heldJobYaml('migrate', { hook: 'PreSync', policy: 'HookSucceeded' }), configMapYaml());
  const { ns, syncId, handle } = await startHeldSync('status-open-ok', yaml, 'migrate');

  const open = await statusJson(syncId);
  expect((await handle.describe()).status.name).toBe('RUNNING');
  expect(open.code).toBe(0);
  expect(open.status.phase).toBe('Running');
  expect(open.status).not.toHaveProperty('finishedAt');
  expect(rows(open.status)).toEqual([['Job', 'migrate', 'Succeeded'], ['ConfigMap', 'app-config', 'Succeeded']]);

  await releaseHold({ ns, name: 'migrate' });
  await handle.result();
  const closed = await statusJson(syncId);
  expect(closed.code).toBe(0);
  expect(closed.status).toMatchObject({ phase: 'Succeeded', message: 'successfully synced (all tasks run)', finishedAt: expect.any(String) as string });
});

test('a failed sync still deleting a hook by policy is Running (its outcome so far in the message), then Failed with finishedAt', async () => {
  // `setup` succeeds and is deleted by policy once the sync has failed on `migrate`.
  const yaml = documents(heldJobYaml('setup', { hook: 'PreSync', policy: 'HookSucceeded' }), jobYaml('migrate', { hook: 'Sync', fail: true }));
  const { ns, syncId, handle } = await startHeldSync('status-open-fail', yaml, 'setup');

  const open = await statusJson(syncId);
  expect((await handle.describe()).status.name).toBe('RUNNING');
  expect(open.code).toBe(0);
  expect(open.status.phase).toBe('Running');
  expect(open.status.message).toMatch(/^ending as Failed: Sync wave 0: Job \S+\/migrate failed/);
  expect(open.status).not.toHaveProperty('finishedAt');
  expect(rows(open.status)).toEqual([['Job', 'setup', 'Succeeded'], ['Job', 'migrate', 'Failed']]);

  await releaseHold({ ns, name: 'setup' });
  await handle.result();
  const closed = await statusJson(syncId);
  expect(closed.code).toBe(1);
  expect(closed.status).toMatchObject({ phase: 'Failed', finishedAt: expect.any(String) as string });
  expect(closed.status.message).toMatch(/^Sync wave 0: Job \S+\/migrate failed/);
});
