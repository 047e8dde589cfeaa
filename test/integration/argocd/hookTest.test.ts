// Argo CD's test/e2e/hook_test.go, the hook outcomes, replayed as real hooksync syncs: each test
// bears the name of the Argo CD test it comes from and asserts the same result rows and live
// objects, in hooksync's names. The fixture is Argo CD's `hook` directory: a plain Pod `pod` and a
// Sync hook `hook` (argocdKit.ts says how KWOK stands in for containers that run `true`/`false`).
// Delete policies, BeforeHookCreation and terminate are in hookTestDeletePolicies.test.ts.
//
// Skipped, because hooksync has no application deletion (README "Semantics": PreDelete and
// PostDelete are accepted but never run by a sync):
//   TestPreDeleteHook, TestPreDeleteHookFailureAndRetry, TestPostDeleteHook.
import { HOOK_FINALIZER } from '../../../sync/stamp';
import { auditedWrites } from '../../support/auditLog';
import { rowOf } from '../../support/syncHarness';
import { documents, hooksyncRequests, jobYaml, useSyncHarness } from '../sync/syncTestKit';
import {
  argoSync, cliSync, cmYaml, expectGone, expectLiveWithout, hookFixture, hookRow, job, liveObject, pod, podRule, podYaml, resourceRow, rowNames,
  stuckDeploymentYaml,
  configMapQuotaYaml, freshApp, quotaInForce, quotaRule,
} from './argocdKit';

const kit = useSyncHarness({ workerRules: [podRule, quotaRule], healthChecks: quotaInForce });

describe.each(['PreSync', 'Sync', 'PostSync'])('testHookSuccessful(%s)', (phase) => {
  test(`Test${phase}HookSuccessful`, async () => {
    const { ns, app } = await freshApp(kit, `hook-ok-${phase.toLowerCase()}`);
    const report = await argoSync(kit.h, hookFixture({ hook: phase }), { app, namespace: ns });

    expect(report.phase).toBe('Succeeded');
    expect(rowNames(report)).toEqual(['Job/hook', 'Pod/pod']);
    expect(rowOf(report, 'Job', 'hook')).toMatchObject(hookRow(phase, 'Succeeded', { group: 'batch', version: 'v1', namespace: ns }));
    expect(rowOf(report, 'Pod', 'pod')).toMatchObject(resourceRow('Succeeded', { version: 'v1', namespace: ns, health: 'Healthy' }));
    // A completed hook keeps no finalizer (and still says it is a hook).
    const hook = await expectLiveWithout(kit.h, job(ns, 'hook'), HOOK_FINALIZER);
    expect(hook.metadata?.annotations?.['argocd.argoproj.io/hook']).toBe(phase);
  });
});

test('TestPreSyncHookFailure', async () => {
  const { ns, app } = await freshApp(kit, 'presync-fail');
  const report = await argoSync(kit.h, hookFixture({ hook: 'PreSync', hookFails: true }), { app, namespace: ns });

  expect(report.phase).toBe('Failed');
  expect(report.message).toContain(`Pod ${ns}/hook`);
  // Only the hook ran: the main sync never started, so `pod` was never created.
  expect(rowNames(report)).toEqual(['Pod/hook']);
  const row = rowOf(report, 'Pod', 'hook');
  expect(row).toMatchObject(hookRow('PreSync', 'Failed', { version: 'v1', namespace: ns }));
  // Argo CD says `container "main" failed with exit code 1`; hooksync, like it, reports the
  // container's termination, which KWOK writes as "simulated failure".
  expect(row.message).toContain('simulated failure');
  expect(await liveObject(kit.h, pod(ns, 'pod'))).toBeUndefined();
  await expectLiveWithout(kit.h, pod(ns, 'hook'), HOOK_FINALIZER);
});

