// S1, S2, S3 (reliability notes): a canary in a Secret (stringData as written, data in base64)
// goes through a full sync, a sync the API server rejects, and a sync over a Secret another field
// manager and another app hold. Afterwards it is found nowhere: not in the Temporal history as
// stored, not in the dev server's SQLite file, not in worker or CLI output. Every payload in those
// histories is encrypted. Positive controls prove the scans can find it: the history decoded
// through the codec server shows it, and a payload written without the codec shows up in SQLite.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubernetesObjectApi, PatchStrategy } from '@kubernetes/client-node';
import { Client, Connection } from '@temporalio/client';
import { findCanary, findCanaryInFiles, newCanary } from '../../support/canary';
import { startCodecServer, type CodecServerProcess } from '../../support/codecServerProcess';
import { eventually } from '../../support/eventually';
import { runDir } from '../../support/paths';
import { runCli } from '../../support/runCli';
import { showHistory } from '../../support/temporalCli';
import { readTestEnv } from '../../support/testEnv';
import { connectTestCluster, createTestNamespace, deleteTestNamespace, type TestCluster } from '../../support/testCluster';
import { startWorkerProcess, killWorker, type WorkerProcess } from '../../support/workerProcess';
import { syncWorkflowId } from '../../../workflows/messages';
import { TRACKING_ANNOTATION, trackingId } from '../../../sync/stamp';
import { plaintextPayloads } from '../../support/historyPayloads';

const canary = newCanary();
const clusterName = `canary-${Date.now().toString(36)}`;
const dir = mkdtempSync(join(tmpdir(), 'hooksync-canary-'));
let cluster: TestCluster;
let ns: string;
let worker: WorkerProcess;
let codecServer: CodecServerProcess;
const cliOutput: string[] = [];
const runs: Array<{ app: string; workflowId: string; runId: string; phase: string }> = [];

const secret = (name: string, extra = '') => `
apiVersion: v1
kind: Secret
metadata:
  name: ${name}
${extra}stringData:
  password: ${canary.plain}
data:
  token: ${Buffer.from(canary.data).toString('base64')}
`;

const hook = `
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
  annotations:
    argocd.argoproj.io/hook: PreSync
    argocd.argoproj.io/hook-delete-policy: HookSucceeded
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers: [{ name: m, image: migrate:1, env: [{ name: P, valueFrom: { secretKeyRef: { name: db, key: password } } }] }]
`;

beforeAll(async () => {
  cluster = connectTestCluster();
  ns = await createTestNamespace(cluster, 'canary');
  worker = startWorkerProcess(clusterName);
  await worker.ready;
  codecServer = await startCodecServer();
});

afterAll(async () => {
  await killWorker(worker);
  await codecServer.stop();
  await deleteTestNamespace(cluster, ns);
});

/** `hooksync sync` through the CLI, its output kept for the scan; returns the run it started. */
async function cliSync(app: string, yaml: string) {
  const file = join(dir, `${app}.yaml`);
  writeFileSync(file, yaml);
  process.env.HOOKSYNC_CLUSTER = clusterName;
  try {
    const result = await runCli('sync', '-f', file, '--app', app, '-n', ns, '--kubeconfig', readTestEnv().kubeconfigPath);
    cliOutput.push(result.stdout, result.stderr);
    const json = await runCli('sync', '-f', file, '--app', `${app}-json`, '-n', ns, '--kubeconfig', readTestEnv().kubeconfigPath, '-o', 'json');
    cliOutput.push(json.stdout, json.stderr);
    const status = await runCli('list', '--app', app);
    cliOutput.push(status.stdout, status.stderr);
    const workflowId = syncWorkflowId(clusterName, app);
    const runId = /workflows\/[^/]+\/([0-9a-f-]+)\/history/.exec(result.stdout)?.[1]
      ?? (await connectedDescribe(workflowId));
    const phase = /\n(Succeeded|Failed|Error): /.exec(result.stdout)?.[1] ?? 'unknown';
    runs.push({ app, workflowId, runId, phase });
    return { result, phase };
  } finally {
    delete process.env.HOOKSYNC_CLUSTER;
  }
}

async function connectedDescribe(workflowId: string): Promise<string> {
  const connection = await Connection.connect({ address: readTestEnv().temporalAddress });
  try {
    return (await new Client({ connection }).workflow.getHandle(workflowId).describe()).runId;
  } finally {
    await connection.close();
  }
}

