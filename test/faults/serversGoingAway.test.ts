// Servers going away mid-sync (issue 5 point 3; catalogue C7, C8, C10, N4): the Temporal dev
// server SIGKILLed and started again on its database 5 s and 75 s later, the kube-apiserver
// SIGKILLed and started again 20 s later, etcd frozen (SIGSTOP) for 20 s. Each happens on a private environment, while a
// PreSync hook runs; a supervised worker does the sync. It must end Succeeded, with every hook
// created exactly once, and the history must show the fault was felt (an activity ran again, or
// the worker had to be replaced). Recovery seconds against an undisturbed run go to the README.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { followSync, startSync, type SyncReport } from '../../client/syncClient';
import { eventually } from '../support/eventually';
import { activityRuns, readOracle } from '../support/faultHarness';
import { runDir } from '../support/paths';
import { startPrivateEnv, type PrivateEnv } from '../support/privateEnv';
import { connectTestClient, planYaml } from '../support/syncHarness';
import { connectTestCluster, createTestNamespace, type TestCluster } from '../support/testCluster';
import { superviseWorker } from '../support/workerProcess';
import { configMapYaml, documents, jobYaml } from '../integration/sync/syncTestKit';

jest.setTimeout(10 * 60_000);
const SYNC = documents(jobYaml('db-migrate', { hook: 'PreSync', runFor: '6s' }), configMapYaml(), jobYaml('smoke-test', { hook: 'PostSync', runFor: '2s' }));
const HOOKS = ['db-migrate', 'smoke-test'];
const OUTAGE_MS = 20_000;
/** Longer than the minute after which a worker may give up polling (catalogue C8). */
const LONG_OUTAGE_MS = 75_000;
/** In the shared run directory: the private environment's own is deleted at the end. */
const RESULTS_FILE = join(runDir(), 'server-faults.json');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let env: PrivateEnv;
let cluster: TestCluster;
let client: Client;
let baselineSeconds = 0;
const measured: Record<string, unknown> = {};

beforeAll(async () => {
  env = startPrivateEnv('faults');
  cluster = connectTestCluster();
  client = await connectTestClient();
  baselineSeconds = (await syncWith('baseline', async () => undefined)).seconds;
});
afterAll(async () => {
  await client?.connection.close();
  writeFileSync(RESULTS_FILE, `${JSON.stringify({ baselineSeconds, ...measured }, null, 2)}\n`);
  env?.delete();
});

interface Outcome {
  report: SyncReport;
  seconds: number;
  workerExits: string[];
  maxAttempts: number;
  /**
   * Attempts of the wait for the PreSync hook, the activity the fault struck: on a loaded machine
   * another activity may have been retried for reasons of its own, which proves nothing.
   */
  hookWaitAttempts: number;
  /** When the PreSync hook's wait completed (Temporal's clock, the machine's too). */
  hookWaitCompletedAt: number;
  namespace: string;
  /** `type summary: attempts, seconds` per activity, to see where a recovery spent its time. */
  activities: string[];
}

/** Runs the sync; `fault` strikes once the PreSync hook is running, and returns when the server is back. */
async function syncWith(app: string, fault: () => Promise<void>): Promise<Outcome> {
  // Each test starts on a cluster that has recovered from the one before.
  env.untilRunsPods();
  const namespace = await createTestNamespace(cluster, app);
  const clusterName = `${app}-workers`;
  const supervisor = superviseWorker(clusterName);
  try {
    // The sync's clock (and the wait for its hook below) starts once a worker can take it on.
    await supervisor.ready();
    const planned = await planYaml(SYNC, namespace);
    const startedAt = Date.now();
    const handle = await startSync(client, { syncId: planned.syncId, app, cluster: clusterName, plan: planned.plan });
    await eventually(async () => {
      const job = await cluster.batch.readNamespacedJob({ namespace, name: 'db-migrate' });
      expect(job.status?.active).toBe(1);
    });
    await fault();
    // The client's own calls fail while Temporal is away; following starts once it is back.
    const report = await eventually(() => followSync(handle, () => undefined), { timeoutMs: 5 * 60_000, intervalMs: 1000 });
    const runs = await activityRuns(handle);
    const maxAttempts = Math.max(...runs.map((a) => a.attempts));
    const hookWait = runs.find((a) => a.type === 'awaitGroup' && a.summary.includes('db-migrate'));
    const activities = runs.map((a) => `${a.summary}: attempt ${a.attempts}, ${a.seconds} s`);
    return { report, seconds: (Date.now() - startedAt) / 1000, workerExits: [...supervisor.exits], maxAttempts, hookWaitAttempts: hookWait?.attempts ?? 0, hookWaitCompletedAt: hookWait?.completedAt ?? 0, namespace, activities };
  } finally {
    await supervisor.stop();
  }
}

