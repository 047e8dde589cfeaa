// Dependencies inside one sync (spec §3.3, §3.6 step 5, §7.4, §9 cases 22 and 23): a CRD and its
// custom resource, and a Namespace that a PreSync hook lives in. The plan pulls the dependency in
// front of its first dependent; the sync must then really create it first and succeed.
import { randomBytes } from 'node:crypto';
import { ApiextensionsV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { planTasks } from '../../../sync/types';
import { auditEntries, auditedWrites, isHooksyncWrite } from '../../support/auditLog';
import { planYaml, rowOf } from '../../support/syncHarness';
import { configMapYaml, documents, hooksyncRequests, jobYaml, syncWithin, useSyncHarness } from './syncTestKit';

const crds: string[] = [];
const group = `t${randomBytes(4).toString('hex')}.hooksync.test`;
const kit = useSyncHarness({
  // A custom resource is outside the worker's documented role: its rule is added, as the role says.
  workerRules: [{ apiGroups: [group], resources: ['widgets'], verbs: ['get', 'watch', 'create', 'patch', 'delete', 'list'] }],
  async cleanUp(h) {
    const extensions = h.cluster.kc.makeApiClient(ApiextensionsV1Api);
    for (const name of crds) await extensions.deleteCustomResourceDefinition({ name }).catch(() => undefined);
  },
});
const { namespace } = kit;

/** When hooksync's first accepted write of a cluster-scoped object reached the API server. */
/** When hooksync first wrote a cluster-scoped object, per the audit log. */
function firstClusterWrite(resource: string, name: string): string | undefined {
  const writes = auditEntries(name, (e) => e.resource === resource && e.name === name && e.namespace === '' && isHooksyncWrite(e));
  return writes[0]?.receivedAt;
}

test('§3.3 / §7.4 (case 23): a CRD and its custom resource in one sync: the CRD is pulled forward and the CR applied after it', async () => {
  const ns = await namespace('crd-and-cr');
  const crdName = `widgets.${group}`;
  crds.push(crdName);
  // The CRD sits in a later wave than its CR; the plan must move it in front of the CR.
  const yaml = documents(
    `
apiVersion: ${group}/v1
kind: Widget
metadata:
  name: gadget
  annotations: { argocd.argoproj.io/sync-wave: "-1" }
spec:
  size: 3
`,
    `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ${crdName}
  annotations: { argocd.argoproj.io/sync-wave: "5" }
spec:
  group: ${group}
  scope: Namespaced
  names: { plural: widgets, singular: widget, kind: Widget, listKind: WidgetList }
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec: { type: object, properties: { size: { type: integer } } }
`,
  );

  const { plan, problems } = await planYaml(yaml, ns);
  expect(problems).toEqual([]);
  const tasks = planTasks(plan).map((t) => ({ kind: t.ref.kind, phase: t.phase, wave: t.wave, namespace: t.ref.namespace }));
  expect(tasks).toEqual([
    { kind: 'CustomResourceDefinition', phase: 'Sync', wave: -1, namespace: '' },
    { kind: 'Widget', phase: 'Sync', wave: -1, namespace: ns },
  ]);

  const { report } = await syncWithin(kit.h, yaml, { app: 'crd-and-cr', namespace: ns });

  expect(report.message).toBe('successfully synced (all tasks run)');
  expect(report.phase).toBe('Succeeded');
  expect(rowOf(report, 'CustomResourceDefinition', crdName)).toMatchObject({ status: 'Synced', wave: -1 });
  expect(rowOf(report, 'Widget', 'gadget')).toMatchObject({ status: 'Synced', namespace: ns, wave: -1 });
  const live = (await kit.h.cluster.kc.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({
    group, version: 'v1', namespace: ns, plural: 'widgets', name: 'gadget',
  })) as { spec?: { size?: number } };
  expect(live.spec?.size).toBe(3);
  const crdWritten = firstClusterWrite('customresourcedefinitions', crdName);
  const crWritten = hooksyncRequests(ns).find((e) => e.resource === 'widgets' && e.name === 'gadget' && e.code < 300)?.receivedAt;
  expect(crdWritten).toBeDefined();
  expect(crWritten).toBeDefined();
  expect(crdWritten! < crWritten!).toBe(true);
});

test('§3.3 (case 22): a Namespace in the same sync is created before the PreSync hook that lives in it', async () => {
  const target = `nsdep-${randomBytes(3).toString('hex')}`;
  kit.deleteNamespaceAfterAll(target);
  // The hook and the ConfigMap name the namespace; the sync's default namespace is another one.
  const defaultNs = await namespace('nsdep-default');
  const yaml = documents(
    jobYaml('migrate', { hook: 'PreSync', namespace: target }),
    configMapYaml({ namespace: target }),
    `
apiVersion: v1
kind: Namespace
metadata:
  name: ${target}
  labels: { hooksync.io/test: "true" }
`,
  );

  const { plan, problems } = await planYaml(yaml, defaultNs);
  expect(problems).toEqual([]);
  expect(planTasks(plan).map((t) => `${t.phase} ${t.ref.kind}`)).toEqual(['PreSync Namespace', 'PreSync Job', 'Sync ConfigMap']);

  const { report } = await syncWithin(kit.h, yaml, { app: 'nsdep', namespace: defaultNs });

  expect(report.phase).toBe('Succeeded');
  expect(rowOf(report, 'Namespace', target)).toMatchObject({ syncPhase: 'PreSync', status: 'Synced' });
  expect(rowOf(report, 'Job', 'migrate')).toMatchObject({ namespace: target, syncPhase: 'PreSync', hookPhase: 'Succeeded' });
  expect(rowOf(report, 'ConfigMap', 'app-config')).toMatchObject({ namespace: target, status: 'Synced' });
  const writes = auditedWrites(target).filter((e) => e.userAgent.startsWith('hooksync/') && e.code < 300);
  const first = [...new Set(writes.map((e) => `${e.resource}/${e.name}`))];
  expect(first).toEqual([`namespaces/${target}`, 'jobs/migrate', 'configmaps/app-config']);
  expect(hooksyncRequests(defaultNs)).toEqual([]);
});
