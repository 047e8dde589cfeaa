// Runs real syncs in integration tests: a sync worker on the real Temporal server, built from the
// workflow bundle made once in global set-up, acting on the KWOK cluster. Each test file gets its
// own cluster name, so its own task queue and workflow ids; each test its own namespace.
import { randomBytes } from 'node:crypto';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Client } from '@temporalio/client';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import { planFromFiles } from '../../client/planFromFiles';
import { connectClient, followSync, newSyncId, startSync, type SyncReport } from '../../client/syncClient';
import type { SyncResult } from '../../sync/syncRun';
import type { CustomHealthChecks } from '../../sync/health/customHealth';
import type { SyncPlan } from '../../sync/types';
import { createSyncWorker } from '../../worker/runWorker';
import { connectTestCluster, type TestCluster } from './testCluster';
import { readTestEnv } from './testEnv';
import {
  applySuiteRbac, grantExtraRules, suiteServiceAccountConfig, workerRbacRequested, type PolicyRule,
} from './workerServiceAccount';

export interface SyncHarness {
  cluster: TestCluster;
  clusterName: string;
  client: Client;
  worker: Worker;
  stop(): Promise<void>;
}

let runtimeInstalled = false;

/** A ServiceAccount with the worker's documented roles, or with HOOKSYNC_TEST_WORKER_RBAC=0 the cluster admin. */
async function defaultWorkerConfig(cluster: TestCluster): Promise<KubeConfig> {
  if (!workerRbacRequested()) return cluster.kc;
  await applySuiteRbac(cluster);
  return suiteServiceAccountConfig(cluster);
}

export interface HarnessOptions {
  /** The worker's credentials, when a test needs other than the default ones. */
  kc?: KubeConfig;
  /**
   * Rules for kinds the file's manifests hold beyond the documented worker role (Pods, custom
   * resources): granted to the worker's ServiceAccount when it runs as one, as the RBAC file says.
   */
  workerRules?: PolicyRule[];
  /** The worker's custom health rules, as `hooksync worker --health-checks FILE` gives them. */
  healthChecks?: CustomHealthChecks;
}

export async function startSyncHarness({ kc, workerRules = [], healthChecks }: HarnessOptions = {}): Promise<SyncHarness> {
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  const env = readTestEnv();
  const cluster = connectTestCluster();
  const clusterName = `test-${randomBytes(4).toString('hex')}`;
  const revoke = !kc && workerRbacRequested() && workerRules.length > 0
    ? await grantExtraRules(cluster, `hooksync-worker-extra-${clusterName}`, workerRules)
    : async () => undefined;
  const temporal = { address: env.temporalAddress, namespace: env.temporalNamespace };
  const worker = await createSyncWorker({
    temporal,
    kube: { kc: kc ?? (await defaultWorkerConfig(cluster)), cluster: clusterName, namespace: 'default' },
    workflowBundlePath: process.env.HOOKSYNC_TEST_SYNC_BUNDLE,
    healthChecks,
  });
  const running = worker.run();
  const client = await connectClient(temporal);
  return {
    cluster, clusterName, client, worker,
    async stop() {
      worker.shutdown();
      await running;
      await client.connection.close();
      await revoke();
    },
  };
}

/** A Temporal client of the environment the tests run against (the one dev/start.sh wrote down). */
export function connectTestClient(): Promise<Client> {
  const env = readTestEnv();
  return connectClient({ address: env.temporalAddress, namespace: env.temporalNamespace });
}

export interface PlannedYaml {
  plan: SyncPlan;
  problems: string[];
  syncId: string;
}

/** Plans manifests given as YAML text, the way `hooksync sync -f -` reads stdin. */
export async function planYaml(yaml: string, namespace: string, syncId = newSyncId(), createNamespace = false): Promise<PlannedYaml> {
  const planned = await planFromFiles(['-'], { syncId, attempt: 0, defaultNamespace: namespace, createNamespace }, { stdin: yaml });
  return { ...planned, syncId };
}

export interface SyncRun {
  report: SyncReport;
  /** Every state the client saw while following the sync. */
  states: SyncResult[];
}

/** Plans, starts and follows a sync to its end; fails the test on problems in the manifests. */
export interface RunSyncOptions {
  app: string;
  namespace: string;
  prune?: boolean;
  /** `--create-namespace`. */
  createNamespace?: boolean;
}

export async function runSync(h: SyncHarness, yaml: string, { app, namespace, prune = false, createNamespace = false }: RunSyncOptions): Promise<SyncRun> {
  const planned = await planYaml(yaml, namespace, newSyncId(), createNamespace);
  if (planned.problems.length > 0) throw new Error(`manifest problems:\n${planned.problems.join('\n')}`);
  const handle = await startSync(h.client, { syncId: planned.syncId, app, cluster: h.clusterName, plan: planned.plan, prune });
  const states: SyncResult[] = [];
  const report = await followSync(handle, (state) => states.push(state));
  return { report, states };
}

/** The result row of one object, by kind and name. */
export function rowOf(report: SyncResult, kind: string, name: string) {
  const row = report.resources.find((r) => r.kind === kind && r.name === name);
  if (!row) throw new Error(`no result row for ${kind} ${name}; rows: ${report.resources.map((r) => `${r.kind}/${r.name}`).join(', ')}`);
  return row;
}
