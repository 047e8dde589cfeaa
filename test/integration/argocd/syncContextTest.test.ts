// gitops-engine's pkg/sync/sync_context_test.go (now argo-cd/gitops-engine), the apply side,
// replayed as real hooksync syncs. Argo CD drives its sync context with fake clients and health
// overrides; here each test runs a whole sync on the KWOK cluster and asserts what the Argo CD test
// asserts (phase, result rows, tasks created or not) in hooksync's names. A table test becomes a
// describe block with one test per case. Pruning is in syncContextTestPrune.test.ts, hooks and
// terminate in syncContextTestHooks.test.ts.
//
// Skipped, with the reason:
//   TestSyncValidate, TestSyncOptionValidate      the Validate=false sync option (hooksync always
//                                                 sends fieldValidation=Strict)
//   TestSyncNotPermittedNamespace                 Argo CD projects; hooksync has none
//   TestSync_ApplyOutOfSyncOnly(_ClusterResources) the ApplyOutOfSyncOnly sync option
//   TestSync_Replace, TestSync_ServerSideApply, TestSyncContext_ServerSideApplyWithDryRun,
//   TestSync_Force                                the Replace, ServerSideApply and Force sync
//                                                 options (hooksync always server-side applies)
//   TestNeedsClientSideApplyMigration, TestPerformCSAUpgradeMigration_*
//                                                 client-side apply migration; hooksync has only
//                                                 ever used server-side apply
//   TestSelectiveSyncOnly                         selective sync
//   TestServerResourcesRetry, TestSync_getSyncTasks_FailureMessage, Test_getSyncTasks_ErrorCaching
//                                                 discovery answering 401 or failing, which needs a
//                                                 fake API server (outages are test/faults' part)
//   Test_syncContext_liveObj, Test_syncContext_hasCRDOfGroupKind, Test_setRunningPhase
//                                                 internal helpers and Argo CD's progress wording
//   TestSyncCustomResources "unknown crd, skip dry run annotated on app level": hooksync has
//                                                 SkipDryRunOnMissingResource per object only
//   TestNamespaceAutoCreationForNonExistingNs "pre-sync task error ...": an error injected into
//                                                 Argo CD's namespace modifier callback
import { randomBytes } from 'node:crypto';
import { ApiextensionsV1Api } from '@kubernetes/client-node';
import { auditEntries, auditedDryRuns, hooksyncWrites, isHooksyncWrite } from '../../support/auditLog';
import { eventually } from '../../support/eventually';
import type { CliRun } from '../../support/runCli';
import { rowOf } from '../../support/syncHarness';
import { documents, hooksyncRequests, jobYaml, useSyncHarness } from '../sync/syncTestKit';
import {
  argoSync, cliSync, cmYaml, configMap, findRow, job, liveObject, podRule, podYaml, resourceRow, resultOf, rowNames, startArgoSync,
  stuckDeploymentYaml, whenState, type LiveRef,
  freshApp,
} from './argocdKit';

const group = `t${randomBytes(4).toString('hex')}.argocd.hooksync.test`;
const crds: string[] = [];
const kit = useSyncHarness({
  workerRules: [podRule, { apiGroups: [group], resources: ['widgets', 'gadgets', 'sprockets', 'thingamajigs'], verbs: ['get', 'watch', 'list', 'create', 'patch', 'delete'] }],
  async cleanUp(h) {
    const extensions = h.cluster.kc.makeApiClient(ApiextensionsV1Api);
    for (const name of crds) await extensions.deleteCustomResourceDefinition({ name }).catch(() => undefined);
  },
});

/** A namespace name nobody has created yet (the sync may); deleted after the file's tests. */
function missingNamespace(prefix: string): string {
  const name = `${prefix}-${randomBytes(3).toString('hex')}`;
  kit.deleteNamespaceAfterAll(name);
  return name;
}

const namespaceRef = (name: string): LiveRef => ({ apiVersion: 'v1', kind: 'Namespace', name });

/** Writes hooksync sent to the Namespace object itself that the API server accepted. */
function namespaceWrites(name: string) {
  return auditEntries(name, (e) => e.resource === 'namespaces' && e.name === name && isHooksyncWrite(e));
}

function serviceYaml(name: string, o: { wave?: number; port?: number } = {}): string {
  return `
apiVersion: v1
kind: Service
metadata:
  name: ${name}
  annotations: { ${o.wave !== undefined ? `argocd.argoproj.io/sync-wave: "${o.wave}"` : ''} }
spec:
  selector: { app: ${name} }
  ports: [{ port: ${o.port ?? 80} }]
`;
}

