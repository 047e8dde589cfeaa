// `Prune=confirm` (Argo CD): a prune waits, durably, for `hooksync confirm SYNC_ID`. The live
// object asks for it in its sync options, or the sync asks for every prune with `--sync-option
// Prune=confirm`. While it waits the object is still there, status says what waits and how to
// let it go, and the workflow holds no worker (a condition, not an activity).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { confirmPrune, NothingToConfirm } from '../../../client/confirmPrune';
import { getSync } from '../../../client/syncStatus';
import { eventually } from '../../support/eventually';
import { runCli, runCliSync } from '../../support/runCli';
import { rowOf, runSync } from '../../support/syncHarness';
import { documents, useSyncHarness } from './syncTestKit';

const kit = useSyncHarness();
const tmp = mkdtempSync(join(tmpdir(), 'hooksync-retry-prune-'));

const configMap = (name: string, syncOptions?: string) => `
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
${syncOptions ? `  annotations: { argocd.argoproj.io/sync-options: "${syncOptions}" }\n` : ''}data: {k: v}
`;

function manifestFile(name: string, yaml: string): string {
  const file = join(tmp, `${name}.yaml`);
  writeFileSync(file, yaml);
  return file;
}

async function exists(ns: string, name: string): Promise<boolean> {
  try {
    await kit.h.cluster.core.readNamespacedConfigMap({ namespace: ns, name });
    return true;
  } catch (err) {
    if ((err as { code?: number }).code === 404) return false;
    throw err;
  }
}

/** Waits until the sync's prunes wait for confirmation. */
async function waitsForConfirm(syncId: string) {
  return eventually(async () => {
    const status = await getSync(kit.h.client, syncId);
    expect(status.waitingFor?.length).toBeGreaterThan(0);
    return status;
  });
}

test('a live object with Prune=confirm is pruned only after hooksync confirm, end to end with the CLI', async () => {
  const ns = await kit.namespace('retry-confirm');
  const app = 'retry-confirm';
  const first = await runSync(kit.h, documents(configMap('keep'), configMap('old', 'Prune=confirm'), configMap('also-old')), { app, namespace: ns });
  expect(first.report.phase).toBe('Succeeded');

  const started = await runCliSync(kit.h.clusterName, '-f', manifestFile('keep', configMap('keep')), '--app', app, '-n', ns, '--prune', '--no-wait', '-o', 'json');
  expect(started.code).toBe(0);
  const { syncId } = JSON.parse(started.stdout) as { syncId: string };
  const waiting = await waitsForConfirm(syncId);
  // Argo CD holds the whole wave: neither prune of it has run, and the object asking is still there.
  expect(waiting.message).toBe('Waiting for pruning confirmation of v1/ConfigMap/old');
  expect(waiting.waitingFor?.map((w) => w.name)).toEqual(['old']);
  expect(await exists(ns, 'old')).toBe(true);
  expect(await exists(ns, 'also-old')).toBe(true);

  const status = await runCli('status', syncId);
  expect(status.code).toBe(0);
  expect(status.stdout).toContain(`\nWaiting:  Waiting for pruning confirmation (Prune=confirm): run hooksync confirm ${syncId}: ConfigMap ${ns}/old\n`);
  expect(status.stdout).toContain('\nRunning: Waiting for pruning confirmation of v1/ConfigMap/old');

  const confirmed = await runCli('confirm', syncId);

  expect(confirmed.stderr).toBe('');
  expect(confirmed.code).toBe(0);
  expect(confirmed.stdout).toBe(`sync ${syncId} of app ${app}: pruning confirmed; the prunes go ahead (follow with: hooksync status ${syncId} --watch)`);
  const watched = await runCli('status', syncId, '--watch', '-o', 'json');
  expect(watched.code).toBe(0);
  const report = JSON.parse(watched.stdout) as Parameters<typeof rowOf>[0];
  expect([report.phase, report.message]).toEqual(['Succeeded', 'successfully synced (all tasks run)']);
  for (const name of ['old', 'also-old']) expect(rowOf(report, 'ConfigMap', name)).toMatchObject({ status: 'Pruned', state: 'Pruned' });
  expect(await exists(ns, 'old')).toBe(false);

  // The sync has ended: a confirm now is refused, exit 2, saying why.
  const late = await runCli('confirm', syncId);
  expect(late.code).toBe(2);
  expect(late.stderr).toBe(`hooksync: sync ${syncId} is not running (Succeeded); there is nothing to confirm`);
});

test('--sync-option Prune=confirm holds every prune of the sync; a sync with no such prune refuses a confirm', async () => {
  const ns = await kit.namespace('retry-confirm-all');
  const app = 'retry-confirm-all';
  expect((await runSync(kit.h, documents(configMap('keep'), configMap('old')), { app, namespace: ns })).report.phase).toBe('Succeeded');

  const started = await runCliSync(kit.h.clusterName, '-f', manifestFile('keep-all', configMap('keep')), '--app', app, '-n', ns,
    '--prune', '--sync-option', 'Prune=confirm', '--no-wait', '-o', 'json');
  const { syncId } = JSON.parse(started.stdout) as { syncId: string };
  expect((await waitsForConfirm(syncId)).waitingFor?.map((w) => w.name)).toEqual(['old']);
  expect(await exists(ns, 'old')).toBe(true);

  expect(await confirmPrune(kit.h.client, syncId)).toMatchObject({ syncId, app, alreadyConfirmed: false });
  const done = await eventually(async () => {
    const status = await getSync(kit.h.client, syncId);
    expect(status.phase).toBe('Succeeded');
    return status;
  });
  expect(rowOf(done, 'ConfigMap', 'old')).toMatchObject({ status: 'Pruned' });

  // Without Prune=confirm anywhere, the running sync says there is nothing to confirm.
  const slow = documents(configMap('keep'), `
apiVersion: batch/v1
kind: Job
metadata: { name: slow-check, annotations: { argocd.argoproj.io/hook: PostSync, argocd.argoproj.io/hook-delete-policy: HookSucceeded } }
spec:
  backoffLimit: 0
  template:
    metadata: { annotations: { kwok.hooksync.io/run-for: "60s" } }
    spec: { restartPolicy: Never, containers: [{ name: main, image: "check:1" }] }
`);
  const other = await runCliSync(kit.h.clusterName, '-f', manifestFile('slow', slow), '--app', app, '-n', ns, '--no-wait', '-o', 'json');
  const otherId = (JSON.parse(other.stdout) as { syncId: string }).syncId;
  await eventually(async () => expect((await getSync(kit.h.client, otherId)).phase).toBe('Running'));
  const refused = confirmPrune(kit.h.client, otherId);
  await expect(refused).rejects.toBeInstanceOf(NothingToConfirm);
  await expect(refused).rejects.toThrow(`sync ${otherId} has no prune that waits for confirmation (Prune=confirm)`);
  expect((await runCli('terminate', otherId)).code).toBe(0);
});
