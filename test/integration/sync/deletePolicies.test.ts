// Hook delete policies (spec §2.1-§2.3, R2.1-R2.6, R4.3) with hooksync's deliberate differences
// (DESIGN §6): HookSucceeded / HookFailed follow the hook's own outcome, and the legacy names
// OnSuccess / OnFailure are accepted with a warning. What was deleted, and in which order, is read
// back from the live cluster and the API server's audit log.
import { SYNC_ID_ANNOTATION } from '../../../sync/stamp';
import { planTasks } from '../../../sync/types';
import { planYaml, rowOf } from '../../support/syncHarness';
import { configMapYaml, describeRequests, documents, hooksyncRequests, jobYaml, syncWithin, useSyncHarness } from './syncTestKit';

const kit = useSyncHarness();
const { namespace } = kit;

async function jobNames(ns: string): Promise<string[]> {
  const jobs = await kit.h.cluster.batch.listNamespacedJob({ namespace: ns });
  return jobs.items.map((j) => j.metadata?.name ?? '').sort();
}

const configMap = configMapYaml();

test('R2.3 / R4.3 BeforeHookCreation: a leftover hook from an earlier sync is deleted, then created again', async () => {
  const ns = await namespace('policy-bhc');
  // `migrate` names the policy; `seed` has none, so gets the default (R2.1).
  const yaml = documents(jobYaml('migrate', { hook: 'PreSync', policy: 'BeforeHookCreation' }), jobYaml('seed', { hook: 'PreSync' }), configMap);

  const first = await syncWithin(kit.h, yaml, { app: 'policy-bhc', namespace: ns });
  expect(first.report.phase).toBe('Succeeded');
  const before = await kit.h.cluster.batch.readNamespacedJob({ namespace: ns, name: 'migrate' });
  const seedBefore = await kit.h.cluster.batch.readNamespacedJob({ namespace: ns, name: 'seed' });
  const seen = hooksyncRequests(ns).length;

  const second = await syncWithin(kit.h, yaml, { app: 'policy-bhc', namespace: ns });

  expect(second.report.phase).toBe('Succeeded');
  expect(second.report.syncId).not.toBe(first.report.syncId);
  for (const name of ['migrate', 'seed']) {
    expect(rowOf(second.report, 'Job', name)).toMatchObject({ syncPhase: 'PreSync', status: 'Synced', hookPhase: 'Succeeded' });
  }
  // A new object, made by the second sync ...
  const after = await kit.h.cluster.batch.readNamespacedJob({ namespace: ns, name: 'migrate' });
  const seedAfter = await kit.h.cluster.batch.readNamespacedJob({ namespace: ns, name: 'seed' });
  expect(after.metadata?.uid).not.toBe(before.metadata?.uid);
  expect(seedAfter.metadata?.uid).not.toBe(seedBefore.metadata?.uid);
  expect(after.metadata?.annotations?.[SYNC_ID_ANNOTATION]).toBe(second.report.syncId);
  // ... after the old one was deleted: the audit log of the second sync shows delete, then create.
  const secondRequests = hooksyncRequests(ns).slice(seen);
  for (const name of ['migrate', 'seed']) {
    const verbs = secondRequests.filter((e) => e.resource === 'jobs' && e.name === name && e.verb !== 'patch').map((e) => e.verb);
    expect(verbs).toEqual(['delete', 'create']);
  }
});

test('R2.4 HookSucceeded: a hook that succeeded is deleted when the sync ends; one with the default policy stays', async () => {
  const ns = await namespace('policy-succeeded');
  const yaml = documents(
    jobYaml('migrate', { hook: 'PreSync', policy: 'HookSucceeded' }),
    configMap,
    jobYaml('smoke', { hook: 'PostSync' }),
  );

  const { report } = await syncWithin(kit.h, yaml, { app: 'policy-succeeded', namespace: ns });

  expect(report.phase).toBe('Succeeded');
  expect(rowOf(report, 'Job', 'migrate')).toMatchObject({ hookPhase: 'Succeeded' });
  expect(await jobNames(ns)).toEqual(['smoke']);
  // Deleted by hooksync, at the end of the sync: after the PostSync hook was created.
  const requests = describeRequests(hooksyncRequests(ns).filter((e) => e.verb !== 'patch'));
  expect(requests).toContain('delete jobs/migrate');
  expect(requests.indexOf('delete jobs/migrate')).toBeGreaterThan(requests.indexOf('create jobs/smoke'));
  expect(requests).not.toContain('delete jobs/smoke');
});