test('TestSyncHookFailure', async () => {
  const { ns, app } = await freshApp(kit, 'sync-hook-fail');
  const report = await argoSync(kit.h, hookFixture({ hookFails: true }), { app, namespace: ns });

  expect(report.phase).toBe('Failed');
  expect(rowNames(report)).toEqual(['Pod/hook', 'Pod/pod']);
  // The hook failed, yet the pod it ran beside was applied.
  expect(rowOf(report, 'Pod', 'pod')).toMatchObject({ status: 'Synced' });
  expect(rowOf(report, 'Pod', 'hook')).toMatchObject(hookRow('Sync', 'Failed'));
  await expectLiveWithout(kit.h, pod(ns, 'hook'), HOOK_FINALIZER);
});

test('TestSyncHookResourceFailure', async () => {
  const { ns, app } = await freshApp(kit, 'hook-and-deploy');
  // Argo CD's `hook-and-deployment`: a Sync hook Job beside a Deployment that never turns Ready.
  // Argo CD ends the sync Succeeded with the app Progressing (the last wave is not health-gated).
  // DESIGN §6 difference: hooksync waits for every applied resource to be healthy, so the sync is
  // still waiting when its --timeout ends it, Failed, while the hook's own row says Succeeded.
  const yaml = documents(jobYaml('my-hook', { hook: 'Sync' }), stuckDeploymentYaml('my-deployment'));
  const report = await argoSync(kit.h, yaml, { app, namespace: ns, timeoutSeconds: 5 });

  expect(report.phase).toBe('Failed');
  expect(report.message).toContain('timed out');
  expect(rowOf(report, 'Job', 'my-hook')).toMatchObject(hookRow('Sync', 'Succeeded'));
  expect(rowOf(report, 'Deployment', 'my-deployment')).toMatchObject({ status: 'Synced', state: 'Failed', message: expect.stringContaining('timed out') });
});

test('TestPostSyncHookFailure', async () => {
  const { ns, app } = await freshApp(kit, 'postsync-fail');
  const report = await argoSync(kit.h, hookFixture({ hook: 'PostSync', hookFails: true }), { app, namespace: ns });

  expect(report.phase).toBe('Failed');
  expect(rowNames(report)).toEqual(['Pod/hook', 'Pod/pod']);
  expect(rowOf(report, 'Pod', 'pod')).toMatchObject({ status: 'Synced', health: 'Healthy' });
  expect(rowOf(report, 'Pod', 'hook')).toMatchObject(hookRow('PostSync', 'Failed'));
  await expectLiveWithout(kit.h, pod(ns, 'hook'), HOOK_FINALIZER);
});

test('TestPostSyncHookPodFailure', async () => {
  const { ns, app } = await freshApp(kit, 'postsync-pod-fail');
  const report = await argoSync(kit.h, hookFixture({ hook: 'PostSync', podFails: true }), { app, namespace: ns });

  // Argo CD leaves the operation's outcome unasserted ("I feel like this should be a failure").
  // hooksync answers it (DESIGN §6, every applied resource must be healthy): Failed.
  expect(report.phase).toBe('Failed');
  expect(rowNames(report)).toEqual(['Pod/pod']);
  expect(rowOf(report, 'Pod', 'pod')).toMatchObject(resourceRow('Failed', { health: 'Degraded' }));
  // The PostSync hook never ran.
  expect(await liveObject(kit.h, job(ns, 'hook'))).toBeUndefined();
});

test('TestSyncFailHookPodFailure', async () => {
  const { ns, app } = await freshApp(kit, 'syncfail-runs');
  const yaml = documents(hookFixture({ hook: 'PostSync', hookFails: true }), jobYaml('sync-fail-hook', { hook: 'SyncFail' }));
  const report = await argoSync(kit.h, yaml, { app, namespace: ns });

  expect(report.phase).toBe('Failed');
  expect(rowOf(report, 'Job', 'sync-fail-hook')).toMatchObject(hookRow('SyncFail', 'Succeeded', { group: 'batch', version: 'v1', namespace: ns }));
});

