// Custom health in CEL on the real servers: a worker started as `hooksync worker --health-checks
// FILE` judges a custom resource hooksync has no rule for. The sync waits while no expression is
// true (and the next wave is not applied), ends Succeeded once `current` is, and Failed once
// `failed` is; a bad rules file keeps the worker from starting, naming file, line and rule.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ApiextensionsV1Api, CustomObjectsApi, PatchStrategy, setHeaderOptions, type KubeConfig } from '@kubernetes/client-node';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { followSync, startSync } from '../../../client/syncClient';
import { waitingReasons } from '../../../client/waitingReasons';
import { eventually } from '../../support/eventually';
import { connectTestClient, planYaml, rowOf } from '../../support/syncHarness';
import { connectTestCluster, createTestNamespace, deleteTestNamespace, type TestCluster } from '../../support/testCluster';
import { killWorker, startWorkerProcess, type WorkerProcess } from '../../support/workerProcess';
import { documents } from './syncTestKit';

const runId = randomBytes(4).toString('hex');
// A group of its own per run: a CRD deleted by the previous run may still be terminating.
const group = `r${runId}.cel.hooksync.test`;
const plural = 'celgadgets';
const crdName = `${plural}.${group}`;
const clusterName = `cel-${runId}`;
const dir = mkdtempSync(join(tmpdir(), 'cel-health-'));
const rulesFile = join(dir, 'health-checks.yaml');
// Line 1 is a comment, so the rule starts on line 2: the messages name it so.
writeFileSync(rulesFile, `# CelGadget: judged by status.phase, once the controller has seen the latest spec
- apiVersion: ${group}/v1
  kind: CelGadget
  inProgress: has(status.phase) && status.?observedGeneration.orValue(0) < metadata.generation
  failed: status.?phase.orValue('') == 'Failed'
  current: status.?phase.orValue('') == 'Ready'
`);

let cluster: TestCluster;
let client: Client;
let worker: WorkerProcess;
const namespaces: string[] = [];
/** Syncs started here: one still running after a failed test is ended, since its worker is gone. */
const started: WorkflowHandle[] = [];

beforeAll(async () => {
  cluster = connectTestCluster();
  await registerCrd(cluster.kc);
  worker = startWorkerProcess(clusterName, {}, { args: ['--health-checks', rulesFile] });
  client = await connectTestClient();
  await worker.ready;
});

afterAll(async () => {
  for (const handle of started) await handle.terminate('test file done').catch(() => undefined); // most have ended
  if (worker) await killWorker(worker);
  for (const ns of namespaces) await releaseGadgets(ns);
  for (const ns of namespaces) await deleteTestNamespace(cluster, ns);
  await cluster.kc.makeApiClient(ApiextensionsV1Api).deleteCustomResourceDefinition({ name: crdName }).catch(() => undefined);
  await client?.connection.close();
});

const gadgetYaml = (name: string) => `
apiVersion: ${group}/v1
kind: CelGadget
metadata:
  name: ${name}
spec:
  size: 3
`;

const nextWaveYaml = `
apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
  annotations: { argocd.argoproj.io/sync-wave: "1" }
data: { mode: new }
`;

/** A CelGadget in wave 0, a ConfigMap in wave 1: the ConfigMap waits for the gadget's health. */
async function startGadgetSync(app: string, gadget: string) {
  const ns = await createTestNamespace(cluster, app);
  namespaces.push(ns);
  const yaml = documents(gadgetYaml(gadget), nextWaveYaml);
  const planned = await planYaml(yaml, ns);
  expect(planned.problems).toEqual([]);
  const handle = await startSync(client, { syncId: planned.syncId, app, cluster: clusterName, plan: planned.plan });
  started.push(handle);
  return { ns, handle };
}

/** What the sync's wait says now (its heartbeat), as `hooksync sync` shows it. */
async function reasonsOf(handle: WorkflowHandle): Promise<string[]> {
  return (await waitingReasons(handle)).map((r) => r.reason);
}

/** What the gadget's controller would write, through the status subresource. */
async function writeStatus(ns: string, name: string, status: Record<string, unknown>): Promise<void> {
  await cluster.kc.makeApiClient(CustomObjectsApi).patchNamespacedCustomObjectStatus(
    { group, version: 'v1', namespace: ns, plural, name, body: { status } },
    setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
  );
}

test('worker --health-checks: the sync waits on a custom kind until its current expression is true', async () => {
  const { ns, handle } = await startGadgetSync('cel-healthy', 'gizmo');
  // No status yet: no expression is true, so the gadget is Progressing and wave 1 is not applied.
  await eventually(async () => {
    expect(await reasonsOf(handle)).toEqual([`Progressing: Waiting for one of the expressions of the health check at ${rulesFile}:2 to be true`]);
  });
  // Ready, but for an older generation: inProgress comes first, and says so.
  await writeStatus(ns, 'gizmo', { phase: 'Ready', observedGeneration: 0 });
  await eventually(async () => {
    expect(await reasonsOf(handle)).toEqual([`Progressing: inProgress is true (health check at ${rulesFile}:2)`]);
  });
  await expect(cluster.core.readNamespacedConfigMap({ namespace: ns, name: 'app-config' })).rejects.toMatchObject({ code: 404 });

  await writeStatus(ns, 'gizmo', { phase: 'Ready', observedGeneration: 1 });
  const report = await followSync(handle, () => undefined);

  expect(report.phase).toBe('Succeeded');
  expect(rowOf(report, 'CelGadget', 'gizmo')).toMatchObject({ status: 'Synced', health: 'Healthy', message: `current is true (health check at ${rulesFile}:2)` });
  expect(rowOf(report, 'ConfigMap', 'app-config')).toMatchObject({ status: 'Synced' });
});