test('TestSyncNamespaceCreatedBeforeDryRunWithoutFailure', async () => {
  const ns = missingNamespace('ns-dryrun-ok');
  const report = await argoSync(kit.h, podYaml('my-pod'), { app: ns, namespace: ns, createNamespace: true });

  expect(report.phase).toBe('Succeeded');
  expect(rowOf(report, 'Namespace', ns)).toMatchObject({ status: 'Synced', namespace: '' });
  expect(rowOf(report, 'Pod', 'my-pod')).toMatchObject(resourceRow('Succeeded', { namespace: ns }));
  // A bare namespace: nothing marks it as the app's, so no later sync can prune it.
  const live = await liveObject(kit.h, namespaceRef(ns));
  expect(live?.metadata?.labels?.['hooksync.io/app']).toBeUndefined();
});

test('TestSyncNamespaceCreatedBeforeDryRunWithFailure', async () => {
  const ns = missingNamespace('ns-dryrun-fail');
  // The Pod is refused by the API server (a container name must be lower case), in the dry run
  // that comes after the namespace was created and before anything else is written.
  const yaml = documents(jobYaml('migrate', { hook: 'PreSync' }), podYaml('my-pod').replace('name: main', 'name: Main'));
  const report = await argoSync(kit.h, yaml, { app: ns, namespace: ns, createNamespace: true });

  expect(report.phase).toBe('Failed');
  expect(report.message).toContain('one or more objects failed to apply (dry run)');
  expect(report.message).toContain(`Pod ${ns}/my-pod`);
  expect(rowNames(report)).toEqual([`Namespace/${ns}`, 'Pod/my-pod']);
  expect(rowOf(report, 'Namespace', ns)).toMatchObject({ status: 'Synced' });
  const row = rowOf(report, 'Pod', 'my-pod');
  expect(row).toMatchObject({ status: 'SyncFailed' });
  expect(row.message).toContain('Invalid value');
  expect(await liveObject(kit.h, namespaceRef(ns))).toBeDefined();
  // No hook ran before the dry run failed.
  expect(await liveObject(kit.h, job(ns, 'migrate'))).toBeUndefined();
});

test('TestSyncCreateInSortedOrder', async () => {
  const { ns, app } = await freshApp(kit, 'sorted-order');
  const report = await argoSync(kit.h, documents(podYaml('my-pod'), serviceYaml('my-service')), { app, namespace: ns });

  expect(report.phase).toBe('Succeeded');
  expect(rowNames(report)).toEqual(['Pod/my-pod', 'Service/my-service']);
  for (const row of report.resources) expect(row.status).toBe('Synced');
  // Kind order, not file order: the Service goes in before the Pod.
  const firstWrites = [...new Set(hooksyncWrites(ns).map((e) => e.resource))];
  expect(firstWrites).toEqual(['services', 'pods']);
});

function crdObject(plural: string, kind: string) {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      scope: 'Namespaced',
      names: { plural, singular: kind.toLowerCase(), kind, listKind: `${kind}List` },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
    },
  };
}
/** JSON is YAML: the same CRD as a manifest. */
const crdYaml = (plural: string, kind: string) => JSON.stringify(crdObject(plural, kind));
const SKIP_DRY_RUN = 'SkipDryRunOnMissingResource=true';
const crYaml = (kind: string, syncOptions?: string) => `
apiVersion: ${group}/v1
kind: ${kind}
metadata:
  name: my-resource
  annotations: { ${syncOptions ? `argocd.argoproj.io/sync-options: "${syncOptions}"` : ''} }
`;

async function installCrd(plural: string, kind: string): Promise<void> {
  crds.push(`${plural}.${group}`);
  const extensions = kit.h.cluster.kc.makeApiClient(ApiextensionsV1Api);
  await extensions.createCustomResourceDefinition({ body: crdObject(plural, kind) });
  await eventually(async () => {
    const live = await extensions.readCustomResourceDefinition({ name: `${plural}.${group}` });
    expect(live.status?.conditions?.find((c) => c.type === 'Established')?.status).toBe('True');
  });
}

/** Whether the custom resources `plural` in `ns` were sent to a dry run (Argo CD's wantDryRun). */
const dryRunOf = (ns: string, plural: string) => auditedDryRuns(ns).filter((e) => e.resource === plural);

/** Waits until `ref` exists, or `run` has ended first: then returns how it ended. */
async function endedBefore(run: Promise<CliRun>, ref: LiveRef): Promise<CliRun | undefined> {
  let ended: CliRun | undefined;
  void run.then((r) => { ended = r; });
  await eventually(async () => {
    if (!ended) expect(await liveObject(kit.h, ref)).toBeDefined();
  });
  return ended;
}