async function expectCompletedOnce(outcome: Outcome, name: string): Promise<void> {
  expect(outcome.report.phase).toBe('Succeeded');
  const oracle = await readOracle(cluster, outcome.namespace, HOOKS, HOOKS);
  expect(oracle).toEqual({ creates: { 'db-migrate': [201], 'smoke-test': [201] }, jobUids: { 'db-migrate': 1, 'smoke-test': 1 }, finalizersLeft: [] });
  measured[name] = { seconds: outcome.seconds, recoverySeconds: outcome.seconds - baselineSeconds, maxActivityAttempts: outcome.maxAttempts, workerExits: outcome.workerExits, activities: outcome.activities };
  console.log(`${name}: sync took ${outcome.seconds} s against ${baselineSeconds} s undisturbed; activity attempts up to ${outcome.maxAttempts}; worker exits ${JSON.stringify(outcome.workerExits)}`);
}

test('C7 the Temporal dev server SIGKILLed mid-sync and restarted on its database: the sync completes, no hook twice', async () => {
  let killedPid = 0;
  const outcome = await syncWith('temporal-restart', async () => {
    const killed = env.killTemporal();
    killedPid = killed.pid;
    await sleep(5_000);
    killed.restart();
  });
  await expectCompletedOnce(outcome, 'temporalKilled5s');
  // The fault fired: a new server process served the rest of the sync.
  expect(env.temporalPid()).not.toBe(killedPid);
});

test('C8 the Temporal dev server away for 75 s: the worker recovers or exits and is replaced; the sync completes, no hook twice', async () => {
  let killedPid = 0;
  const outcome = await syncWith('temporal-away', async () => {
    const killed = env.killTemporal();
    killedPid = killed.pid;
    await sleep(LONG_OUTAGE_MS);
    killed.restart();
  });
  await expectCompletedOnce(outcome, 'temporalKilled75s');
  expect(env.temporalPid()).not.toBe(killedPid);
});

test('C10 the kube-apiserver SIGKILLed mid-wait and restarted 20 s later: activities retry, the sync completes, no hook twice', async () => {
  const outcome = await syncWith('apiserver-restart', async () => {
    const killed = env.killComponent('kube-apiserver');
    await sleep(OUTAGE_MS);
    killed.restart();
  });
  await expectCompletedOnce(outcome, 'apiserverKilled20s');
  // The fault was felt: the wait that was running could not read the Job and ran again.
  expect(outcome.hookWaitAttempts).toBeGreaterThanOrEqual(2);
});

test('N4 etcd frozen for 20 s: the hook\'s wait is held up until etcd is back, the sync completes, no hook twice', async () => {
  let resumingAt = 0;
  const outcome = await syncWith('etcd-stop', async () => {
    const paused = env.pauseComponent('etcd');
    await sleep(OUTAGE_MS);
    resumingAt = Date.now();
    paused.resume();
  });
  await expectCompletedOnce(outcome, 'etcdStopped20s');
  // The fault was felt: the Job could not finish while nothing could be written, so the wait that
  // was running when etcd froze ended after it came back. Whether one of its reads was caught in
  // the freeze (it then times out after 10 s and the wait runs again) depends on when its next
  // read fell; the log line above gives the attempts.
  expect(outcome.hookWaitCompletedAt).toBeGreaterThan(resumingAt);
});