test('S1: a full sync with hooks succeeds', async () => {
  const { phase } = await cliSync('full', [secret('db'), hook].join('\n---\n'));
  expect(phase).toBe('Succeeded');
  const live = await cluster.core.readNamespacedSecret({ namespace: ns, name: 'db' });
  // The Secret really holds the canary: the scans below look for a value that did travel.
  expect(Buffer.from(live.data!.password, 'base64').toString()).toBe(canary.plain);
});

test('S2: the API server rejects the Secret (422 invalid key); the sync fails', async () => {
  const invalid = secret('rejected').replace('  password:', '  "bad key!":');
  const { phase, result } = await cliSync('rejected', invalid);
  expect(phase).toBe('Failed');
  expect(result.stdout).toMatch(/Invalid: data\[bad key!\]/);
});

test('S2: Secrets held by another field manager and another app', async () => {
  const objects = KubernetesObjectApi.makeApiClient(cluster.kc);
  const other = (name: string, annotations: Record<string, string> = {}) => ({
    apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: ns, annotations },
    data: { password: Buffer.from(`${canary.plain}-old`).toString('base64') },
  });
  await objects.patch(other('shared'), undefined, undefined, 'someone-else', true, PatchStrategy.ServerSideApply);
  const taken = other('taken');
  await objects.create(other('taken', { [TRACKING_ANNOTATION]: trackingId('other-app', taken) }));
  const { phase, result } = await cliSync('conflict', [secret('shared'), secret('taken')].join('\n---\n'));
  expect(phase).toBe('Failed');
  expect(result.stdout).toMatch(/belongs to app "other-app"/);
});

describe('afterwards', () => {
  test('the histories as stored hold no canary, and every payload is encrypted (S3)', () => {
    expect(runs.length).toBe(3);
    for (const run of runs) {
      const raw = showHistory(run.workflowId, run.runId);
      expect({ run: run.app, found: findCanary(canary, raw) }).toEqual({ run: run.app, found: {} });
      const { plaintext, total } = plaintextPayloads(JSON.parse(raw));
      expect(total).toBeGreaterThan(3);
      expect({ run: run.app, plaintext }).toEqual({ run: run.app, plaintext: [] });
    }
  });

  test('positive control: the codec server with the token decodes the same history, canary included', () => {
    const run = runs[0];
    const decoded = showHistory(run.workflowId, run.runId, ['--codec-endpoint', codecServer.url, '--codec-auth', `Bearer ${codecServer.token}`]);
    expect(Object.keys(findCanary(canary, decoded)).length).toBeGreaterThan(0);
  });

  test('the dev server SQLite file and its WAL hold no canary', async () => {
    // Positive control first: a payload written without the codec does reach the files we scan.
    const control = newCanary();
    const connection = await Connection.connect({ address: readTestEnv().temporalAddress });
    const plainClient = new Client({ connection });
    const handle = await plainClient.workflow.start('noSuchWorkflow', { taskQueue: `canary-control-${clusterName}`, workflowId: `canary-control-${clusterName}`, args: [control.plain] });
    const files = [join(runDir(), 'temporal.db'), join(runDir(), 'temporal.db-wal')];
    try {
      await eventually(() => {
        const found = Object.values(findCanaryInFiles(control, files)).flatMap((f) => Object.keys(f));
        expect(found.length).toBeGreaterThan(0);
      }, { intervalMs: 500 });
    } finally {
      await handle.terminate('canary control').catch(() => undefined);
      await connection.close();
    }
    expect(findCanaryInFiles(canary, files)).toEqual(Object.fromEntries(files.map((f) => [f, {}])));
  });

  test('worker and CLI output hold no canary', () => {
    expect(cliOutput.join('\n').length).toBeGreaterThan(0);
    expect(findCanary(canary, cliOutput.join('\n'))).toEqual({});
    expect(worker.output().length).toBeGreaterThan(0);
    expect(findCanary(canary, worker.output())).toEqual({});
  });

  test('no object hooksync wrote carries last-applied-configuration (S5)', async () => {
    const secrets = await cluster.core.listNamespacedSecret({ namespace: ns });
    const annotated = secrets.items.filter((s) => s.metadata?.annotations?.['kubectl.kubernetes.io/last-applied-configuration']);
    expect(annotated.map((s) => s.metadata?.name)).toEqual([]);
  });
});
