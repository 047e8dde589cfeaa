// Resources healthy in the apply's answer skip the wait (patch apply-finishes-resources-done-at-once,
// activities/doneOnApply.ts), read from the sync's history: a wave of a ConfigMap, a Secret and a
// ClusterIP Service is one applyGroup and no awaitGroup; a Deployment's wave and a hook Job's
// still wait, and the hook's finalizer is still released. The rows read as after a wait. With
// HOOKSYNC_RECORD_HISTORIES=1 the history is also written, decoded, to test/histories.
import { decodedHistory, inputOf, patchMarkers, recordHistory, scheduledActivities } from '../../support/recordedHistory';
import { syncWorkflowId } from '../../../workflows/messages';
import { documents, jobYaml, syncWithin, useSyncHarness } from './syncTestKit';

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

interface GroupInput { tasks: Array<{ ref: { kind: string } }>; finishDone?: boolean }

test('a wave healthy in the apply answer schedules no wait; a Deployment and a hook Job still wait', async () => {
  const ns = await kit.namespace('wave-done-on-apply');
  const app = ns;
  const run = await syncWithin(kit.h, documents(jobYaml('migrate', { hook: 'PreSync', runFor: '1s' }), DONE_AT_ONCE, DEPLOYMENT), { app, namespace: ns });
  expect(run.report.phase).toBe('Succeeded');

  const history = await decodedHistory(kit.h.client, syncWorkflowId(kit.h.clusterName, app), run.report.runId);
  expect(patchMarkers(history)).toContain('apply-finishes-resources-done-at-once');
  const steps = scheduledActivities(history).map((s) => {
    const input = inputOf(s) as GroupInput;
    const kinds = Array.isArray(input.tasks) ? ` ${[...new Set(input.tasks.map((t) => t.ref.kind))].join('+')}` : '';
    return `${s.activityType.name}${kinds}${input.finishDone ? ' (finishDone)' : ''}`;
  });
  expect(steps).toEqual([
    'dryRunSync',
    'applyGroup Job (finishDone)',
    'awaitGroup Job',
    'releaseHooks',
    // Wave 0: finished by its apply, so no awaitGroup before wave 1's apply.
    'applyGroup Secret+ConfigMap+Service (finishDone)',
    'applyGroup Deployment (finishDone)',
    'awaitGroup Deployment',
  ]);

  const rows = Object.fromEntries(run.report.resources.map((r) => [`${r.kind}/${r.name}`, { state: r.state, status: r.status, hookPhase: r.hookPhase, health: r.health, message: r.message }]));
  expect(rows['ConfigMap/settings']).toEqual({ state: 'Succeeded', status: 'Synced', hookPhase: 'Succeeded', health: undefined, message: 'configmap/settings created' });
  expect(rows['Secret/fake-token']).toEqual({ state: 'Succeeded', status: 'Synced', hookPhase: 'Succeeded', health: undefined, message: 'secret/fake-token created' });
  expect(rows['Service/web']).toMatchObject({ state: 'Succeeded', status: 'Synced', hookPhase: 'Succeeded', health: 'Healthy' });
  expect(rows['Deployment/web']).toMatchObject({ state: 'Succeeded', status: 'Synced', health: 'Healthy' });
  expect(rows['Job/migrate']).toMatchObject({ state: 'Succeeded', hookPhase: 'Succeeded' });
  recordHistory('resources-done-on-apply-skip-wait.json', history);
});
