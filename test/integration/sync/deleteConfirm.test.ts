// `Delete=confirm` (Argo CD) in `hooksync delete` on the real servers: the wave holding such an
// object waits, durably, for `hooksync confirm DELETE_ID` before it deletes anything of it. While
// it waits the object is still live, status names what waits and the command that lets it go;
// after the confirm the wave is deleted and the deletion succeeds. A terminate during the wait
// leaves the object in place, and the CLI's progress prints the wait as a waiting line. With
// HOOKSYNC_RECORD_HISTORIES=1 the first deletion's history is written, decoded, to test/histories.
import { getSync, type SyncStatus } from '../../../client/syncStatus';
import { deleteWorkflowId } from '../../../workflows/messages';
import { eventually } from '../../support/eventually';
import { decodedHistory, patchMarkers, recordHistory } from '../../support/recordedHistory';
import { runCli } from '../../support/runCli';
import { rowOf, runSync } from '../../support/syncHarness';
import { readTestEnv } from '../../support/testEnv';
import { confirmPrune, NothingToConfirm } from '../../../client/confirmPrune';
import { planDeleteHooks, startDeletion } from '../../../client/deleteClient';
import { newSyncId } from '../../../client/syncClient';
import { annotatedConfigMapYaml, documents, jobYaml, useSyncHarness } from './syncTestKit';

const kit = useSyncHarness();

const configMap = annotatedConfigMapYaml;
const CONFIRM = { 'argocd.argoproj.io/sync-options': 'Delete=confirm' };
const WAVE_1 = { 'argocd.argoproj.io/sync-wave': '1' };

/** `hooksync delete APP --no-wait -o json` against the test worker; the deletion id it printed. */
async function startCliDeletion(app: string, ns: string): Promise<string> {
  const started = await runCli('delete', app, '--kubeconfig', readTestEnv().kubeconfigPath, '--cluster', kit.h.clusterName, '-n', ns, '--no-wait', '-o', 'json');
  expect({ code: started.code, stderr: started.stderr }).toEqual({ code: 0, stderr: '' });
  return (JSON.parse(started.stdout) as { syncId: string }).syncId;
}

/** Waits until the deletion's state says it waits for a confirmation. */
function waitsForConfirm(deleteId: string): Promise<SyncStatus> {
  return eventually(async () => {
    const status = await getSync(kit.h.client, deleteId);
    expect(status.waitingFor?.length).toBeGreaterThan(0);
    return status;
  });
}

/** What the in-process CLI run (runCli) has printed so far: it captures console.log and stdout through jest spies. */
function printedSoFar(): string[] {
  const calls = [console.log, process.stdout.write].flatMap((f) => (jest.isMockFunction(f) ? f.mock.calls : []));
  return calls.map((args: unknown[]) => args.map(String).join(' ').replace(/\n$/, ''));
}

async function liveConfigMaps(ns: string): Promise<string[]> {
  return (await kit.h.cluster.core.listNamespacedConfigMap({ namespace: ns })).items.map((c) => c.metadata?.name ?? '').filter((n) => n !== 'kube-root-ca.crt').sort();
}

test('a wave with a Delete=confirm object waits for hooksync confirm, then is deleted and the deletion succeeds, end to end with the CLI', async () => {
  const ns = await kit.namespace('dconfirm-delete');
  const app = ns;
  const objects = documents(configMap('web', WAVE_1), configMap('db', CONFIRM), configMap('cache'));
  expect((await runSync(kit.h, objects, { app, namespace: ns })).report.phase).toBe('Succeeded');

  const deleteId = await startCliDeletion(app, ns);
  const waiting = await waitsForConfirm(deleteId);

  // The higher wave went first; the held wave has deleted nothing, the other object of it included.
  expect(waiting.phase).toBe('Running');
  expect(waiting.message).toBe('Waiting for deletion confirmation of v1/ConfigMap/db');
  expect(waiting.waitingFor?.map((w) => `${w.kind} ${w.name}: ${w.reason}`)).toEqual([
    `ConfigMap db: Waiting for deletion confirmation (Delete=confirm): run hooksync confirm ${deleteId}`,
  ]);
  expect(await liveConfigMaps(ns)).toEqual(['cache', 'db']);
  const status = await runCli('status', deleteId);
  expect(status.code).toBe(0);
  expect(status.stdout).toContain(`\nWaiting:  Waiting for deletion confirmation (Delete=confirm): run hooksync confirm ${deleteId}: ConfigMap ${ns}/db\n`);

  const confirmed = await runCli('confirm', deleteId);

  expect({ code: confirmed.code, stderr: confirmed.stderr }).toEqual({ code: 0, stderr: '' });
  expect(confirmed.stdout).toBe(`deletion ${deleteId} of app ${app}: deletion confirmed; the held objects are deleted (follow with: hooksync status ${deleteId} --watch)`);
  const watched = await runCli('status', deleteId, '--watch', '-o', 'json');
  expect(watched.code).toBe(0);
  const report = JSON.parse(watched.stdout) as Parameters<typeof rowOf>[0] & { waitingFor?: unknown };
  expect([report.phase, report.message]).toEqual(['Succeeded', `app ${app} deleted: 3 object(s) deleted`]);
  for (const name of ['web', 'db', 'cache']) expect(rowOf(report, 'ConfigMap', name)).toMatchObject({ status: 'Pruned', state: 'Pruned' });
  expect(report.waitingFor).toBeUndefined();
  expect(await liveConfigMaps(ns)).toEqual([]);

  // The deletion has ended: a confirm now is refused, exit 2, saying why.
  const late = await runCli('confirm', deleteId);
  expect({ code: late.code, stderr: late.stderr }).toEqual({ code: 2, stderr: `hooksync: deletion ${deleteId} is not running (Succeeded); there is nothing to confirm` });

  const workflow = await kit.h.client.workflow.getHandle(deleteWorkflowId(kit.h.clusterName, app)).describe();
  const history = await decodedHistory(kit.h.client, workflow.workflowId, workflow.runId);
  expect(patchMarkers(history)).toContain('delete-confirm-waits-for-update');
  recordHistory('delete-app-waits-for-confirmation.json', history);
});

