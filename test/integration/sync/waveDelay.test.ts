// `hooksync sync --wave-delay` (patch wave-delay-between-waves): a durable timer between two groups,
// read from the workflow's history, never from the clock: each timer starts once a group is done
// and the next group's apply is scheduled only after it fired; a sync without the flag has none;
// a worker killed during the pause is replaced and the sync goes on with the next wave.
// With HOOKSYNC_RECORD_HISTORIES=1 the delayed sync's history is also written, decoded, to
// test/histories for the replay tests.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PayloadCodec } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { followSync, startSync, terminateSync } from '../../../client/syncClient';
import { randomBytes } from 'node:crypto';
import { syncStateQuery, syncWorkflowId } from '../../../workflows/messages';
import { eventually } from '../../support/eventually';
import { decodeHistoryPayloads } from '../../support/historyCodec';
import { repoRoot } from '../../support/paths';
import { runCliSync } from '../../support/runCli';
import { planYaml, rowOf, runSync } from '../../support/syncHarness';
import { killWorker, startWorkerProcess, type WorkerProcess } from '../../support/workerProcess';
import { documents, useSyncHarness } from './syncTestKit';

const kit = useSyncHarness();

type Json = Record<string, unknown>;
interface HistoryEvent {
  activityTaskScheduledEventAttributes?: { activityType: { name: string } };
  timerStartedEventAttributes?: { startToFireTimeout: string; timerId: string };
  timerFiredEventAttributes?: { timerId: string };
  timerCanceledEventAttributes?: { timerId: string };
  markerRecordedEventAttributes?: { details?: Record<string, { payloads?: Array<{ data?: string }> }> };
  workflowExecutionStartedEventAttributes?: { input?: { payloads?: Array<{ data?: string }> } };
}

/** Three ConfigMaps in waves -1, 0 and 1: three groups, so two pauses between them. */
function threeWaves(): string {
  return documents(...[-1, 0, 1].map((wave) => `
apiVersion: v1
kind: ConfigMap
metadata:
  name: wave${wave < 0 ? 'm' : ''}${Math.abs(wave)}
  annotations: { argocd.argoproj.io/sync-wave: "${wave}" }
data: { wave: "${wave}" }
`));
}

/** The app's newest run's history, its payloads decoded (as the worker sees them). */
async function decodedHistory(app: string, clusterName = kit.h.clusterName): Promise<Json> {
  const handle = kit.h.client.workflow.getHandle(syncWorkflowId(clusterName, app));
  const codecs = kit.h.client.options.loadedDataConverter.payloadCodecs;
  const all: PayloadCodec = {
    encode: async (p) => p,
    decode: async (p) => { let out = p; for (const c of [...codecs].reverse()) out = await c.decode(out); return out; },
  };
  return decodeHistoryPayloads(JSON.parse(historyToJSON(await handle.fetchHistory())) as Json, all);
}

const decoded = (data: string | undefined): unknown => JSON.parse(Buffer.from(data ?? '', 'base64').toString());

/** The steps that matter here, in history order: activities scheduled, timers, patch markers. */
function steps(history: Json): string[] {
  return (history.events as HistoryEvent[]).flatMap((e) => {
    if (e.activityTaskScheduledEventAttributes) return [e.activityTaskScheduledEventAttributes.activityType.name];
    if (e.timerStartedEventAttributes) return [`timer ${e.timerStartedEventAttributes.startToFireTimeout}`];
    if (e.timerFiredEventAttributes) return ['fired'];
    if (e.timerCanceledEventAttributes) return ['canceled'];
    const patch = e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0]?.data;
    return patch ? [`patch ${(decoded(patch) as { id: string }).id}`] : [];
  });
}

function startInput(history: Json): Json {
  const [first] = history.events as HistoryEvent[];
  return decoded(first.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]?.data) as Json;
}