test('worker --health-checks: a custom kind whose failed expression turns true fails the sync', async () => {
  const { ns, handle } = await startGadgetSync('cel-failed', 'broken');
  await eventually(async () => {
    expect(await reasonsOf(handle)).toEqual([`Progressing: Waiting for one of the expressions of the health check at ${rulesFile}:2 to be true`]);
  });

  await writeStatus(ns, 'broken', { phase: 'Failed', observedGeneration: 1 });
  const report = await followSync(handle, () => undefined);

  expect(report.phase).toBe('Failed');
  expect(rowOf(report, 'CelGadget', 'broken')).toMatchObject({ health: 'Degraded', message: `failed is true (health check at ${rulesFile}:2)` });
  expect(report.resources.some((r) => r.kind === 'ConfigMap' && r.status === 'Synced')).toBe(false);
});

test('worker --health-checks: a PreSync hook of a custom kind runs until its current expression is true', async () => {
  const ns = await createTestNamespace(cluster, 'cel-hook');
  namespaces.push(ns);
  const hookYaml = gadgetYaml('preflight').replace('metadata:\n', 'metadata:\n  annotations: { argocd.argoproj.io/hook: PreSync }\n');
  const planned = await planYaml(documents(hookYaml, nextWaveYaml), ns);
  expect(planned.problems).toEqual([]);
  const handle = await startSync(client, { syncId: planned.syncId, app: 'cel-hook', cluster: clusterName, plan: planned.plan });
  started.push(handle);
  // Without the rule a hook of a kind with no health check would be done once created. A hook's
  // waiting reason carries no health status, only the rule's words.
  await eventually(async () => {
    expect(await reasonsOf(handle)).toEqual([`Waiting for one of the expressions of the health check at ${rulesFile}:2 to be true`]);
  });

  await writeStatus(ns, 'preflight', { phase: 'Ready', observedGeneration: 1 });
  const report = await followSync(handle, () => undefined);

  expect(report.phase).toBe('Succeeded');
  expect(rowOf(report, 'CelGadget', 'preflight')).toMatchObject({ syncPhase: 'PreSync', hookPhase: 'Succeeded', message: `current is true (health check at ${rulesFile}:2)` });
  expect(rowOf(report, 'ConfigMap', 'app-config')).toMatchObject({ status: 'Synced' });
});

test('a worker given a bad rules file does not start, and says where the problem is', async () => {
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, `- apiVersion: ${group}/v1\n  kind: CelGadget\n  current: status.phase ==\n`);
  const refused = startWorkerProcess(`cel-bad-${randomBytes(3).toString('hex')}`, {}, { args: ['--health-checks', bad] });
  await expect(refused.ready).rejects.toThrow(`worker exited (2) before it was ready:\nhooksync: health checks file ${bad} is refused:\n  ${bad}:3: rule 1 (${group}/CelGadget): current: Unexpected token: EOF\n`);
});

/** A test that failed mid-sync leaves our hook finalizer on its gadget, which would hold the namespace and the CRD. */
async function releaseGadgets(ns: string): Promise<void> {
  const objects = cluster.kc.makeApiClient(CustomObjectsApi);
  const list = await objects.listNamespacedCustomObject({ group, version: 'v1', namespace: ns, plural }) as { items: { metadata: { name: string; finalizers?: string[] } }[] };
  for (const item of list.items.filter((i) => i.metadata.finalizers?.length)) {
    await objects.patchNamespacedCustomObject(
      { group, version: 'v1', namespace: ns, plural, name: item.metadata.name, body: { metadata: { finalizers: null } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
  }
}

async function registerCrd(kc: KubeConfig): Promise<void> {
  const extensions = kc.makeApiClient(ApiextensionsV1Api);
  await extensions.createCustomResourceDefinition({
    body: {
      metadata: { name: crdName },
      spec: {
        group,
        scope: 'Namespaced',
        names: { plural, singular: 'celgadget', kind: 'CelGadget', listKind: 'CelGadgetList' },
        versions: [{
          name: 'v1', served: true, storage: true, subresources: { status: {} },
          schema: { openAPIV3Schema: { type: 'object', properties: {
            spec: { type: 'object', properties: { size: { type: 'integer' } } },
            status: { type: 'object', x_kubernetes_preserve_unknown_fields: true },
          } } },
        }],
      },
    },
  });
  await eventually(async () => {
    const crd = await extensions.readCustomResourceDefinition({ name: crdName });
    expect(crd.status?.conditions?.find((c) => c.type === 'Established')?.status).toBe('True');
  });
}
