// The worker's Deployment, statically: the parts that must agree with each other and with the
// worker's code (the flags it parses, the shutdown grace, the RBAC file's ServiceAccount), which a
// dry run cannot see (test/integration/deploy/workerDeployment.test.ts is the server's check).
import { productionOptions } from '../../../client/cli/productionFlags';
import type { WorkerFlags } from '../../../client/cli/workerFlags';
import { CANCEL_SETTLE_MS } from '../../../worker/shutdownTimes';
import { workerManifests } from '../../support/deployManifests';
import { WORKER_SA } from '../../support/workerRbac';

interface Container {
  args: string[];
  ports: Array<{ name: string; containerPort: number }>;
  startupProbe: Probe; livenessProbe: Probe; readinessProbe: Probe;
  volumeMounts: Array<{ name: string; mountPath: string }>;
}
interface Probe { httpGet: { path: string; port: string } }

const objects = workerManifests();
const of = <T>(kind: string) => objects.find((o) => o.kind === kind) as unknown as T;
const deployment = of<{ metadata: { namespace: string }; spec: { replicas: number; selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string>; annotations: Record<string, string> }; spec: { serviceAccountName: string; terminationGracePeriodSeconds: number; containers: Container[]; volumes: Array<{ name: string; secret?: { secretName: string; items?: Array<{ key: string; path: string }> } }> } } } }>('Deployment');
const config = of<{ data: Record<string, string> }>('ConfigMap');
const pdb = of<{ spec: { minAvailable: number; selector: { matchLabels: Record<string, string> } } }>('PodDisruptionBudget');
const pod = deployment.spec.template.spec;
const container = pod.containers[0];

/** `--health-port 8080 ...` as the worker command's options (commander's camelCase names). */
function flagsOf(args: string[]): WorkerFlags {
  const flags: Record<string, string> = {};
  for (let i = 1; i < args.length; i += 2) flags[args[i].replace(/^--/, '').replace(/-(\w)/g, (_m, c: string) => c.toUpperCase())] = args[i + 1];
  return flags;
}

const production = productionOptions(flagsOf(container.args), config.data);

test('two replicas as the RBAC file\'s ServiceAccount, in its namespace; the PDB keeps one', () => {
  expect(deployment.spec.replicas).toBe(2);
  expect(pod.serviceAccountName).toBe(WORKER_SA.name);
  expect(objects.every((o) => o.metadata.namespace === WORKER_SA.namespace)).toBe(true);
  expect(pdb.spec.selector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
  expect(deployment.spec.template.metadata.labels).toMatchObject(deployment.spec.selector.matchLabels);
  expect(pdb.spec.minAvailable).toBeLessThan(deployment.spec.replicas);
});

test('the worker parses the flags and variables the manifests give it, and binds where the kubelet and Prometheus reach it', () => {
  expect(container.args[0]).toBe('worker');
  expect(production).toEqual({ health: { host: '0.0.0.0', port: 8080 }, metrics: { host: '0.0.0.0', port: 9464 }, shutdownGraceMs: 30_000, logFormat: 'json' });
  const port = (name: string) => container.ports.find((p) => p.name === name)?.containerPort;
  expect(port('health')).toBe(production.health?.port);
  expect(port('metrics')).toBe(production.metrics?.port);
  expect(Number(deployment.spec.template.metadata.annotations['prometheus.io/port'])).toBe(production.metrics?.port);
});

test('probes: start-up and liveness on /healthz, readiness on /readyz, all on the health port', () => {
  expect([container.startupProbe, container.livenessProbe, container.readinessProbe].map((p) => p.httpGet)).toEqual([
    { path: '/healthz', port: 'health' }, { path: '/healthz', port: 'health' }, { path: '/readyz', port: 'health' },
  ]);
});

test('the pod outlives the worker\'s shutdown: the grace, then the cancelled activities\' reports', () => {
  expect(pod.terminationGracePeriodSeconds * 1000).toBeGreaterThan(production.shutdownGraceMs + CANCEL_SETTLE_MS);
});

test('the codec key file and the Temporal TLS files are in mounted Secrets', () => {
  const secretAt = (path: string) => {
    const mount = container.volumeMounts.find((m) => path.startsWith(`${m.mountPath}/`));
    return pod.volumes.find((v) => v.name === mount?.name)?.secret;
  };
  expect(secretAt(config.data.HOOKSYNC_CODEC_KEY_FILE)).toEqual({ secretName: 'hooksync-codec-keys', defaultMode: 288, items: [{ key: 'keys', path: 'keys' }] });
  for (const file of ['TEMPORAL_TLS_CLIENT_CERT_PATH', 'TEMPORAL_TLS_CLIENT_KEY_PATH', 'TEMPORAL_TLS_SERVER_CA_CERT_PATH']) {
    expect(secretAt(config.data[file])?.secretName).toBe('hooksync-temporal-tls');
  }
  expect(config.data).toMatchObject({ TEMPORAL_TLS: 'true', TEMPORAL_ADDRESS: expect.any(String), TEMPORAL_NAMESPACE: expect.any(String), HOOKSYNC_CLUSTER: expect.any(String) });
});
