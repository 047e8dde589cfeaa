// Every example in examples/api/ run against the real servers, in the order a user would: plan,
// start, watch, get, list; then start a slow sync and terminate it, and retry a failed one. planSync also runs as its
// own process from the compiled dist/ (global set-up builds it), the way the README says to.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main as confirmPrune } from '../../../examples/api/confirmPrune';
import { main as getSync } from '../../../examples/api/getSync';
import { main as listSyncs } from '../../../examples/api/listSyncs';
import { main as planSync } from '../../../examples/api/planSync';
import { main as retrySync } from '../../../examples/api/retrySync';
import { main as startSync } from '../../../examples/api/startSync';
import { main as terminateSync } from '../../../examples/api/terminateSync';
import { main as watchSync } from '../../../examples/api/watchSync';
import { getSync as syncStatus } from '../../../client/syncStatus';
import { startSync as startLibrarySync } from '../../../client/syncClient';
import { eventually } from '../../support/eventually';
import { planYaml } from '../../support/syncHarness';
import { repoRoot } from '../../support/paths';
import { readTestEnv } from '../../support/testEnv';
import { configMapYaml, documents, jobYaml, useSyncHarness } from '../sync/syncTestKit';

const kit = useSyncHarness();
const dir = mkdtempSync(join(tmpdir(), 'hooksync-examples-'));
const quick = join(dir, 'quick.yaml');
const slow = join(dir, 'slow.yaml');
writeFileSync(quick, documents(jobYaml('migrate', { hook: 'PreSync' }), configMapYaml()));
writeFileSync(slow, jobYaml('migrate', { hook: 'PreSync', runFor: '120s' }));
const failing = join(dir, 'failing.yaml');
// The PostSync Job's pods need a ServiceAccount that is created only after the first attempt failed.
writeFileSync(failing, documents(jobYaml('migrate', { hook: 'PreSync' }), configMapYaml(), jobYaml('smoke-', { hook: 'PostSync', generateName: true, serviceAccount: 'smoke', activeDeadlineSeconds: 3 })));

const saved = { ...process.env };
let log: jest.SpyInstance;
beforeAll(() => {
  // The examples read the connection as a user's shell would give it.
  const env = readTestEnv();
  Object.assign(process.env, { TEMPORAL_ADDRESS: env.temporalAddress, TEMPORAL_NAMESPACE: env.temporalNamespace, KUBECONFIG: env.kubeconfigPath });
  log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
beforeEach(() => { process.env.HOOKSYNC_CLUSTER = kit.h.clusterName; });
afterAll(() => {
  log.mockRestore();
  process.env = saved;
});

test('planSync: the demo plans without problems, PreSync first', async () => {
  const planned = await planSync(join(repoRoot, 'examples', 'demo'), 'shop');
  expect(planned.problems).toEqual([]);
  expect(planned.plan.groups[0].phase).toBe('PreSync');
});

test('planSync.js runs from dist/ as its own process', () => {
  const out = execFileSync('node', [join(repoRoot, 'dist/examples/api/planSync.js'), 'examples/demo', 'shop'], { cwd: repoRoot, encoding: 'utf8' });
  expect(out.split('\n')[0]).toMatch(/^PreSync wave 0: Job\/db-migrate-presync-/);
});

test('startSync, watchSync, getSync, listSyncs: one sync from start to its listing', async () => {
  const ns = await kit.namespace('examples');
  const app = `examples-${ns}`;
  const { syncId, workflowId } = await startSync(app, ns, quick);
  expect(workflowId).toBe(`sync/${kit.h.clusterName}/${app}`);

  const watched = await watchSync(syncId);
  expect(watched.phase).toBe('Succeeded');
  const status = await getSync(syncId);
  expect(status).toMatchObject({ syncId, phase: 'Succeeded' });
  // startSync.ts passes createNamespace, so the namespace has a row of its own.
  expect(status.resources.map((r) => [r.kind, r.state])).toEqual([['Namespace', 'Succeeded'], ['Job', 'Succeeded'], ['ConfigMap', 'Succeeded']]);
  expect((await listSyncs(app)).map((s) => [s.syncId, s.phase])).toEqual([[syncId, 'Succeeded']]);
});

test('terminateSync: a running sync ends Terminated', async () => {
  const ns = await kit.namespace('examples-stop');
  const { syncId } = await startSync(`examples-stop-${ns}`, ns, slow);
  // Terminate once the hook runs, as a user would who watched it hang.
  await eventually(async () => expect((await getSync(syncId)).resources.some((r) => r.kind === 'Job' && r.state === 'Running')).toBe(true));
  const status = await terminateSync(syncId);
  expect(status.phase).toBe('Terminated');
});

test('retrySync: a failed sync continues as attempt 1, the groups that succeeded carried over', async () => {
  const ns = await kit.namespace('examples-retry');
  const { syncId } = await startSync(`examples-retry-${ns}`, ns, failing);
  expect((await watchSync(syncId)).phase).toBe('Failed');
  await kit.h.cluster.core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'smoke' } } });

  const report = await retrySync(syncId);

  expect([report.phase, report.attempt]).toEqual(['Succeeded', 1]);
  expect(report.resources.filter((r) => r.carriedFrom === 0).map((r) => `${r.kind}/${r.name}`)).toEqual([`Namespace/${ns}`, 'Job/migrate', 'ConfigMap/app-config']);
});

test('confirmPrune: a prune held by Prune=confirm goes ahead, and the sync succeeds', async () => {
  const ns = await kit.namespace('examples-confirm');
  const app = `examples-confirm-${ns}`;
  const held = join(dir, 'held.yaml');
  writeFileSync(held, documents(configMapYaml(), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: old, annotations: { argocd.argoproj.io/sync-options: Prune=confirm } }\n'));
  const first = await startSync(app, ns, held);
  await eventually(async () => expect((await syncStatus(kit.h.client, first.syncId)).phase).toBe('Succeeded'));
  const planned = await planYaml(configMapYaml(), ns);
  await startLibrarySync(kit.h.client, { syncId: planned.syncId, app, cluster: kit.h.clusterName, plan: planned.plan, prune: true });
  await eventually(async () => expect((await syncStatus(kit.h.client, planned.syncId)).waitingFor?.map((w) => w.name)).toEqual(['old']));

  const status = await confirmPrune(planned.syncId);

  expect(status.phase).toBe('Succeeded');
  expect(status.resources.find((r) => r.name === 'old')).toMatchObject({ status: 'Pruned' });
});
