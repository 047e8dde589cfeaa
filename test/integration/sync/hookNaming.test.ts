// Hooks with generateName (spec R1.6, R4.2, §2.4; DESIGN §4 and §6 on generated names): one
// object per phase for a multi-phase hook, and no collision between two manifests that share a
// generateName. Names are checked on the live cluster and in the audit log.
import { rowOf } from '../../support/syncHarness';
import { configMapYaml, describeRequests, documents, hooksyncRequests, jobYaml, syncWithin, useSyncHarness } from './syncTestKit';

const kit = useSyncHarness();
const { namespace } = kit;

const configMap = configMapYaml();

test('R1.6 / R4.2: a generateName hook in two phases (PreSync,PostSync) creates two distinct objects', async () => {
  const ns = await namespace('gen-two-phases');
  const yaml = documents(jobYaml('db-check-', { hook: 'PreSync,PostSync', generateName: true }), configMap);

  const { report } = await syncWithin(kit.h, yaml, { app: 'gen-two-phases', namespace: ns });

  expect(report.phase).toBe('Succeeded');
  const hooks = report.resources.filter((r) => r.kind === 'Job');
  expect(hooks.map((r) => r.syncPhase).sort()).toEqual(['PostSync', 'PreSync']);
  const pre = hooks.find((r) => r.syncPhase === 'PreSync')!;
  const post = hooks.find((r) => r.syncPhase === 'PostSync')!;
  expect(pre.name).not.toBe(post.name);
  for (const row of [pre, post]) {
    expect(row).toMatchObject({ hookType: row.syncPhase, status: 'Synced', hookPhase: 'Succeeded' });
    expect(row.name).toMatch(/^db-check-[a-z0-9-]+$/);
    expect(row.name.length).toBeLessThanOrEqual(63);
  }

  // Two objects on the cluster (the default policy keeps both), each created once, in phase order.
  const jobs = (await kit.h.cluster.batch.listNamespacedJob({ namespace: ns })).items;
  expect(jobs.map((j) => j.metadata?.name).sort()).toEqual([pre.name, post.name].sort());
  expect(new Set(jobs.map((j) => j.metadata?.uid)).size).toBe(2);
  // (Resources are written by server-side apply, a patch; hooks by create.)
  const firstWrites = [...new Set(hooksyncRequests(ns).map((e) => `${e.resource}/${e.name}`))];
  expect(firstWrites).toEqual([`jobs/${pre.name}`, 'configmaps/app-config', `jobs/${post.name}`]);
  const creates = describeRequests(hooksyncRequests(ns).filter((e) => e.verb === 'create'));
  expect(creates).toEqual([`create jobs/${pre.name}`, `create jobs/${post.name}`]);
  // Neither was deleted and recreated (the names never matched a live object).
  expect(hooksyncRequests(ns).some((e) => e.verb === 'delete')).toBe(false);
});

test('R4.2 (argo-cd#9184): two hooks with the same generateName in one phase get distinct names and both run', async () => {
  const ns = await namespace('gen-collide');
  // Same kind, namespace, phase and generateName; only the container differs.
  const first = jobYaml('check-', { hook: 'PreSync', generateName: true });
  const second = first.replace('image: "check:1"', 'image: "check:2"');
  expect(second).not.toBe(first);

  const { report } = await syncWithin(kit.h, documents(first, second, configMap), { app: 'gen-collide', namespace: ns });

  expect(report.phase).toBe('Succeeded');
  const hooks = report.resources.filter((r) => r.kind === 'Job');
  expect(hooks).toHaveLength(2);
  expect(new Set(hooks.map((r) => r.name)).size).toBe(2);
  for (const row of hooks) expect(rowOf(report, 'Job', row.name)).toMatchObject({ syncPhase: 'PreSync', hookPhase: 'Succeeded' });
  const jobs = (await kit.h.cluster.batch.listNamespacedJob({ namespace: ns })).items;
  const images = jobs.map((j) => j.spec?.template.spec?.containers[0].image).sort();
  expect(images).toEqual(['check:1', 'check:2']);
});

test('Argo CD\'s TestAutomaticallyNamingUnnamedHook: a hook with neither name nor generateName gets a name per phase, the same in the next sync', async () => {
  const ns = await namespace('details-unnamed');
  const app = 'details-unnamed';
  const unnamed = jobYaml('check', { hook: 'PreSync,PostSync' }).replace('  name: check\n', '');
  expect(unnamed).not.toMatch(/name: check|generateName/);
  const yaml = documents(unnamed, configMap);
  const jobsOf = (report: { resources: Array<{ kind: string; syncPhase: string; name: string; hookPhase?: string }> }) => report.resources.filter((r) => r.kind === 'Job');
  const liveJobs = async () => (await kit.h.cluster.batch.listNamespacedJob({ namespace: ns })).items.map((j) => ({ name: j.metadata?.name, uid: j.metadata?.uid }));

  const first = await syncWithin(kit.h, yaml, { app, namespace: ns });
  expect(first.report.phase).toBe('Succeeded');
  expect(first.report.resources).toHaveLength(3);
  expect(jobsOf(first.report).map((r) => [r.syncPhase, r.hookPhase])).toEqual([['PreSync', 'Succeeded'], ['PostSync', 'Succeeded']]);
  const [pre, post] = jobsOf(first.report).map((r) => r.name);
  expect(pre).toMatch(/^job-presync-[0-9a-z]{8}$/);
  expect(post).toMatch(/^job-postsync-[0-9a-z]{8}$/);
  const before = await liveJobs();
  expect(before.map((j) => j.name).sort()).toEqual([pre, post].sort());

  // Another sync (another sync id) of the same manifests: the same names. The default policy,
  // BeforeHookCreation, replaces each hook by its new run instead of leaving one more per sync.
  const second = await syncWithin(kit.h, yaml, { app, namespace: ns });
  expect(second.report.phase).toBe('Succeeded');
  expect(second.report.syncId).not.toBe(first.report.syncId);
  expect(jobsOf(second.report).map((r) => r.name)).toEqual([pre, post]);
  const after = await liveJobs();
  expect(after.map((j) => j.name).sort()).toEqual([pre, post].sort());
  for (const job of after) expect(before.find((b) => b.name === job.name)?.uid).not.toBe(job.uid);
  const writes = describeRequests(hooksyncRequests(ns).filter((e) => e.resource === 'jobs' && (e.verb === 'create' || e.verb === 'delete')));
  for (const name of [pre, post]) expect(writes.filter((w) => w.endsWith(`/${name}`))).toEqual([`create jobs/${name}`, `delete jobs/${name}`, `create jobs/${name}`]);
});
