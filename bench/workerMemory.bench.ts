// Benchmark: the peak memory of one worker process (`hooksync worker` from dist/) while it runs
// ten syncs of examples/demo at once (scenario S6), read from /proc/<pid>/status (VmHWM: the peak
// resident set). Not part of the test command; run it with
//   HOOKSYNC_BENCH=1 npx jest --selectProjects bench bench/workerMemory.bench.ts
// HOOKSYNC_BENCH_SYNCS sets how many syncs run at once (10); HOOKSYNC_BENCH_WORKER_ENV, a JSON object,
// adds to the worker's environment (to try NODE_OPTIONS, say).
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { planFromFiles } from '../client/planFromFiles';
import { followSync, newSyncId, startSync } from '../client/syncClient';
import { repoRoot, runDir } from '../test/support/paths';
import { connectTestClient } from '../test/support/syncHarness';
import { connectTestCluster, createTestNamespace, deleteTestNamespace } from '../test/support/testCluster';
import { killWorker, startWorkerProcess } from '../test/support/workerProcess';

jest.setTimeout(30 * 60_000);
const SYNCS = Number(process.env.HOOKSYNC_BENCH_SYNCS ?? 10);
const WORKER_ENV = JSON.parse(process.env.HOOKSYNC_BENCH_WORKER_ENV ?? '{}') as Record<string, string>;
const cluster = connectTestCluster();
let client: Client;

beforeAll(async () => {
  client = await connectTestClient();
});
afterAll(async () => {
  await client.connection.close();
});

/** A /proc/<pid>/status field in MiB (VmHWM: peak resident set, VmRSS: now). */
function procMiB(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const kib = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Math.round(Number(kib) / 1024);
}

async function demoSync(clusterName: string, namespace: string): Promise<string> {
  const syncId = newSyncId();
  const planned = await planFromFiles([join(repoRoot, 'examples/demo')], { syncId, attempt: 0, defaultNamespace: namespace, createNamespace: false });
  const handle = await startSync(client, { syncId, app: namespace, cluster: clusterName, plan: planned.plan });
  return (await followSync(handle, () => undefined)).phase;
}

test(`worker memory: peak RSS of one worker running ${SYNCS} demo syncs at once`, async () => {
  const clusterName = `mem-${randomBytes(4).toString('hex')}`;
  // The worker as a user starts it: dist's prebuilt bundle, not the one the test set-up names.
  const worker = startWorkerProcess(clusterName, { HOOKSYNC_WORKFLOW_BUNDLE: '', ...WORKER_ENV });
  const namespaces = await Promise.all(Array.from({ length: SYNCS }, () => createTestNamespace(cluster, 'mem')));
  try {
    await worker.ready;
    const pid = worker.child.pid ?? 0;
    const idleMiB = procMiB(pid, 'VmRSS');
    const startedAt = Date.now();
    const phases = await Promise.all(namespaces.map((ns) => demoSync(clusterName, ns)));
    const summary = { syncs: SYNCS, workerEnv: WORKER_ENV, phases, seconds: (Date.now() - startedAt) / 1000, idleRssMiB: idleMiB, peakRssMiB: procMiB(pid, 'VmHWM'), endRssMiB: procMiB(pid, 'VmRSS') };
    writeFileSync(join(runDir(), 'bench-worker-memory.json'), `${JSON.stringify(summary, null, 2)}\n`);
    console.log(`worker memory: ${JSON.stringify(summary)}`);
  } finally {
    await killWorker(worker);
    await Promise.all(namespaces.map((ns) => deleteTestNamespace(cluster, ns)));
  }
});
