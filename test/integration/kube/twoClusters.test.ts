// Two real Kubernetes clusters (issue 14 item 2): the embedded KWOK cluster and a second one with
// its own etcd and apiserver (dev/kube-cluster.sh). One worker per cluster, each started with only
// its own kubeconfig; two syncs run at once, routed by --cluster. Each cluster gets its own
// objects, every task of a sync ran on that cluster's worker, and neither history holds a byte of
// either cluster's kubeconfig, key, certificate or CA, as stored or decoded through the codec.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { followSync, startSync, type SyncReport } from '../../../client/syncClient';
import { base64Variants } from '../../support/canary';
import { repoRoot } from '../../support/paths';
import { connectTestClient, planYaml } from '../../support/syncHarness';
import { showHistory } from '../../support/temporalCli';
import { readEnvFile, readTestEnv } from '../../support/testEnv';
import { connectTestCluster, type TestCluster } from '../../support/testCluster';
import { killWorker, startWorkerProcess, type WorkerProcess } from '../../support/workerProcess';
import { documents, jobYaml } from '../sync/syncTestKit';

jest.setTimeout(5 * 60_000);

/** Per checkout, so two checkouts testing at once do not share the second cluster. */
const SECOND = `hooksync-two-${createHash('sha256').update(repoRoot).digest('hex').slice(0, 6)}`;
const run = randomBytes(3).toString('hex');
const NAMESPACE = `two-clusters-${run}`;

interface Target {
  name: 'a' | 'b';
  clusterName: string;
  kubeconfig: string;
  cluster: TestCluster;
  worker?: WorkerProcess;
  report?: SyncReport;
  workflowId?: string;
  runId?: string;
}

const targets: Target[] = [];
let client: Client;

const manifests = (target: Target) => documents(jobYaml('db-migrate', { hook: 'PreSync' }), `
apiVersion: v1
kind: ConfigMap
metadata:
  name: where
data:
  cluster: synced-to-${target.name}-${run}
`);

beforeAll(async () => {
  const second = execFileSync('bash', [join(repoRoot, 'dev', 'kube-cluster.sh'), 'start', SECOND], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  for (const [name, kubeconfig] of [['a', readTestEnv().kubeconfigPath], ['b', second]] as const) {
    const target: Target = { name, clusterName: `two-${name}-${run}`, kubeconfig, cluster: connectTestCluster(kubeconfig) };
    await target.cluster.core.createNamespace({ body: { metadata: { name: NAMESPACE, labels: { 'hooksync.io/test': 'true' } } } });
    target.worker = startWorkerProcess(target.clusterName, {}, { kubeconfig });
    targets.push(target);
  }
  client = await connectTestClient();
  await Promise.all(targets.map((t) => t.worker?.ready));
  // Both syncs at once, each routed to its cluster's task queue by its cluster name.
  await Promise.all(targets.map(async (target) => {
    const planned = await planYaml(manifests(target), NAMESPACE);
    const handle = await startSync(client, { syncId: planned.syncId, app: 'two-clusters', cluster: target.clusterName, plan: planned.plan });
    target.report = await followSync(handle, () => undefined);
    target.workflowId = handle.workflowId;
    target.runId = (await handle.describe()).runId;
  }));
});

afterAll(async () => {
  for (const t of targets) {
    if (t.worker) await killWorker(t.worker);
    await t.cluster.core.deleteNamespace({ name: NAMESPACE }).catch(() => undefined);
  }
  await client?.connection.close();
  execFileSync('bash', [join(repoRoot, 'dev', 'kube-cluster.sh'), 'delete', SECOND], { stdio: 'inherit' });
});

test('the two clusters are different API servers', () => {
  const servers = targets.map((t) => t.cluster.kc.getCurrentCluster()?.server);
  expect(new Set(servers).size).toBe(2);
});

test('each sync succeeded and wrote its objects to its own cluster only', async () => {
  for (const t of targets) {
    expect({ target: t.name, phase: t.report?.phase }).toEqual({ target: t.name, phase: 'Succeeded' });
    const cm = await t.cluster.core.readNamespacedConfigMap({ namespace: NAMESPACE, name: 'where' });
    expect(cm.data?.cluster).toBe(`synced-to-${t.name}-${run}`);
    const jobs = (await t.cluster.batch.listNamespacedJob({ namespace: NAMESPACE })).items;
    expect(jobs.length).toBe(1);
  }
});

test('every workflow and activity task of a sync ran on its own cluster\'s worker', async () => {
  for (const t of targets) {
    const events = (await client.workflow.getHandle(t.workflowId ?? '', t.runId).fetchHistory()).events ?? [];
    const identities = events.flatMap((e) => [e.activityTaskStartedEventAttributes?.identity, e.workflowTaskStartedEventAttributes?.identity]).filter((i): i is string => !!i);
    // Three activities at least (apply and wait of the hook, apply of the ConfigMap) and the workflow tasks between.
    expect(identities.length).toBeGreaterThan(4);
    const own = `${t.worker?.child.pid}@`;
    expect({ target: t.name, foreign: identities.filter((i) => !i.startsWith(own)) }).toEqual({ target: t.name, foreign: [] });
  }
});

/** Every form a credential can take in a history: each file whole, each PEM body line, and their base64 at any alignment. */
function credentialForms(kubeconfigPath: string): string[] {
  const kubeconfig = readFileSync(kubeconfigPath, 'utf8');
  const files = [...kubeconfig.matchAll(/(?:certificate-authority|client-certificate|client-key): (\S+)/g)].map((m) => readFileSync(m[1], 'utf8'));
  expect(files.length).toBe(3);
  const texts = [kubeconfig, ...files];
  const bodyLines = files.flatMap((pem) => pem.split('\n').filter((line) => line.length >= 40 && !line.startsWith('-----')));
  // A decoded payload prints as base64 of its JSON, where a PEM's newlines are escaped: its lines
  // are searched one by one as well as whole.
  const plain = [kubeconfigPath, ...texts, ...bodyLines];
  return [...new Set([...plain, ...plain.flatMap(base64Variants)])];
}

test('neither history holds a byte of either cluster\'s kubeconfig, key, certificate or CA, as stored or decoded', () => {
  const env = readEnvFile();
  const token = readFileSync(env.get('HOOKSYNC_CODEC_TOKEN_FILE') ?? '', 'utf8').trim();
  const forms = targets.flatMap((t) => credentialForms(t.kubeconfig));
  for (const t of targets) {
    const stored = showHistory(t.workflowId ?? '', t.runId ?? '');
    const decoded = showHistory(t.workflowId ?? '', t.runId ?? '', ['--codec-endpoint', env.get('HOOKSYNC_CODEC_ENDPOINT') ?? '', '--codec-auth', `Bearer ${token}`]);
    // Positive control: the decoded history shows what the sync carried, so the scan sees payloads.
    expect(base64Variants(`synced-to-${t.name}-${run}`).some((form) => decoded.includes(form))).toBe(true);
    for (const [view, text] of [['stored', stored], ['decoded', decoded]] as const) {
      const found = forms.filter((f) => text.includes(f)).map((f) => f.slice(0, 24));
      expect({ target: t.name, view, found }).toEqual({ target: t.name, view, found: [] });
    }
  }
});