test('TestSyncFailHookPodFailureSyncFailFailure', async () => {
  const { ns, app } = await freshApp(kit, 'syncfail-fails');
  const yaml = documents(
    hookFixture({ hook: 'PostSync', hookFails: true }),
    jobYaml('successful-sync-fail-hook', { hook: 'SyncFail' }),
    podYaml('failed-sync-fail-hook', { hook: 'SyncFail', fail: true }),
  );
  const report = await argoSync(kit.h, yaml, { app, namespace: ns });

  expect(report.phase).toBe('Failed');
  expect(rowNames(report)).toEqual(['Job/successful-sync-fail-hook', 'Pod/failed-sync-fail-hook', 'Pod/hook', 'Pod/pod']);
  expect(rowOf(report, 'Job', 'successful-sync-fail-hook')).toMatchObject(hookRow('SyncFail', 'Succeeded'));
  const failed = rowOf(report, 'Pod', 'failed-sync-fail-hook');
  expect(failed).toMatchObject(hookRow('SyncFail', 'Failed'));
  expect(failed.message).toContain('simulated failure');
  await expectLiveWithout(kit.h, pod(ns, 'failed-sync-fail-hook'), HOOK_FINALIZER);
});

// Argo CD makes a hook pass the dry run and fail when applied by changing an immutable field of a
// leftover hook. hooksync refuses a leftover fixed-name hook itself (README "Semantics", Delete
// policies), so here a ResourceQuota applied in an earlier wave (after the dry run) makes the API
// server refuse a ConfigMap hook: the same "valid in the dry run, refused when created". The quota
// adds one row to Argo CD's count.

test('TestInvalidlHookWaitsForOtherHooksToComplete', async () => {
  const { ns, app } = await freshApp(kit, 'invalid-hook');
  const yaml = documents(hookFixture(), configMapQuotaYaml, cmYaml('invalid-hook', { hook: 'Sync', policy: 'HookFailed' }));
  const report = await argoSync(kit.h, yaml, { app, namespace: ns });

  expect(report.phase).toBe('Failed');
  expect(rowNames(report)).toEqual(['ConfigMap/invalid-hook', 'Job/hook', 'Pod/pod', 'ResourceQuota/no-more-configmaps']);
  const invalid = rowOf(report, 'ConfigMap', 'invalid-hook');
  expect(invalid).toMatchObject({ status: 'SyncFailed', hookType: 'Sync', syncPhase: 'Sync', hookPhase: 'Failed' });
  expect(invalid.message).toContain('exceeded quota');
  // The refusal did not stop the other hook of the wave: it ran to completion.
  expect(rowOf(report, 'Job', 'hook')).toMatchObject(hookRow('Sync', 'Succeeded'));
  await expectLiveWithout(kit.h, job(ns, 'hook'), HOOK_FINALIZER);
});

test('TestInvalidSyncFailureHookWaitsForOtherHooksToComplete', async () => {
  const { ns, app } = await freshApp(kit, 'invalid-syncfail');
  const yaml = documents(
    hookFixture({ hookFails: true }),
    configMapQuotaYaml,
    jobYaml('successful-sync-fail-hook', { hook: 'SyncFail' }),
    cmYaml('invalid-sync-fail-hook', { hook: 'SyncFail', policy: 'HookSucceeded' }),
  );
  const report = await argoSync(kit.h, yaml, { app, namespace: ns });

  expect(report.phase).toBe('Failed');
  expect(rowNames(report)).toEqual(['ConfigMap/invalid-sync-fail-hook', 'Job/successful-sync-fail-hook', 'Pod/hook', 'Pod/pod', 'ResourceQuota/no-more-configmaps']);
  const invalid = rowOf(report, 'ConfigMap', 'invalid-sync-fail-hook');
  expect(invalid).toMatchObject({ status: 'SyncFailed', hookType: 'SyncFail', syncPhase: 'SyncFail', hookPhase: 'Failed' });
  expect(invalid.message).toContain('exceeded quota');
  expect(rowOf(report, 'Job', 'successful-sync-fail-hook')).toMatchObject(hookRow('SyncFail', 'Succeeded'));
  await expectLiveWithout(kit.h, job(ns, 'successful-sync-fail-hook'), HOOK_FINALIZER);
});