test('R2.5 HookFailed on a failing hook / DESIGN §6 (argo-cd#27506): both policies follow the hook\'s own outcome', async () => {
  const ns = await namespace('policy-outcome');
  const yaml = documents(
    jobYaml('ok-succeeded', { hook: 'PreSync', wave: 0, policy: 'HookSucceeded' }),
    jobYaml('ok-failed', { hook: 'PreSync', wave: 0, policy: 'HookFailed' }),
    jobYaml('bad-succeeded', { hook: 'PreSync', wave: 1, policy: 'HookSucceeded', fail: true }),
    jobYaml('bad-failed', { hook: 'PreSync', wave: 1, policy: 'HookFailed', fail: true }),
    configMap,
  );

  const { report } = await syncWithin(kit.h, yaml, { app: 'policy-outcome', namespace: ns });

  expect(report.phase).toBe('Failed');
  expect(rowOf(report, 'Job', 'ok-succeeded')).toMatchObject({ hookPhase: 'Succeeded' });
  expect(rowOf(report, 'Job', 'ok-failed')).toMatchObject({ hookPhase: 'Succeeded' });
  expect(rowOf(report, 'Job', 'bad-succeeded')).toMatchObject({ hookPhase: 'Failed' });
  expect(rowOf(report, 'Job', 'bad-failed')).toMatchObject({ hookPhase: 'Failed' });
  // Argo CD would keep ok-succeeded (the sync failed) and delete ok-failed; hooksync does not.
  expect(await jobNames(ns)).toEqual(['bad-succeeded', 'ok-failed']);
  const deleted = hooksyncRequests(ns).filter((e) => e.verb === 'delete').map((e) => e.name).sort();
  expect(deleted).toEqual(['bad-failed', 'ok-succeeded']);
  // Deletion waits for the end of the sync, so a helper outlives the hooks of later waves.
  const requests = describeRequests(hooksyncRequests(ns).filter((e) => e.verb !== 'patch'));
  expect(requests.indexOf('delete jobs/ok-succeeded')).toBeGreaterThan(requests.indexOf('create jobs/bad-failed'));
});

test('§2.2 / DESIGN §6: OnSuccess and OnFailure are accepted with a warning and act as HookSucceeded and HookFailed', async () => {
  const ns = await namespace('policy-legacy');
  const yaml = documents(
    jobYaml('legacy-ok', { hook: 'PreSync', wave: 0, policy: 'OnSuccess' }),
    jobYaml('legacy-bad', { hook: 'PreSync', wave: 1, policy: 'OnFailure', fail: true }),
    jobYaml('legacy-kept', { hook: 'PreSync', wave: 1, policy: 'OnSuccess', fail: true }),
    configMap,
  );

  const { plan, problems } = await planYaml(yaml, ns);
  expect(problems).toEqual([]);
  const policies = Object.fromEntries(planTasks(plan).map((t) => [t.ref.name, t.deletePolicies]));
  expect(policies['legacy-ok']).toEqual(['HookSucceeded']);
  expect(policies['legacy-bad']).toEqual(['HookFailed']);
  const warningFor = (name: string) => plan.warnings.filter((w) => w.includes(`/${name}`));
  expect(warningFor('legacy-ok')).toEqual([expect.stringMatching(/OnSuccess.*HookSucceeded/)]);
  expect(warningFor('legacy-bad')).toEqual([expect.stringMatching(/OnFailure.*HookFailed/)]);
  expect(warningFor('legacy-ok')[0]).toContain('argocd.argoproj.io/hook-delete-policy');

  const { report } = await syncWithin(kit.h, yaml, { app: 'policy-legacy', namespace: ns });

  expect(report.phase).toBe('Failed');
  expect(rowOf(report, 'Job', 'legacy-ok')).toMatchObject({ hookPhase: 'Succeeded' });
  expect(rowOf(report, 'Job', 'legacy-bad')).toMatchObject({ hookPhase: 'Failed' });
  // OnSuccess removed the hook that succeeded, OnFailure the one that failed; a failed OnSuccess
  // hook stays (it is not silently BeforeHookCreation, as in Argo CD).
  expect(await jobNames(ns)).toEqual(['legacy-kept']);
  const deleted = hooksyncRequests(ns).filter((e) => e.verb === 'delete').map((e) => e.name).sort();
  expect(deleted).toEqual(['legacy-bad', 'legacy-ok']);
});