test('a terminate while the deletion waits for confirmation leaves the object in place, and a confirm after it is refused', async () => {
  const ns = await kit.namespace('dconfirm-terminate');
  const app = ns;
  expect((await runSync(kit.h, documents(configMap('db', CONFIRM)), { app, namespace: ns })).report.phase).toBe('Succeeded');

  const deleteId = await startCliDeletion(app, ns);
  await waitsForConfirm(deleteId);
  expect(await liveConfigMaps(ns)).toEqual(['db']);

  const terminated = await runCli('terminate', deleteId, '-o', 'json');

  expect(terminated.code).toBe(0);
  expect(JSON.parse(terminated.stdout)).toMatchObject({ phase: 'Terminated', message: 'deletion terminated by the user' });
  const ended = await eventually(async () => {
    const status = await getSync(kit.h.client, deleteId);
    expect(status.phase).toBe('Terminated');
    return status;
  });
  expect(ended.waitingFor).toBeUndefined();
  // The held deletion never started: its row stayed Pending, and a terminated run shows only the rows that started.
  expect(ended.resources.map((r) => `${r.kind}/${r.name} ${r.state}`)).toEqual([]);
  expect(await liveConfigMaps(ns)).toEqual(['db']);
  const late = await runCli('confirm', deleteId);
  expect({ code: late.code, stderr: late.stderr }).toEqual({ code: 2, stderr: `hooksync: deletion ${deleteId} is not running (Terminated); there is nothing to confirm` });
});

test('a running deletion with no object that waits for confirmation refuses a confirm, saying why', async () => {
  const ns = await kit.namespace('dconfirm-nothing');
  const app = ns;
  expect((await runSync(kit.h, documents(configMap('plain')), { app, namespace: ns })).report.phase).toBe('Succeeded');
  const deleteId = newSyncId();
  const planned = await planDeleteHooks(['-'], { deleteId, namespace: ns }, { stdin: jobYaml('slow-backup', { hook: 'PreDelete', runFor: '60s' }) });
  expect(planned.problems).toEqual([]);
  await startDeletion(kit.h.client, { syncId: deleteId, app, cluster: kit.h.clusterName, hooks: planned.hooks, cascade: true });
  await eventually(async () => expect((await kit.h.cluster.batch.readNamespacedJob({ namespace: ns, name: 'slow-backup' })).status?.active).toBe(1));

  const refused = confirmPrune(kit.h.client, deleteId);

  await expect(refused).rejects.toBeInstanceOf(NothingToConfirm);
  await expect(refused).rejects.toThrow(`deletion ${deleteId} has no object whose deletion waits for confirmation (Delete=confirm or Prune=confirm)`);
  expect((await runCli('terminate', deleteId)).code).toBe(0);
  await eventually(async () => expect((await getSync(kit.h.client, deleteId)).phase).toBe('Terminated'));
  expect(await liveConfigMaps(ns)).toEqual(['plain']);
});

test('hooksync delete prints the wait for confirmation as a waiting line, and goes on once confirmed', async () => {
  const ns = await kit.namespace('dconfirm-progress');
  const app = ns;
  expect((await runSync(kit.h, documents(configMap('db', CONFIRM)), { app, namespace: ns })).report.phase).toBe('Succeeded');

  const deletion = runCli('delete', app, '--kubeconfig', readTestEnv().kubeconfigPath, '--cluster', kit.h.clusterName, '-n', ns);
  // The CLI prints the id with its first line; it is confirmed only once its progress has shown the wait.
  const waitingLine = await eventually(async () => {
    const line = printedSoFar().find((l) => / waiting +ConfigMap .*\/db: /.test(l));
    expect(line).toBeDefined();
    return line ?? '';
  });
  const deleteId = /^deletion (\S+) of app /.exec(printedSoFar()[0])?.[1] ?? '';
  expect(waitingLine).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d  waiting +ConfigMap ${ns}/db: Waiting for deletion confirmation \\(Delete=confirm\\): run hooksync confirm ${deleteId}$`));
  expect(await liveConfigMaps(ns)).toEqual(['db']);
  expect(await confirmPrune(kit.h.client, deleteId)).toMatchObject({ operation: 'delete', app, alreadyConfirmed: false });
  const result = await deletion;

  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
  expect(result.stdout).toContain(`Succeeded: app ${app} deleted: 1 object(s) deleted`);
  expect(await liveConfigMaps(ns)).toEqual([]);
});