test('TestHookSkip', async () => {
  const { ns, app } = await freshApp(kit, 'hook-skip');
  const yaml = documents(podYaml('pod', { hook: 'Skip' }), jobYaml('hook', { hook: 'Sync' }));
  const report = await argoSync(kit.h, yaml, { app, namespace: ns });

  expect(report.phase).toBe('Succeeded');
  expect(rowNames(report)).toEqual(['Job/hook']);
  expect(await liveObject(kit.h, pod(ns, 'pod'))).toBeUndefined();
});

test('TestNamingNonHookResource', async () => {
  const { ns, app } = await freshApp(kit, 'unnamed-resource');
  // Argo CD starts the sync and it fails. hooksync rejects the manifests before it starts anything
  // (README "Semantics", Hook names: an object with neither name nor generateName is an error).
  const run = await cliSync(kit.h, podYaml('pod').replace('  name: pod\n', ''), { app, namespace: ns });

  expect(run.code).toBe(2);
  expect(run.stderr).toContain('metadata.name: missing');
  expect(hooksyncRequests(ns)).toEqual([]);
});

test('TestAutomaticallyNamingUnnamedHook', async () => {
  const { ns, app } = await freshApp(kit, 'details-unnamed-hook');
  // As in Argo CD, the hook has no name at all (README "Semantics", Hook names: hooksync's name is
  // the same in every sync, where Argo CD's carries the revision and the start time).
  const yaml = documents(podYaml('pod'), jobYaml('hook', { hook: 'PreSync,PostSync' }).replace('  name: hook\n', ''));
  expect(yaml).not.toMatch(/name: hook|generateName/);
  const report = await argoSync(kit.h, yaml, { app, namespace: ns });

  expect(report.phase).toBe('Succeeded');
  expect(report.resources).toHaveLength(3);
  // One Job per phase, under names that say the phase and never collide.
  const [first, , last] = report.resources;
  expect(first.name).toContain('presync');
  expect(last.name).toContain('postsync');
  expect(first.name).not.toBe(last.name);
  for (const name of [first.name, last.name]) expect(await liveObject(kit.h, job(ns, name))).toBeDefined();
});

describe.each(['PreSync', 'Sync', 'PostSync'])('testHookFinalizer(%s)', (phase) => {
  test(`TestHookFinalizer${phase}`, async () => {
    const { ns, app } = await freshApp(kit, `hook-finalizer-${phase.toLowerCase()}`);
    // Argo CD's `hook-resource-deleted-externally`: a Job hook that Kubernetes deletes the moment it
    // finishes (ttlSecondsAfterFinished: 0). Argo CD proves its finalizer held the Job with a custom
    // health check; hooksync has none, so the proof is the TTL controller's delete in the audit log
    // beside an outcome that was still read: Succeeded, not "deleted while it was running".
    const yaml = documents(podYaml('pod'), jobYaml('hook', { hook: phase, ttlSecondsAfterFinished: 0 }));
    const report = await argoSync(kit.h, yaml, { app, namespace: ns });

    expect(report.phase).toBe('Succeeded');
    expect(rowNames(report)).toEqual(['Job/hook', 'Pod/pod']);
    expect(rowOf(report, 'Pod', 'pod')).toMatchObject({ status: 'Synced', health: 'Healthy' });
    expect(rowOf(report, 'Job', 'hook')).toMatchObject(hookRow(phase, 'Succeeded', { group: 'batch', version: 'v1', namespace: ns }));
    await expectGone(kit.h, job(ns, 'hook'));
    const ttlDelete = auditedWrites(ns).find((e) => e.verb === 'delete' && e.resource === 'jobs' && e.name === 'hook' && !e.userAgent.startsWith('hooksync/'));
    expect(ttlDelete).toBeDefined();
  });
});
