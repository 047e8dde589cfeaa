// Fewer hops per wave, read from the sync's history. Resources healthy in the apply's answer skip
// the wait (patch apply-finishes-resources-done-at-once, activities/doneOnApply.ts): a wave of a
// ConfigMap, a Secret and a ClusterIP Service is one applyGroup and no awaitGroup, while a
// Deployment's wave and hooks still wait; the rows read as after a wait. A hook group's finalizers
// come off in the next group's apply (patch hooks-released-by-next-apply), the last group's in one
// releaseHooks at the end; no finalizer of ours is left. With HOOKSYNC_RECORD_HISTORIES=1 the
// history is also written, decoded, to test/histories.
import { decodedHistory, inputOf, patchMarkers, recordHistory, scheduledActivities } from '../../support/recordedHistory';
import { HOOK_FINALIZER } from '../../../sync/stamp';
import { syncWorkflowId } from '../../../workflows/messages';
import { documents, jobOrUndefined, jobYaml, syncWithin, useSyncHarness } from './syncTestKit';

const kit = useSyncHarness();

const wave = (n: number) => `argocd.argoproj.io/sync-wave: "${n}"`;

const DONE_AT_ONCE = `
apiVersion: v1
kind: ConfigMap
metadata: { name: settings, annotations: { ${wave(0)} } }
data: { mode: fast }
---
apiVersion: v1
kind: Secret
metadata: { name: fake-token, annotations: { ${wave(0)} } }
stringData: { token: not-a-real-secret }
---
apiVersion: v1
kind: Service
metadata: { name: web, annotations: { ${wave(0)} } }
spec: { selector: { app: web }, ports: [{ port: 80 }] }
`;

const DEPLOYMENT = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, annotations: { ${wave(1)} } }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: "web:1" }] }
`;

/** A PostSync hook that is done at once and deleted once it succeeded: the last hook group. */
const NOTIFY_HOOK = `
apiVersion: v1
kind: ConfigMap
metadata:
  name: notify
  annotations: { argocd.argoproj.io/hook: PostSync, argocd.argoproj.io/hook-delete-policy: HookSucceeded }
data: { message: synced }
`;

interface GroupInput { tasks: Array<{ ref: { kind: string } }>; finishDone?: boolean; release?: Array<{ kind: string; name: string }> }

function describeStep(name: string, input: GroupInput | Array<{ kind: string; name: string }>): string {
  if (Array.isArray(input)) return `${name} ${input.map((r) => `${r.kind}/${r.name}`).join(' ')}`;
  const kinds = Array.isArray(input.tasks) ? ` ${[...new Set(input.tasks.map((t) => t.ref.kind))].join('+')}` : '';
  const release = input.release ? `, release ${input.release.map((r) => `${r.kind}/${r.name}`).join(' ')}` : '';
  return `${name}${kinds}${input.finishDone ? ` (finishDone${release})` : ''}`;
}

test('a wave healthy in the apply answer schedules no wait, and the release of a hook group rides on the next apply', async () => {
  const ns = await kit.namespace('wave-done-on-apply');
  const app = ns;
  const run = await syncWithin(kit.h, documents(jobYaml('migrate', { hook: 'PreSync', runFor: '1s' }), DONE_AT_ONCE, DEPLOYMENT, NOTIFY_HOOK), { app, namespace: ns });
  expect(run.report.phase).toBe('Succeeded');

  const history = await decodedHistory(kit.h.client, syncWorkflowId(kit.h.clusterName, app), run.report.runId);
  expect(patchMarkers(history)).toEqual(expect.arrayContaining(['apply-finishes-resources-done-at-once', 'hooks-released-by-next-apply']));
  const steps = scheduledActivities(history).map((s) => describeStep(s.activityType.name, inputOf(s) as GroupInput));
  expect(steps).toEqual([
    // The dry run rides on the first group's apply (activities/dryRunThenApply.ts).
    'dryRunThenApply Job (finishDone)',
    'awaitGroup Job',
    // Wave 0: the PreSync Job's release rides on its apply, which finishes it: no awaitGroup.
    'applyGroup Secret+ConfigMap+Service (finishDone, release Job/migrate)',
    'applyGroup Deployment (finishDone)',
    'awaitGroup Deployment',
    'applyGroup ConfigMap (finishDone)',
    'awaitGroup ConfigMap',
    'releaseHooks ConfigMap/notify',
    'deleteHooks ConfigMap/notify',
  ]);

  const rows = Object.fromEntries(run.report.resources.map((r) => [`${r.kind}/${r.name}`, { state: r.state, status: r.status, hookPhase: r.hookPhase, health: r.health, message: r.message }]));
  expect(rows['ConfigMap/settings']).toEqual({ state: 'Succeeded', status: 'Synced', hookPhase: 'Succeeded', health: undefined, message: 'configmap/settings created' });
  expect(rows['Secret/fake-token']).toEqual({ state: 'Succeeded', status: 'Synced', hookPhase: 'Succeeded', health: undefined, message: 'secret/fake-token created' });
  expect(rows['Service/web']).toMatchObject({ state: 'Succeeded', status: 'Synced', hookPhase: 'Succeeded', health: 'Healthy' });
  expect(rows['Deployment/web']).toMatchObject({ state: 'Succeeded', status: 'Synced', health: 'Healthy' });
  expect(rows['Job/migrate']).toMatchObject({ state: 'Succeeded', hookPhase: 'Succeeded' });
  expect(rows['ConfigMap/notify']).toMatchObject({ state: 'Succeeded', hookPhase: 'Succeeded' });
  // The Job stays (its default policy, BeforeHookCreation), without our finalizer.
  expect((await jobOrUndefined(kit.h, ns, 'migrate'))?.metadata?.finalizers ?? []).not.toContain(HOOK_FINALIZER);
  recordHistory('hooks-released-by-next-apply.json', history);
});