function record(file: string, history: Json): void {
  if (process.env.HOOKSYNC_RECORD_HISTORIES === '1') writeFileSync(join(repoRoot, 'test', 'histories', file), `${JSON.stringify(history, null, 2)}\n`);
}

test('--wave-delay 1s: a timer between each two groups, started once a group is done; the next apply waits for it to fire', async () => {
  const ns = await kit.namespace('details-wave-delay');
  const app = 'details-wave-delay';
  const file = join(mkdtempSync(join(tmpdir(), 'details-wave-delay-')), 'waves.yaml');
  writeFileSync(file, threeWaves());

  const run = await runCliSync(kit.h.clusterName, '-f', file, '--app', app, '-n', ns, '--wave-delay', '1s', '-o', 'json');
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const report = JSON.parse(run.stdout) as { phase: string; resources: Array<{ name: string; state: string }> };
  expect(report.phase).toBe('Succeeded');
  expect(report.resources.map((r) => [r.name, r.state])).toEqual([['wavem1', 'Succeeded'], ['wave0', 'Succeeded'], ['wave1', 'Succeeded']]);

  const history = await decodedHistory(app);
  expect(startInput(history)).toMatchObject({ waveDelaySeconds: 1 });
  // Each group is applied and done (a ConfigMap is done by its apply's answer, so no wait is
  // scheduled: doneOnApply.ts); only then the pause, and the next apply after it fired.
  const others = (s: string) => s.startsWith('patch ') && s !== 'patch wave-delay-between-waves';
  expect(steps(history).filter((s) => !others(s))).toEqual([
    // The first apply carries the dry run (activities/dryRunThenApply.ts); no pause comes before it.
    'dryRunThenApply', 'patch wave-delay-between-waves', 'timer 1s', 'fired',
    'applyGroup', 'timer 1s', 'fired',
    'applyGroup',
  ]);
  record('wave-delay-between-waves.json', history);
});

test('the pause holds the next wave back until it ends; a terminate cuts it short, and the next wave never runs', async () => {
  const ns = await kit.namespace('details-wave-hold');
  const app = 'details-wave-hold';
  const planned = await planYaml(threeWaves(), ns);
  const handle = await startSync(kit.h.client, { syncId: planned.syncId, app, cluster: kit.h.clusterName, plan: planned.plan, waveDelaySeconds: 3600 });

  // Synchronised on the history: the first pause has started (an hour: it cannot end during the test).
  await eventually(async () => expect(steps(await decodedHistory(app))).toContain('timer 3600s'), { timeoutMs: 90_000 });
  const state = await handle.query(syncStateQuery);
  expect(state.resources.map((r) => [r.name, r.state])).toEqual([['wavem1', 'Succeeded'], ['wave0', 'Pending'], ['wave1', 'Pending']]);
  // The state says what the sync waits for and until when (the CLI's progress prints it once).
  expect(state.pause?.message).toMatch(/^the 1h.* --wave-delay pause before Sync wave 0$/);
  const untilMs = Date.parse(state.pause?.until ?? '');
  expect(untilMs - Date.now()).toBeGreaterThan(3000 * 1000);
  expect(untilMs - Date.now()).toBeLessThanOrEqual(3600 * 1000);

  await terminateSync(kit.h.client, syncWorkflowId(kit.h.clusterName, app));
  const report = await followSync(handle, () => undefined);
  expect(report.phase).toBe('Terminated');
  expect(report.resources.map((r) => r.name)).toEqual(['wavem1']);
  expect(report.pause).toBeUndefined();
  const afterPause = steps(await decodedHistory(app));
  const pauseAt = afterPause.indexOf('timer 3600s');
  expect(afterPause.slice(pauseAt)).toContain('canceled');
  expect(afterPause.slice(pauseAt)).not.toContain('applyGroup');
  const live = (await kit.h.cluster.core.listNamespacedConfigMap({ namespace: ns })).items.map((c) => c.metadata?.name).filter((n) => n?.startsWith('wave'));
  expect(live).toEqual(['wavem1']);
});

