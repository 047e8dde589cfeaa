// A worker upgrade with syncs in flight (issue 14 item 4), as the README's "Upgrading workers"
// tells an operator to do it: a long sync starts on build N; build N+1, whose workflow code has a
// change behind patched() (test/support/upgrade/nextBuildWorkflows.ts), starts beside it; build N
// is stopped. The old sync finishes on build N+1 with no determinism error and no hook run twice,
// and a sync started after the upgrade runs build N+1's code from its start.
import { writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { followSync, startSync } from '../../../client/syncClient';
import { failureConverterPath } from '../../../codec/dataConverter';
import { eventually } from '../../support/eventually';
import { readOracle } from '../../support/faultHarness';
import { connectTestClient, planYaml } from '../../support/syncHarness';
import { connectTestCluster, createTestNamespace, type TestCluster } from '../../support/testCluster';
import { NEXT_BUILD_PATCH } from '../../support/upgrade/nextBuildWorkflows';
import { killWorker, startWorkerProcess, type WorkerProcess } from '../../support/workerProcess';
import { configMapYaml, documents, jobYaml } from '../sync/syncTestKit';

jest.setTimeout(5 * 60_000);
const clusterName = `upgrade-${Date.now().toString(36)}`;
const HOOKS = ['db-migrate', 'smoke-test'];
const manifests = documents(jobYaml('db-migrate', { hook: 'PreSync', runFor: '40s' }), configMapYaml(), jobYaml('smoke-test', { hook: 'PostSync' }));

let cluster: TestCluster;
let client: Client;
let nextBundle: string;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  cluster = connectTestCluster();
  client = await connectTestClient();
  nextBundle = await nextBuildBundle();
});
afterAll(async () => {
  for (const w of workers) await killWorker(w);
  await client?.connection.close();
});

async function nextBuildBundle(): Promise<string> {
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../../support/upgrade/nextBuildWorkflows'), failureConverterPath, logger: { trace() {}, debug() {}, info() {}, log() {}, warn() {}, error: console.error } });
  const path = join(tmpdir(), `hooksync-next-build-${process.pid}.js`);
  writeFileSync(path, code);
  return path;
}

/** SIGTERM, as a Deployment's rollout stops a pod: the worker drains and exits. */
async function stopGracefully(worker: WorkerProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => worker.child.once('exit', (code) => resolve(code)));
  worker.child.kill('SIGTERM');
  return exited;
}

interface RunFacts {
  /** Workflow task failures, with their cause: a determinism error shows here. */
  taskFailures: string[];
  patchMarkers: string[];
  /** Identities of the workers that ran its workflow tasks. */
  taskIdentities: string[];
  memo?: unknown;
}

async function facts(handle: WorkflowHandle): Promise<RunFacts> {
  const events = (await handle.fetchHistory()).events ?? [];
  const taskFailures = events.flatMap((e) => e.workflowTaskFailedEventAttributes ? [`${e.workflowTaskFailedEventAttributes.cause}: ${e.workflowTaskFailedEventAttributes.failure?.message}`] : []);
  const patchMarkers = events.flatMap((e) => {
    const marker = e.markerRecordedEventAttributes;
    const data = marker?.markerName === 'core_patch' ? marker.details?.['patch-data']?.payloads?.[0]?.data : undefined;
    return data ? [String((JSON.parse(Buffer.from(data).toString()) as { id?: string }).id)] : [];
  });
  const taskIdentities = [...new Set(events.flatMap((e) => e.workflowTaskStartedEventAttributes?.identity ?? []))];
  const { memo } = await handle.describe();
  return { taskFailures, patchMarkers, taskIdentities, memo: memo?.hooksyncFinishedByBuild };
}

test('a sync started on build N finishes on build N+1 after N is stopped; new syncs run N+1 from their start', async () => {
  const buildN = startWorkerProcess(clusterName);
  workers.push(buildN);
  await buildN.ready;
  const oldNamespace = await createTestNamespace(cluster, 'upgrade-old');
  const oldPlan = await planYaml(manifests, oldNamespace);
  const oldSync = await startSync(client, { syncId: oldPlan.syncId, app: 'upgrade-old', cluster: clusterName, plan: oldPlan.plan });
  // In flight: build N runs the PreSync hook's wait (40 s, room for build N+1 to start on a loaded
  // machine) when the upgrade begins; the takeover is checked below, not assumed.
  await eventually(async () => {
    const job = await cluster.batch.readNamespacedJob({ namespace: oldNamespace, name: 'db-migrate' });
    expect(job.status?.active).toBe(1);
  });

  const buildNext = startWorkerProcess(clusterName, { HOOKSYNC_WORKFLOW_BUNDLE: nextBundle });
  workers.push(buildNext);
  await buildNext.ready;
  expect(await stopGracefully(buildN)).toBe(0);

  const newNamespace = await createTestNamespace(cluster, 'upgrade-new');
  const newPlan = await planYaml(manifests, newNamespace);
  const newSync = await startSync(client, { syncId: newPlan.syncId, app: 'upgrade-new', cluster: clusterName, plan: newPlan.plan });

  const [oldReport, newReport] = await Promise.all([followSync(oldSync, () => undefined), followSync(newSync, () => undefined)]);
  expect([oldReport.phase, newReport.phase]).toEqual(['Succeeded', 'Succeeded']);
  const [oldFacts, newFacts] = await Promise.all([facts(oldSync), facts(newSync)]);
  // Build N+1 took over: it ran workflow tasks of the old sync.
  expect(oldFacts.taskIdentities).toContain(`${buildNext.child.pid}@${hostname()}`);
  expect(oldFacts.taskIdentities).toContain(`${buildN.child.pid}@${hostname()}`);
  // The old sync replayed build N's history on build N+1 without a determinism error, then took the new path.
  expect(oldFacts.taskFailures).toEqual([]);
  expect(oldFacts.patchMarkers).toContain(NEXT_BUILD_PATCH);
  expect(oldFacts.memo).toBe('N+1');
  expect(newFacts).toMatchObject({ taskFailures: [], memo: 'N+1', taskIdentities: [`${buildNext.child.pid}@${hostname()}`] });
  expect(newFacts.patchMarkers).toContain(NEXT_BUILD_PATCH);
  // No hook ran twice across the hand-over.
  const oracle = await readOracle(cluster, oldNamespace, HOOKS, HOOKS);
  expect(oracle).toEqual({ creates: { 'db-migrate': [201], 'smoke-test': [201] }, jobUids: { 'db-migrate': 1, 'smoke-test': 1 }, finalizersLeft: [] });
});
