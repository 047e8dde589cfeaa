// API Priority and Fairness turning the worker away (issue 5 point 3, catalogue N2): the worker's
// ServiceAccount gets its own priority level with the fewest seats the API server allows (one)
// and `Reject`, and other clients of the same ServiceAccount keep that seat busy until the sync has
// been turned away. The API server answers many of the worker's requests 429 with `Retry-After`;
// the sync must wait them out, complete, and create its hook exactly once.
import { CoreV1Api, KubeConfig, KubernetesObjectApi, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import type { WorkflowHandle } from '@temporalio/client';
import { createKubeClient } from '../../../activities/kubeClient';
import { syncWorkflowId } from '../../../workflows/messages';
import { auditedDryRuns, auditedWrites } from '../../support/auditLog';
import { eventually, EVENTUALLY_TIMEOUT_MS } from '../../support/eventually';
import { whileWatchingResponses } from '../../support/httpResponses';
import { activityRetriedAfter, activityRuns } from '../../support/faultHarness';
import { runSync, startSyncHarness, type SyncHarness } from '../../support/syncHarness';
import { connectTestCluster, createTestNamespace, deleteTestNamespace, type TestCluster } from '../../support/testCluster';
import { configMapYaml, documents, jobYaml } from '../sync/syncTestKit';

const admin: TestCluster = connectTestCluster();
const objects = KubernetesObjectApi.makeApiClient(admin.kc);
const SA = 'throttled-worker';
let ns: string;
let h: SyncHarness;
let saConfig: KubeConfig;

async function serviceAccountKubeConfig(namespace: string): Promise<KubeConfig> {
  await admin.core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: SA } } });
  await admin.kc.makeApiClient(RbacAuthorizationV1Api).createNamespacedRoleBinding({ namespace, body: {
    metadata: { name: SA },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' },
    subjects: [{ kind: 'ServiceAccount', name: SA, namespace }],
  } });
  const token = await admin.core.createNamespacedServiceAccountToken({ namespace, name: SA, body: { spec: { audiences: [], expirationSeconds: 3600 } } });
  const cluster = admin.kc.getCurrentCluster()!;
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'kwok', server: cluster.server, caData: cluster.caData, caFile: cluster.caFile, skipTLSVerify: false }],
    users: [{ name: SA, token: token.status!.token }],
    contexts: [{ name: SA, cluster: 'kwok', user: SA, namespace }],
    currentContext: SA,
  });
  return kc;
}

const flowcontrol = (kind: string, name: string, spec: unknown) => ({ apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind, metadata: { name }, spec });

/** One seat, no queue, no borrowing, for the ServiceAccount's every request. */
async function throttle(namespace: string): Promise<void> {
  await objects.create(flowcontrol('PriorityLevelConfiguration', namespace, {
    type: 'Limited',
    limited: { nominalConcurrencyShares: 0, lendablePercent: 0, borrowingLimitPercent: 0, limitResponse: { type: 'Reject' } },
  }));
  await objects.create(flowcontrol('FlowSchema', namespace, {
    priorityLevelConfiguration: { name: namespace },
    matchingPrecedence: 100,
    rules: [{
      subjects: [{ kind: 'ServiceAccount', serviceAccount: { name: SA, namespace } }],
      resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'], namespaces: ['*'], clusterScope: true }],
      nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
    }],
  }));
}

async function unthrottle(namespace: string): Promise<void> {
  for (const kind of ['FlowSchema', 'PriorityLevelConfiguration']) await objects.delete(flowcontrol(kind, namespace, {})).catch(() => undefined);
}

/**
 * Clients of the same ServiceAccount that keep its one seat busy until `stop` is called. `saturated`
 * settles once the API server turns one of the crowd's own requests away: from then on a request of
 * the worker finds the seat taken too, however few requests the sync makes.
 */
function startCrowd(kc: KubeConfig, namespace: string, clients: number): { saturated: Promise<void>; stop: () => Promise<void> } {
  const core = kc.makeApiClient(CoreV1Api);
  let over = false;
  let markSaturated: () => void = () => undefined;
  const saturated = new Promise<void>((resolve) => { markSaturated = resolve; });
  const loop = async () => {
    while (!over) {
      await core.listNamespacedConfigMap({ namespace }).catch((err: { code?: number }) => { if (err.code === 429) markSaturated(); });
    }
  };
  const loops = Promise.all(Array.from({ length: clients }, loop));
  return { saturated, stop: async () => { over = true; await loops; } };
}

const TOO_MANY_REQUESTS = /Too many requests/;

/** Requests of hooksync's the API server turned away with 429 (the audit log has every write's and dry run's answer). */
const turnedAway = () => [...auditedWrites(ns), ...auditedDryRuns(ns)].filter((e) => e.code === 429 && e.userAgent.startsWith('hooksync/'));

/**
 * The fault was felt: a write of the sync was turned away (and waited out inside the activity), or
 * Temporal ran an activity again after one; or the sync ended (the test then tells which).
 */