test('the pause counts toward --timeout: a sync whose deadline passes during it fails, naming the pause', async () => {
  const ns = await kit.namespace('details-wave-timeout');
  const app = 'details-wave-timeout';
  const planned = await planYaml(threeWaves(), ns);
  // The deadline leaves the first group (one ConfigMap) far more time than it takes, even on a
  // loaded machine, and falls inside the hour-long pause.
  const handle = await startSync(kit.h.client, { syncId: planned.syncId, app, cluster: kit.h.clusterName, plan: planned.plan, waveDelaySeconds: 3600, timeoutSeconds: 30 });
  const report = await followSync(handle, () => undefined);
  expect(report.phase).toBe('Failed');
  expect(report.message).toBe('sync timed out after 30s (--timeout) while waiting for the 1h --wave-delay pause before Sync wave 0');
  expect(report.resources.map((r) => [r.name, r.state])).toEqual([['wavem1', 'Succeeded']]);
});

test('without --wave-delay: no timer and no patch marker, as before the flag existed', async () => {
  const ns = await kit.namespace('details-wave-none');
  const app = 'details-wave-none';
  const { report } = await runSync(kit.h, threeWaves(), { app, namespace: ns });
  expect(report.phase).toBe('Succeeded');
  expect(rowOf(report, 'ConfigMap', 'wave1').state).toBe('Succeeded');
  const history = await decodedHistory(app);
  expect(startInput(history)).not.toHaveProperty('waveDelaySeconds');
  expect(steps(history).filter((s) => s.startsWith('timer') || s === 'patch wave-delay-between-waves')).toEqual([]);
});

describe('a worker killed during the pause', () => {
  // Workers as child processes (dist/), on a task queue of their own, so that one can be SIGKILLed.
  const clusterName = `details-pause-${randomBytes(4).toString('hex')}`;
  const workers: WorkerProcess[] = [];
  const syncs: Array<{ terminate(reason: string): Promise<unknown> }> = [];
  afterAll(async () => {
    for (const w of workers) await killWorker(w);
    // A test that failed half-way would leave its sync running on the shared server, workerless.
    for (const handle of syncs) await handle.terminate('wave-delay tests ended').catch(() => undefined);
  });
  const startWorker = async () => {
    const worker = startWorkerProcess(clusterName);
    workers.push(worker);
    await worker.ready;
    return worker;
  };

  test('the timer fires on the server meanwhile, and a new worker goes on with the next wave; nothing is applied twice', async () => {
    const ns = await kit.namespace('details-wave-kill');
    const app = 'details-wave-kill';
    const first = await startWorker();
    const planned = await planYaml(threeWaves(), ns);
    const handle = await startSync(kit.h.client, { syncId: planned.syncId, app, cluster: clusterName, plan: planned.plan, waveDelaySeconds: 5 });
    syncs.push(handle);
    await eventually(async () => expect(steps(await decodedHistory(app, clusterName))).toContain('timer 5s'), { timeoutMs: 90_000 });
    await killWorker(first);
    // No worker polls now; the pause still ends, since the timer is the server's.
    await eventually(async () => expect(steps(await decodedHistory(app, clusterName))).toContain('fired'), { timeoutMs: 90_000 });
    await startWorker();

    const report = await followSync(handle, () => undefined);
    expect(report.phase).toBe('Succeeded');
    expect(report.resources.map((r) => [r.name, r.state])).toEqual([['wavem1', 'Succeeded'], ['wave0', 'Succeeded'], ['wave1', 'Succeeded']]);
    const history = steps(await decodedHistory(app, clusterName));
    // One apply per wave; the first carries the dry run.
    expect(history.filter((s) => s === 'applyGroup' || s === 'dryRunThenApply')).toHaveLength(3);
    expect(history.filter((s) => s.startsWith('timer'))).toEqual(['timer 5s', 'timer 5s']);
  });
});