// Argo CD's table: does the custom resource get a dry run, and does the sync get its tasks.
describe('TestSyncCustomResources', () => {
  test('unknown crd', async () => {
    const { ns, app } = await freshApp(kit, 'crd-unknown');
    // Argo CD's dry run fails. hooksync asks the cluster before it starts (clusterPreflight) and
    // refuses the manifests, naming the kind it does not serve: nothing is written.
    const run = await cliSync(kit.h, crYaml('Doohickey'), { app, namespace: ns });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('does not serve Doohickey');
    expect(hooksyncRequests(ns)).toEqual([]);
  });

  test('crd present in same sync', async () => {
    const { ns, app } = await freshApp(kit, 'crd-same-sync');
    crds.push(`widgets.${group}`);
    const report = await argoSync(kit.h, documents(crYaml('Widget'), crdYaml('widgets', 'Widget')), { app, namespace: ns });

    expect(report.phase).toBe('Succeeded');
    expect(rowOf(report, 'Widget', 'my-resource')).toMatchObject({ status: 'Synced', namespace: ns });
    expect(rowOf(report, 'CustomResourceDefinition', `widgets.${group}`)).toMatchObject({ status: 'Synced' });
    // The server cannot know the kind before its CRD is applied: no dry run.
    expect(dryRunOf(ns, 'widgets')).toEqual([]);
  });

  test('crd is already present in cluster', async () => {
    const { ns, app } = await freshApp(kit, 'crd-present');
    await installCrd('gadgets', 'Gadget');
    const report = await argoSync(kit.h, crYaml('Gadget'), { app, namespace: ns });

    expect(report.phase).toBe('Succeeded');
    expect(rowNames(report)).toEqual(['Gadget/my-resource']);
    expect(dryRunOf(ns, 'gadgets')).not.toEqual([]);
  });

  test('crd is already present in cluster, skip dry run annotated', async () => {
    const { ns, app } = await freshApp(kit, 'crd-present-skip');
    await installCrd('sprockets', 'Sprocket');
    const report = await argoSync(kit.h, crYaml('Sprocket', SKIP_DRY_RUN), { app, namespace: ns });

    // The option only matters for a kind the server does not serve: this one is still dry-run.
    expect(report.phase).toBe('Succeeded');
    expect(dryRunOf(ns, 'sprockets')).not.toEqual([]);
  });

  test('unknown crd, skip dry run annotated', async () => {
    const { ns, app } = await freshApp(kit, 'crd-unknown-skip');
    // The kind is unknown when the sync starts and registered while it runs, as when an operator
    // that an earlier wave installs registers its CRDs: here the test creates the CRD while a
    // PreSync hook runs. Argo CD accepts such a sync; so must `hooksync sync`.
    const yaml = documents(jobYaml('install-crds', { hook: 'PreSync', runFor: '5s' }), crYaml('Thingamajig', SKIP_DRY_RUN));
    const run = cliSync(kit.h, yaml, { app, namespace: ns });
    // Still running once the hook exists (an early end is shown with what it printed).
    expect(await endedBefore(run, job(ns, 'install-crds'))).toBeUndefined();
    await installCrd('thingamajigs', 'Thingamajig');

    const ended = await run;
    expect(ended.stderr).toBe('');
    expect(ended.code).toBe(0);
    expect(await liveObject(kit.h, { apiVersion: `${group}/v1`, kind: 'Thingamajig', namespace: ns, name: 'my-resource' })).toBeDefined();
  });
});

test('TestSyncSuccessfully_Multistep', async () => {
  const { ns, app } = await freshApp(kit, 'multistep');
  const report = await argoSync(kit.h, documents(serviceYaml('my-service', { wave: 0 }), serviceYaml('new-svc-2', { wave: 5 })), { app, namespace: ns });

  expect(report.phase).toBe('Succeeded');
  expect(report.message).toBe('successfully synced (all tasks run)');
  expect(rowOf(report, 'Service', 'my-service')).toMatchObject(resourceRow('Succeeded', { wave: 0 }));
  expect(rowOf(report, 'Service', 'new-svc-2')).toMatchObject(resourceRow('Succeeded', { wave: 5 }));
});

