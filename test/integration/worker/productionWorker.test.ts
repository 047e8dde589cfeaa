// A worker as it runs in production (issue 14 item 3), as a real `hooksync worker` process on the
// real servers: its health endpoint turns ready once it polls, its metrics carry the SDK's own and
// hooksync's, SIGTERM during a hook wait ends it with exit 0 while the hook still runs (handed
// over, not waited for), a second worker finishes the sync with the hook created once, and
// `--log-format json` prints nothing but JSON lines.
import { randomBytes } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { followSync, startSync } from '../../../client/syncClient';
import { eventually } from '../../support/eventually';
import { activityIsRunning, activityRuns, readOracle } from '../../support/faultHarness';
import { decodedHistory, recordHistory } from '../../support/recordedHistory';
import { connectTestClient, planYaml } from '../../support/syncHarness';
import { connectTestCluster, createTestNamespace, deleteTestNamespace } from '../../support/testCluster';
import { freePort, healthPortOf, killWorker, startWorkerProcess, type WorkerProcess } from '../../support/workerProcess';
import { configMapYaml, documents, jobYaml } from '../sync/syncTestKit';

const cluster = connectTestCluster();
const clusterName = `ops-prod-${randomBytes(4).toString('hex')}`;
const workers: WorkerProcess[] = [];
const syncs: WorkflowHandle[] = [];
let client: Client;
let ns: string;

beforeAll(async () => {
  client = await connectTestClient();
  ns = await createTestNamespace(cluster, 'ops-prod');
});
afterAll(async () => {
  for (const w of workers) await killWorker(w);
  for (const handle of syncs) await handle.terminate('ops production worker tests ended').catch(() => undefined);
  await client.connection.close();
  await deleteTestNamespace(cluster, ns);
});

async function productionWorker(metricsPort: number): Promise<WorkerProcess> {
  const args = ['--health-port', '0', '--metrics-port', String(metricsPort), '--shutdown-grace', '2s', '--log-format', 'json'];
  const worker = startWorkerProcess(clusterName, {}, { args });
  workers.push(worker);
  await worker.ready;
  return worker;
}

async function get(port: number, path: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, text: await res.text() };
}

/** The value of the first sample of `metric` whose labels include all of `labels`. */
function sample(text: string, metric: string, labels: Record<string, string>): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${metric}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

function exitOf(worker: WorkerProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return Promise.resolve({ code: worker.child.exitCode, signal: worker.child.signalCode });
  return new Promise((resolve) => worker.child.once('exit', (code, signal) => resolve({ code, signal })));
}

test('ready once polling, metrics, SIGTERM mid-hook hands the wait over, the next worker finishes with the hook created once', async () => {
  const [firstMetrics, secondMetrics] = [await freePort(), await freePort()];
  const first = await productionWorker(firstMetrics);
  const health = healthPortOf(first);
  await eventually(async () => expect((await get(health, '/readyz')).status).toBe(200));
  expect(JSON.parse((await get(health, '/healthz')).text)).toMatchObject({ ok: true, state: 'RUNNING' });
  expect((await get(health, '/nothing')).status).toBe(404);

  // The hook runs far longer than the grace: a worker that waited for it instead of handing it over would still be running.
  const planned = await planYaml(documents(jobYaml('migrate', { hook: 'PreSync', runFor: '90s' }), configMapYaml()), ns);
  const handle = await startSync(client, { syncId: planned.syncId, app: 'ops-prod', cluster: clusterName, plan: planned.plan });
  syncs.push(handle);
  await eventually(async () => {
    expect((await cluster.batch.readNamespacedJob({ namespace: ns, name: 'migrate' })).status?.active).toBe(1);
    expect(await activityIsRunning(handle, 'awaitGroup')).toBe(true);
  });
  // The SDK's own metrics, and the wait as hooksync_waiting_tasks.
  await eventually(async () => {
    const { text } = await get(firstMetrics, '/metrics');
    expect(sample(text, 'temporal_num_pollers', { task_queue: `hooksync.${clusterName}` })).toBeGreaterThan(0);
    expect(sample(text, 'hooksync_waiting_tasks', { phase: 'PreSync', kind: 'Job', status: 'Waiting' })).toBe(1);
  });

  const exited = exitOf(first);
  first.child.kill('SIGTERM');
  expect(await exited).toEqual({ code: 0, signal: null });
  expect((await cluster.batch.readNamespacedJob({ namespace: ns, name: 'migrate' })).status?.active).toBe(1);
  expect(first.output()).toMatch(/SIGTERM: stopping; 1 activity in flight get 2s to finish/);

  const second = await productionWorker(secondMetrics);
  const report = await followSync(handle, () => undefined);
  expect(report.phase).toBe('Succeeded');
  const oracle = await readOracle(cluster, ns, ['migrate'], ['migrate']);
  expect(oracle.creates).toEqual({ migrate: [201] });
  expect(oracle.jobUids).toEqual({ migrate: 1 });
  // The wait the first worker gave up on ran again on the second.
  expect(Math.max(...(await activityRuns(handle)).filter((a) => a.type === 'awaitGroup').map((a) => a.attempts))).toBeGreaterThanOrEqual(2);

  await eventually(async () => {
    const { text } = await get(secondMetrics, '/metrics');
    expect(sample(text, 'hooksync_syncs_total', { outcome: 'Succeeded' })).toBe(1);
    expect(sample(text, 'hooksync_hook_duration_seconds_count', { hook_type: 'PreSync', kind: 'Job', result: 'Succeeded' })).toBe(1);
    expect(sample(text, 'hooksync_waiting_tasks', { kind: 'Job' }) ?? 0).toBe(0);
  });

  for (const worker of [first, second]) {
    const lines = worker.output().split('\n').filter((l) => l.trim() !== '');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
  }
  // A sync that ran through the metrics the workflow emits (workflows/syncMetrics.ts) and a
  // handed-over wait, kept for the replay tests.
  recordHistory('hook-wait-handed-over-on-sigterm.json', await decodedHistory(client, handle.workflowId, handle.firstExecutionRunId));
});