async function untilThrottledOrEnded(handle: WorkflowHandle): Promise<void> {
  await eventually(async () => {
    const { status } = await handle.describe();
    if (status.name !== 'RUNNING' || turnedAway().length > 0) return;
    expect(await activityRetriedAfter(handle, TOO_MANY_REQUESTS)).toBe(true);
  });
}

/**
 * ConfigMaps that make each of the crowd's LISTs slow to serve (about 1.6 MB), so that the crowd
 * holds the one seat nearly all the time and a sync's few requests cannot slip in between.
 */
async function addBallast(namespace: string): Promise<void> {
  const data = { ballast: 'x'.repeat(8 * 1024) };
  const names = Array.from({ length: 200 }, (_, i) => `ballast-${i}`);
  for (let i = 0; i < names.length; i += 20) {
    await Promise.all(names.slice(i, i + 20).map((name) => admin.core.createNamespacedConfigMap({ namespace, body: { metadata: { name }, data } })));
  }
}

beforeAll(async () => {
  ns = await createTestNamespace(admin, 'throttled');
  await addBallast(ns);
  saConfig = await serviceAccountKubeConfig(ns);
  await throttle(ns);
  h = await startSyncHarness({ kc: saConfig });
});
afterAll(async () => {
  await h.stop();
  await unthrottle(ns);
  await deleteTestNamespace(admin, ns);
});

test('N2 requests turned away with 429 and Retry-After are waited out: the sync completes and its hook is created once', async () => {
  const handle = h.client.workflow.getHandle(syncWorkflowId(h.clusterName, 'throttled'));
  // The crowd comes first: the sync's first request already finds the seat taken.
  const crowd = startCrowd(saConfig, ns, 12);
  await crowd.saturated;
  // Twenty ConfigMaps: their dry run and apply send many requests at once, more than the one seat.
  const configMaps = Array.from({ length: 20 }, (_, i) => configMapYaml().replace('name: app-config', `name: app-config-${i}`));
  const run = runSync(h, documents(jobYaml('db-migrate', { hook: 'PreSync', runFor: '3s' }), ...configMaps), { app: 'throttled', namespace: ns });
  run.catch(() => undefined); // awaited below; keeps an early rejection from going unhandled
  // The crowd stops once the fault has been felt, however long the sync took to get there.
  try {
    await untilThrottledOrEnded(handle);
  } finally {
    await crowd.stop();
  }
  const { report } = await run;

  expect(report.phase).toBe('Succeeded');
  // The fault fired: the API server turned the sync's requests away with 429, and they were waited
  // out (inside the activity, by the Retry-After hint) or retried by Temporal.
  const activities = await activityRuns(handle);
  const throttled = activities.filter((a) => a.attempts >= 2 && TOO_MANY_REQUESTS.test(a.lastFailure ?? ''));
  expect(throttled.length + turnedAway().length).toBeGreaterThan(0);
  const creates = auditedWrites(ns).filter((e) => e.verb === 'create' && e.name === 'db-migrate');
  expect(creates.map((e) => e.code).filter((code) => code !== 429)).toEqual([201]);
  console.log(`throttled sync: ${turnedAway().length} request(s) turned away; retried: ${throttled.map((a) => `${a.summary} (attempt ${a.attempts})`).join(', ')}; create requests for the hook: ${creates.map((e) => e.code).join(', ')}`);
});

/** Whether a request whose path ends in `suffix` was answered 429 while `work` ran; `onTurnedAway` is called at the first. */
async function turnedAwayDuring(suffix: string, onTurnedAway: () => void, work: () => Promise<unknown>): Promise<boolean> {
  let turnedAway = false;
  await whileWatchingResponses((request, response) => {
    if (turnedAway || response.statusCode !== 429 || !request.path.split('?')[0].endsWith(suffix)) return;
    turnedAway = true;
    onTurnedAway();
  }, work);
  return turnedAway;
}

test('a discovery request turned away with Retry-After is waited out, like any other: the first use of a kind does not fail', async () => {
  // Before, only object requests honoured the hint: the first Job of a sync asked for batch/v1's
  // resources, the one refusal failed the activity, and every retry met the same crowd of its own
  // requests (N2 above once ran out its time that way on the Temporal cluster).
  const crowd = startCrowd(saConfig, ns, 12);
  await crowd.saturated;
  let stopping: Promise<void> | undefined;
  try {
    // A fresh client asks for the kind's resources again; now and then one slips in between the
    // crowd's requests (on a loaded machine, 50 in a row once did), so try until the server has
    // turned one away, giving up only where any wait of these tests does.
    const giveUpAt = Date.now() + EVENTUALLY_TIMEOUT_MS;
    for (;;) {
      const kube = createKubeClient(saConfig);
      const read = () => kube.read({ group: 'batch', version: 'v1', kind: 'Job', namespace: ns, name: 'never-created' });
      // The read must come back empty (the Job does not exist), not with the 429.
      if (await turnedAwayDuring('/apis/batch/v1', () => { stopping = crowd.stop(); }, () => expect(read()).resolves.toBeUndefined())) break;
      if (Date.now() > giveUpAt) throw new Error('the API server never turned a discovery request away: the crowd does not hold the seat');
    }
  } finally {
    await (stopping ?? crowd.stop());
  }
});