test('TestSync_MultistepResourceDeletionMidstep', async () => {
  const { ns, app } = await freshApp(kit, 'deleted-midstep');
  // Wave 1 waits for a Deployment that stays Progressing; the test deletes it meanwhile.
  const yaml = documents(stuckDeploymentYaml('pod-1', { wave: 1 }), cmYaml('pod-2', { wave: 2 }));
  const handle = await startArgoSync(kit.h, yaml, { app, namespace: ns });
  await whenState(handle, (s) => expect(findRow(s, 'Deployment', 'pod-1')).toMatchObject({ state: 'Running', status: 'Synced' }));
  await kit.h.cluster.apps.deleteNamespacedDeployment({ namespace: ns, name: 'pod-1' });
  const report = await resultOf(kit.h, handle);

  expect(report.phase).toBe('Failed');
  expect(rowNames(report)).toEqual(['Deployment/pod-1']);
  expect(rowOf(report, 'Deployment', 'pod-1')).toMatchObject({
    status: 'SyncFailed', hookPhase: 'Error', health: 'Missing', message: 'resource apps/Deployment/pod-1 is missing, it might have been deleted',
  });
  expect(await liveObject(kit.h, configMap(ns, 'pod-2'))).toBeUndefined();
});

test('TestSyncCreateFailure', async () => {
  const { ns, app } = await freshApp(kit, 'create-failure');
  const report = await argoSync(kit.h, serviceYaml('my-service', { port: 99999 }), { app, namespace: ns });

  expect(report.phase).toBe('Failed');
  expect(rowNames(report)).toEqual(['Service/my-service']);
  const row = rowOf(report, 'Service', 'my-service');
  expect(row.status).toBe('SyncFailed');
  expect(row.message).toContain('spec.ports[0].port');
});

test('TestManagedResourceAreNotNamed', async () => {
  const { ns, app } = await freshApp(kit, 'unnamed-managed');
  // Argo CD leaves a plain resource without a name unnamed (and its apply then fails). hooksync
  // refuses generateName on anything but a hook before it starts (README "Semantics", Hook names).
  const run = await cliSync(kit.h, podYaml('my-pod').replace('  name: my-pod', '  generateName: my-pod-'), { app, namespace: ns });

  expect(run.code).toBe(2);
  expect(run.stderr).toContain('only hooks may use generateName');
  expect(hooksyncRequests(ns)).toEqual([]);
});

test('TestUnnamedHooksGetUniqueNames', async () => {
  const { ns, app } = await freshApp(kit, 'unnamed-hooks');
  // Argo CD names an unnamed hook from the revision; hooksync from generateName and a hash of the
  // sync, attempt, phase and manifest (README "Semantics", Hook names): one name per phase.
  const report = await argoSync(kit.h, jobYaml('hook-', { hook: 'PreSync,PostSync', generateName: true }), { app, namespace: ns });

  expect(report.phase).toBe('Succeeded');
  const names = report.resources.map((r) => r.name);
  expect(names).toHaveLength(2);
  expect(names[0]).toMatch(/^hook-presync-[0-9a-z]+$/);
  expect(names[1]).toMatch(/^hook-postsync-[0-9a-z]+$/);
  for (const name of names) expect(await liveObject(kit.h, job(ns, name))).toBeDefined();
});

test('TestDeDupingTasks', async () => {
  const { ns, app } = await freshApp(kit, 'dedup');
  // Argo CD's object is both a managed resource and a hook. Here a ConfigMap the app applied as a
  // resource comes back as a Sync hook, with --prune: one task (the hook), neither pruned nor applied twice.
  expect((await argoSync(kit.h, cmYaml('dup'), { app, namespace: ns })).phase).toBe('Succeeded');
  const report = await argoSync(kit.h, cmYaml('dup', { hook: 'Sync' }), { app, namespace: ns, prune: true });

  expect(report.phase).toBe('Succeeded');
  expect(report.resources).toHaveLength(1);
  expect(rowOf(report, 'ConfigMap', 'dup')).toMatchObject({ status: 'Synced', hookType: 'Sync', hookPhase: 'Succeeded' });
  expect(await liveObject(kit.h, configMap(ns, 'dup'))).toBeDefined();
});

test('TestObjectsGetANamespace', async () => {
  const { ns, app } = await freshApp(kit, 'gets-namespace');
  const report = await argoSync(kit.h, cmYaml('no-namespace'), { app, namespace: ns });

  expect(report.phase).toBe('Succeeded');
  expect(rowOf(report, 'ConfigMap', 'no-namespace')).toMatchObject({ namespace: ns });
  expect(await liveObject(kit.h, configMap(ns, 'no-namespace'))).toBeDefined();
});

const declaredNamespace = (name: string) => `
apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
`;

