// The promise hooksync exists for (DESIGN §4): a worker SIGKILLed while it waits for a hook is
// replaced and the sync goes on where it stood. No hook is created twice (counted in the API
// server's audit log) and the history shows the interrupted activity ran again (the fault fired).
import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { connectClient, followSync, startSync } from '../../../client/syncClient';
import { auditedWrites } from '../../support/auditLog';
import { eventually } from '../../support/eventually';
import { planYaml } from '../../support/syncHarness';
import { connectTestCluster, createTestNamespace, deleteTestNamespace } from '../../support/testCluster';
import { readTestEnv } from '../../support/testEnv';
import { killWorker, startWorkerProcess, type WorkerProcess } from '../../support/workerProcess';
import { configMapYaml, documents, jobYaml } from '../sync/syncTestKit';

const cluster = connectTestCluster();
const clusterName = `crash-${randomBytes(4).toString('hex')}`;
const workers: WorkerProcess[] = [];
let client: Client;
let ns: string;

beforeAll(async () => {
  const env = readTestEnv();
  client = await connectClient({ address: env.temporalAddress, namespace: env.temporalNamespace });
  ns = await createTestNamespace(cluster, 'worker-crash');
});
afterAll(async () => {
  for (const w of workers) await killWorker(w);
  await client.connection.close();
  await deleteTestNamespace(cluster, ns);
});

async function newWorker(): Promise<WorkerProcess> {
  const worker = startWorkerProcess(clusterName);
  workers.push(worker);
  await worker.ready;
  return worker;
}

test('C2 a worker killed while it waits for a hook is replaced; the sync succeeds and the hook ran once', async () => {
  const first = await newWorker();
  const planned = await planYaml(documents(jobYaml('migrate', { hook: 'PreSync', runFor: '8s' }), configMapYaml()), ns);
  const handle = await startSync(client, { syncId: planned.syncId, app: 'worker-crash', cluster: clusterName, plan: planned.plan });
  await eventually(async () => {
    const job = await cluster.batch.readNamespacedJob({ namespace: ns, name: 'migrate' });
    expect(job.status?.active).toBe(1);
  });

  await killWorker(first);
  await newWorker();
  const report = await followSync(handle, () => undefined);

  expect(report.phase).toBe('Succeeded');
  const creates = auditedWrites(ns).filter((e) => e.verb === 'create' && e.resource === 'jobs' && e.name === 'migrate' && e.code === 201);
  expect(creates).toHaveLength(1);
  const history = await handle.fetchHistory();
  const attempts = (history.events ?? []).map((e) => e.activityTaskStartedEventAttributes?.attempt ?? 0);
  expect(Math.max(...attempts)).toBeGreaterThanOrEqual(2);
});
