// How a sync fails (spec §6.1, §6.2, §3.5 C-a, DESIGN §6 "every applied resource must be healthy"):
// a failed PreSync hook, an apply the API server rejects, and a resource that turns Degraded. Each
// test runs a real sync in its own namespace and reads back what the API server really received.
import { hooksyncWrites } from '../../support/auditLog';
import { rowOf } from '../../support/syncHarness';
import { configMapYaml, documents, hooksyncRequests, jobYaml, syncWithin, useSyncHarness } from './syncTestKit';

// Bare Pods are outside the worker's documented role (creating one runs as any ServiceAccount):
// this file's Pod test needs the rule users add for them.
const kit = useSyncHarness({ workerRules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'watch', 'create', 'patch', 'delete', 'list'] }] });
const { namespace } = kit;

const job = jobYaml;

const syncPhaseObjects = documents(configMapYaml(), `
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector: { app: api }
  ports: [{ port: 80 }]
`);

test('§6.2 "PreSync hook Job fails" / §6.1 / C-a: the SyncFail hook runs and the Sync phase never starts', async () => {
  const ns = await namespace('presync-fail');
  const yaml = [job('migrate', { hook: 'PreSync', fail: true }), syncPhaseObjects, job('notify-fail', { hook: 'SyncFail' }), job('smoke', { hook: 'PostSync' })].join('\n---\n');

  const { report } = await syncWithin(kit.h, yaml, { app: 'presync-fail', namespace: ns });

  expect(report.phase).toBe('Failed');
  expect(report.message).toContain(`Job ${ns}/migrate`);
  expect(rowOf(report, 'Job', 'migrate')).toMatchObject({ syncPhase: 'PreSync', status: 'Synced', hookPhase: 'Failed' });
  expect(rowOf(report, 'Job', 'notify-fail')).toMatchObject({ syncPhase: 'SyncFail', hookType: 'SyncFail', hookPhase: 'Succeeded' });
  // Neither the Sync phase nor PostSync ran: no rows ...
  expect(report.resources.map((r) => `${r.kind}/${r.name}`).sort()).toEqual(['Job/migrate', 'Job/notify-fail']);

  // ... and the API server never received a write to them.
  const writes = hooksyncRequests(ns);
  const touched = new Set(writes.map((e) => `${e.resource}/${e.name}`));
  expect(touched.has('configmaps/app-config')).toBe(false);
  expect(touched.has('services/api')).toBe(false);
  expect(touched.has('jobs/smoke')).toBe(false);
  const created = hooksyncWrites(ns).filter((e) => e.verb === 'create').map((e) => `${e.resource}/${e.name}`);
  expect(created).toEqual(['jobs/migrate', 'jobs/notify-fail']);
  // The failed Job stays for inspection (default policy BeforeHookCreation), without our finalizer.
  const migrate = await kit.h.cluster.batch.readNamespacedJob({ namespace: ns, name: 'migrate' });
  expect(migrate.metadata?.finalizers ?? []).not.toContain('hooksync.io/hook-finalizer');
});

const deployment = (spec: string) => `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
${spec}
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers: [{ name: api, image: api:1 }]
`;

test('§6.2 / §3.5 step 2: a misspelled field (spec.replicass) fails the dry run, naming object and field, before anything runs', async () => {
  const ns = await namespace('apply-typo');
  const yaml = [deployment('  replicass: 2'), job('notify-fail', { hook: 'SyncFail' }), job('smoke', { hook: 'PostSync' })].join('\n---\n');

  const { report } = await syncWithin(kit.h, yaml, { app: 'apply-typo', namespace: ns });

  expect(report.phase).toBe('Failed');
  expect(report.message).toContain(`Deployment ${ns}/api`);
  expect(report.message).toContain('replicass');
  const row = rowOf(report, 'Deployment', 'api');
  expect(row.status).toBe('SyncFailed');
  expect(row.message).toContain('replicass');
  // Refused by the dry run: no SyncFail hook runs (§6.1: not after a dry-run failure), no PostSync.
  expect(report.message).toMatch(/^one or more objects failed to apply \(dry run\)/);
  expect(report.resources.map((r) => r.name)).toEqual(['api']);
  await expect(kit.h.cluster.apps.readNamespacedDeployment({ namespace: ns, name: 'api' })).rejects.toMatchObject({ code: 404 });
});

test('§6.2 "apply of a normal resource fails": a field of the wrong type (spec.replicas: "two") fails the sync naming object and field', async () => {
  const ns = await namespace('apply-type');
  const { report } = await syncWithin(kit.h, deployment('  replicas: "two"'), { app: 'apply-type', namespace: ns });

  expect(report.phase).toBe('Failed');
  expect(report.message).toContain(`Deployment ${ns}/api`);
  expect(report.message).toContain('replicas');
  expect(rowOf(report, 'Deployment', 'api')).toMatchObject({ status: 'SyncFailed' });
  expect(rowOf(report, 'Deployment', 'api').message).toContain('replicas');
  await expect(kit.h.cluster.apps.readNamespacedDeployment({ namespace: ns, name: 'api' })).rejects.toMatchObject({ code: 404 });
});

test('§5.4 / §6.2 "resource turns Degraded" / DESIGN §6: a Deployment past its progress deadline fails the sync', async () => {
  const ns = await namespace('degraded-deploy');
  // No node matches the pod template, so no replica ever starts and the Deployment controller
  // reports ProgressDeadlineExceeded after 2 s. (Pods that start and then fail do not do it: every
  // replacement pod that turns Ready counts as progress and resets the deadline.)
  const yaml = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  progressDeadlineSeconds: 2
  selector: { matchLabels: { app: api } }
  template:
    metadata:
      labels: { app: api }
    spec:
      nodeSelector: { hooksync.io/no-such-node: "true" }
      containers: [{ name: api, image: api:1 }]
`;

  const { report } = await syncWithin(kit.h, documents(yaml, job('smoke', { hook: 'PostSync' })), { app: 'degraded-deploy', namespace: ns });

  expect(report.phase).toBe('Failed');
  expect(report.message).toContain(`Deployment ${ns}/api`);
  expect(report.message).toContain('progress deadline');
  expect(rowOf(report, 'Deployment', 'api')).toMatchObject({ status: 'Synced', health: 'Degraded' });
  expect(report.resources.some((r) => r.name === 'smoke')).toBe(false);
  expect(hooksyncRequests(ns).some((e) => e.resource === 'jobs')).toBe(false);
});

test('§5.3 Pod / §6.2 "resource turns Degraded": a bare run-to-completion Pod that fails fails the sync', async () => {
  const ns = await namespace('degraded-pod');
  // restartPolicy Never: the Pod is a task, Progressing while it runs, Degraded once it fails.
  const yaml = `
apiVersion: v1
kind: Pod
metadata:
  name: worker
  labels: { kwok.hooksync.io/fail: "true" }
  annotations: { kwok.hooksync.io/exit-code: "3", kwok.hooksync.io/run-for: "1s" }
spec:
  restartPolicy: Never
  containers: [{ name: worker, image: worker:1 }]
`;
  const { report } = await syncWithin(kit.h, yaml, { app: 'degraded-pod', namespace: ns });

  expect(report.phase).toBe('Failed');
  expect(report.message).toContain(`Pod ${ns}/worker`);
  expect(rowOf(report, 'Pod', 'worker')).toMatchObject({ status: 'Synced', health: 'Degraded' });
  // The container's termination message (spec §5.3 Pod: Failed -> Degraded with that message).
  expect(rowOf(report, 'Pod', 'worker').message).toContain('simulated failure');
});