describe('TestNamespaceAutoCreation', () => {
  test('no pre-sync task if resource is managed', async () => {
    const ns = missingNamespace('ns-declared');
    const report = await argoSync(kit.h, documents(declaredNamespace(ns), cmYaml('app-config')), { app: ns, namespace: ns, createNamespace: true });

    expect(report.phase).toBe('Succeeded');
    // One Namespace task: the declared one, applied (and so marked as the app's) like any resource.
    expect(report.resources.filter((r) => r.kind === 'Namespace')).toHaveLength(1);
    const live = await liveObject(kit.h, namespaceRef(ns));
    expect(live?.metadata?.labels?.['hooksync.io/app']).toBe(ns);
  });

  test('pre-sync task when resource is not managed', async () => {
    const ns = missingNamespace('ns-created');
    const report = await argoSync(kit.h, cmYaml('app-config'), { app: ns, namespace: ns, createNamespace: true });

    expect(report.phase).toBe('Succeeded');
    expect(rowNames(report)).toEqual(['ConfigMap/app-config', `Namespace/${ns}`]);
    expect(rowOf(report, 'Namespace', ns)).toMatchObject({ status: 'Synced', syncPhase: 'PreSync', message: `namespace/${ns} created` });
  });

  test('pre-sync task when resource is not managed with existing sync', async () => {
    const ns = missingNamespace('ns-resynced');
    const opts = { app: ns, namespace: ns, createNamespace: true };
    expect((await argoSync(kit.h, cmYaml('app-config'), opts)).phase).toBe('Succeeded');
    const writesBefore = namespaceWrites(ns).length;
    expect(writesBefore).toBeGreaterThan(0);

    const again = await argoSync(kit.h, cmYaml('app-config'), { ...opts, prune: true });

    expect(again.phase).toBe('Succeeded');
    // Created only when missing: the second sync sent nothing to it, and never prunes it.
    expect(namespaceWrites(ns)).toHaveLength(writesBefore);
    expect(again.resources.filter((r) => r.kind === 'Namespace' && r.status !== 'Synced')).toEqual([]);
    expect((await liveObject(kit.h, namespaceRef(ns)))?.metadata?.deletionTimestamp).toBeUndefined();
  });

  test('no pre-sync task created if no modifier', async () => {
    const ns = missingNamespace('ns-not-created');
    const report = await argoSync(kit.h, cmYaml('app-config'), { app: ns, namespace: ns });

    // Without --create-namespace nothing creates it, and the ConfigMap has nowhere to go.
    expect(report.phase).toBe('Failed');
    expect(report.resources.filter((r) => r.kind === 'Namespace')).toEqual([]);
    expect(rowOf(report, 'ConfigMap', 'app-config')).toMatchObject({ status: 'SyncFailed' });
    expect(await liveObject(kit.h, namespaceRef(ns))).toBeUndefined();
  });
});

describe('TestNamespaceAutoCreationForNonExistingNs', () => {
  test('pre-sync task should exist and namespace creator should be called', async () => {
    const ns = missingNamespace('ns-missing');
    const report = await argoSync(kit.h, podYaml('my-pod'), { app: ns, namespace: ns, createNamespace: true });

    expect(report.phase).toBe('Succeeded');
    expect(rowNames(report)).toEqual([`Namespace/${ns}`, 'Pod/my-pod']);
    // 201 Created, whether by create or by server-side apply.
    expect(namespaceWrites(ns).map((e) => e.code)).toContain(201);
  });

  test('pre-sync task should be not created and namespace creator should be called', async () => {
    const { ns, app } = await freshApp(kit, 'ns-exists');
    const report = await argoSync(kit.h, podYaml('my-pod'), { app, namespace: ns, createNamespace: true });

    expect(report.phase).toBe('Succeeded');
    expect(rowOf(report, 'Pod', 'my-pod')).toMatchObject({ status: 'Synced' });
    // Argo CD has no task, so no row, for a namespace that exists. hooksync shows that it checked
    // (README "Semantics", Namespaces), and wrote nothing to it: it is left as it was.
    expect(rowOf(report, 'Namespace', ns)).toMatchObject({ status: 'Synced', message: `namespace/${ns} already exists` });
    expect(namespaceWrites(ns)).toEqual([]);
    const live = await liveObject(kit.h, namespaceRef(ns));
    expect(live?.metadata?.labels).toMatchObject({ 'hooksync.io/test': 'true' });
    expect(live?.metadata?.labels?.['hooksync.io/app']).toBeUndefined();
  });
});
