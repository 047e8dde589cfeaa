// Faults only a real Temporal cluster can show (issue 14 item 1): its history service SIGKILLed
// mid-sync and started again, its matching service restarted, its PostgreSQL restarted. Each
// strikes a private cluster set-up (dev/start.sh --temporal cluster: four service processes on
// PostgreSQL) while a PreSync hook runs; a supervised worker does the sync. It must end Succeeded,
// with every hook created exactly once and no finalizer left behind.
import type { Client } from '@temporalio/client';
import { followSync, startSync, type SyncReport } from '../../client/syncClient';
import { eventually } from '../support/eventually';
import { readOracle } from '../support/faultHarness';
import { startPrivateEnv, type PrivateEnv } from '../support/privateEnv';
import { connectTestClient, planYaml } from '../support/syncHarness';
import { connectTestCluster, createTestNamespace, type TestCluster } from '../support/testCluster';
import { superviseWorker } from '../support/workerProcess';
import { configMapYaml, documents, jobYaml } from '../integration/sync/syncTestKit';

jest.setTimeout(10 * 60_000);
const SYNC = documents(jobYaml('db-migrate', { hook: 'PreSync', runFor: '6s' }), configMapYaml(), jobYaml('smoke-test', { hook: 'PostSync', runFor: '2s' }));
const HOOKS = ['db-migrate', 'smoke-test'];
/** How long a killed service stays away: long enough for its peers to notice it is gone. */
const OUTAGE_MS = 5_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let env: PrivateEnv;
let cluster: TestCluster;
let client: Client;

beforeAll(async () => {
  env = startPrivateEnv('tcluster', 'cluster');
  cluster = connectTestCluster();
  client = await connectTestClient();
});
afterAll(async () => {
  await client?.connection.close();
  env?.delete();
});

/** Runs the sync; `fault` strikes once the PreSync hook's Job runs, and returns when the server is back. */
async function syncWith(app: string, fault: () => Promise<void>): Promise<{ report: SyncReport; namespace: string }> {
  env.untilRunsPods();
  const namespace = await createTestNamespace(cluster, app);
  const supervisor = superviseWorker(`${app}-workers`);
  try {
    await supervisor.ready();
    const planned = await planYaml(SYNC, namespace);
    const handle = await startSync(client, { syncId: planned.syncId, app, cluster: `${app}-workers`, plan: planned.plan });
    await eventually(async () => {
      const job = await cluster.batch.readNamespacedJob({ namespace, name: 'db-migrate' });
      expect(job.status?.active).toBe(1);
    });
    await fault();
    const report = await eventually(() => followSync(handle, () => undefined), { timeoutMs: 5 * 60_000, intervalMs: 1000 });
    return { report, namespace };
  } finally {
    await supervisor.stop();
  }
}

async function expectCompletedOnce({ report, namespace }: { report: SyncReport; namespace: string }): Promise<void> {
  expect(report.phase).toBe('Succeeded');
  const oracle = await readOracle(cluster, namespace, HOOKS, HOOKS);
  expect(oracle).toEqual({ creates: { 'db-migrate': [201], 'smoke-test': [201] }, jobUids: { 'db-migrate': 1, 'smoke-test': 1 }, finalizersLeft: [] });
}

test('the history service SIGKILLed mid-sync and started again: the sync completes, no hook twice', async () => {
  let killedPid = 0;
  const outcome = await syncWith('tc-history-kill', async () => {
    const killed = env.killTemporalService('history');
    killedPid = killed.pid;
    await sleep(OUTAGE_MS);
    killed.restart();
  });
  await expectCompletedOnce(outcome);
  expect(env.temporalServicePid('history')).not.toBe(killedPid);
});

test('the matching service restarted mid-sync: the sync completes, no hook twice', async () => {
  let killedPid = 0;
  const outcome = await syncWith('tc-matching-restart', async () => {
    const killed = env.killTemporalService('matching');
    killedPid = killed.pid;
    killed.restart();
  });
  await expectCompletedOnce(outcome);
  expect(env.temporalServicePid('matching')).not.toBe(killedPid);
});

test('PostgreSQL restarted mid-sync: the sync completes, no hook twice', async () => {
  let pids = { before: 0, after: 0 };
  const outcome = await syncWith('tc-postgres-restart', async () => {
    pids = env.restartPostgres();
  });
  await expectCompletedOnce(outcome);
  expect(pids.after).not.toBe(pids.before);
});
