// Proves the KWOK cluster is a working control plane: the scheduler binds pods to KWOK nodes,
// kwok runs them through our stages, and kube-controller-manager's Job and Deployment controllers
// turn that into Job and Deployment status. Everything through @kubernetes/client-node.
import type { V1Job } from '@kubernetes/client-node';
import { eventually } from '../support/eventually';
import { connectTestCluster, createTestNamespace, deleteTestNamespace, type TestCluster } from '../support/testCluster';

let cluster: TestCluster;
let ns: string;

beforeAll(async () => {
  cluster = connectTestCluster();
  ns = await createTestNamespace(cluster, 'smoke-cluster');
});
afterAll(async () => deleteTestNamespace(cluster, ns));

function job(name: string, pod: { labels?: Record<string, string>; annotations?: Record<string, string> }): V1Job {
  return {
    metadata: { name },
    spec: {
      backoffLimit: 0,
      template: {
        metadata: pod,
        spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox', command: ['true'] }] },
      },
    },
  };
}

function condition(j: V1Job, type: string): string | undefined {
  return j.status?.conditions?.find((c) => c.type === type)?.status;
}

async function jobPods(jobName: string) {
  const pods = await cluster.core.listNamespacedPod({ namespace: ns, labelSelector: `job-name=${jobName}` });
  return pods.items;
}

test('there are Ready KWOK nodes', async () => {
  const nodes = (await cluster.core.listNode()).items;
  expect(nodes.length).toBeGreaterThanOrEqual(1);
  for (const node of nodes) {
    expect(node.metadata?.annotations?.['kwok.x-k8s.io/node']).toBe('fake');
    expect(node.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
  }
});

test('a Job gets a pod bound to a KWOK node and reaches Complete', async () => {
  await cluster.batch.createNamespacedJob({ namespace: ns, body: job('completes', {}) });
  const done = await eventually(async () => {
    const j = await cluster.batch.readNamespacedJob({ name: 'completes', namespace: ns });
    expect(condition(j, 'Complete')).toBe('True');
    return j;
  });
  expect(done.status?.succeeded).toBe(1);
  const [pod] = await jobPods('completes');
  const nodeNames = (await cluster.core.listNode()).items.map((n) => n.metadata?.name);
  expect(nodeNames).toContain(pod.spec?.nodeName);
  expect(pod.status?.phase).toBe('Succeeded');
  expect(pod.status?.containerStatuses?.[0].state?.terminated?.exitCode).toBe(0);
});

test('a Job whose pod is labelled to fail reaches Failed with the chosen exit code', async () => {
  const failing = job('fails', { labels: { 'kwok.hooksync.io/fail': 'true' }, annotations: { 'kwok.hooksync.io/exit-code': '3' } });
  await cluster.batch.createNamespacedJob({ namespace: ns, body: failing });
  await eventually(async () => {
    const j = await cluster.batch.readNamespacedJob({ name: 'fails', namespace: ns });
    expect(condition(j, 'Failed')).toBe('True');
  });
  const [pod] = await jobPods('fails');
  expect(pod.status?.phase).toBe('Failed');
  expect(pod.status?.containerStatuses?.[0].state?.terminated?.exitCode).toBe(3);
});

test('a Job pod keeps running for the time set by annotation before it completes', async () => {
  const slow = job('runs-for-a-while', { annotations: { 'kwok.hooksync.io/run-for': '3s' } });
  await cluster.batch.createNamespacedJob({ namespace: ns, body: slow });
  // Seen running first: the delay holds the pod in Running, the Job active.
  await eventually(async () => {
    const [pod] = await jobPods('runs-for-a-while');
    expect(pod?.status?.phase).toBe('Running');
  });
  const running = await cluster.batch.readNamespacedJob({ name: 'runs-for-a-while', namespace: ns });
  expect(condition(running, 'Complete')).not.toBe('True');
  const done = await eventually(async () => {
    const j = await cluster.batch.readNamespacedJob({ name: 'runs-for-a-while', namespace: ns });
    expect(condition(j, 'Complete')).toBe('True');
    return j;
  });
  const ranMs = done.status!.completionTime!.getTime() - done.status!.startTime!.getTime();
  expect(ranMs).toBeGreaterThanOrEqual(2_000); // completionTime has 1 s resolution
});

test('a Deployment becomes available', async () => {
  const labels = { app: 'web' };
  await cluster.apps.createNamespacedDeployment({
    namespace: ns,
    body: {
      metadata: { name: 'web' },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
      },
    },
  });
  const d = await eventually(async () => {
    const dep = await cluster.apps.readNamespacedDeployment({ name: 'web', namespace: ns });
    expect(dep.status?.availableReplicas).toBe(2);
    return dep;
  });
  expect(d.status?.conditions?.find((c) => c.type === 'Available')?.status).toBe('True');
  const pods = (await cluster.core.listNamespacedPod({ namespace: ns, labelSelector: 'app=web' })).items;
  expect(pods.map((p) => p.status?.phase)).toEqual(['Running', 'Running']);
});
