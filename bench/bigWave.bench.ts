// Benchmark: one wave of N ConfigMaps (or Deployments) (issue 12, "waits that scale"). For each N it runs one sync
// and prints workflow start→close from the history's own event times, the history's size (events
// and bytes as stored) and the activities that ran more than once. Not part of the test command:
//   HOOKSYNC_BENCH=1 HOOKSYNC_BENCH_COUNTS=1,200,1000 npx jest --selectProjects bench bench/bigWave.bench.ts
// Results also go to <run dir>/bench-big-wave.json.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { activityRuns, timeOf } from '../test/support/faultHarness';
import { runDir } from '../test/support/paths';
import { runSync, startSyncHarness, type SyncHarness } from '../test/support/syncHarness';
import { createTestNamespace, deleteTestNamespace } from '../test/support/testCluster';
import { syncWorkflowId } from '../workflows/messages';

jest.setTimeout(60 * 60_000);
const COUNTS = (process.env.HOOKSYNC_BENCH_COUNTS ?? '1,200,1000').split(',').map(Number);
let h: SyncHarness;

beforeAll(async () => {
  h = await startSyncHarness();
});
afterAll(async () => {
  await h.stop();
});

/** HOOKSYNC_BENCH_KIND=Deployment: objects that turn healthy one by one, not at once. */
const KIND = process.env.HOOKSYNC_BENCH_KIND ?? 'ConfigMap';

const configMap = (i: number) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: cm-${i}
data:
  index: "${i}"
`;

const deployment = (i: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${i}
spec:
  replicas: 1
  selector: { matchLabels: { app: web-${i} } }
  template:
    metadata: { labels: { app: web-${i} } }
    spec: { containers: [{ name: web, image: "web:1" }] }
`;

const manifests = (n: number) => Array.from({ length: n }, (_, i) => (KIND === 'Deployment' ? deployment(i) : configMap(i))).join('---\n');

interface Round {
  objects: number;
  kind: string;
  phase: string;
  seconds: number;
  events: number;
  historyBytes: number;
  activities: number;
  retried: string[];
  /** Seconds from scheduled to completed, per activity type. */
  activitySeconds: Record<string, number>;
  /** Bytes per event type, biggest first: what the history holds. */
  bytesByEvent: Record<string, number>;
  /** Each event's type and ms since the workflow started: where the time goes. */
  timeline?: string;
}

function timeline(events: temporal.api.history.v1.IHistoryEvent[]): string {
  const start = timeOf(events[0]);
  const name = (type: number | null | undefined) => (temporal.api.enums.v1.EventType[type ?? 0] ?? '').replace('EVENT_TYPE_', '').toLowerCase();
  return events.map((e) => `${name(e.eventType)}@${timeOf(e) - start}`).join(' ');
}

function bytesByEvent(events: temporal.api.history.v1.IHistoryEvent[]): Record<string, number> {
  const sizes = new Map<string, number>();
  for (const e of events) {
    const type = (temporal.api.enums.v1.EventType[e.eventType ?? 0] ?? '').replace('EVENT_TYPE_', '').toLowerCase();
    sizes.set(type, (sizes.get(type) ?? 0) + temporal.api.history.v1.HistoryEvent.encode(e).finish().length);
  }
  return Object.fromEntries([...sizes].sort((a, b) => b[1] - a[1]).slice(0, 6));
}

async function oneRound(n: number): Promise<Round> {
  const namespace = await createTestNamespace(h.cluster, 'bigwave');
  try {
    const { report } = await runSync(h, manifests(n), { app: namespace, namespace });
    const handle = h.client.workflow.getHandle(syncWorkflowId(h.clusterName, namespace), report.runId);
    const history = await handle.fetchHistory();
    const events = history.events ?? [];
    const runs = await activityRuns(handle);
    return {
      objects: n,
      kind: KIND,
      phase: report.phase,
      seconds: (timeOf(events[events.length - 1]) - timeOf(events[0])) / 1000,
      events: events.length,
      historyBytes: temporal.api.history.v1.History.encode(history).finish().length,
      activities: runs.length,
      activitySeconds: Object.fromEntries(runs.map((r) => [r.type, r.seconds])),
      bytesByEvent: bytesByEvent(events),
      timeline: process.env.HOOKSYNC_BENCH_TIMELINE ? timeline(events) : undefined,
      retried: runs.filter((r) => r.attempts > 1).map((r) => `${r.type} x${r.attempts}: ${r.lastFailure ?? ''}`),
    };
  } finally {
    await deleteTestNamespace(h.cluster, namespace);
  }
}

test(`one wave of ${COUNTS.join(', ')} ${KIND}s`, async () => {
  const rounds: Round[] = [];
  for (const n of COUNTS) {
    const round = await oneRound(n);
    rounds.push(round);
    console.log(`big wave: ${JSON.stringify(round)}`);
  }
  writeFileSync(join(runDir(), 'bench-big-wave.json'), `${JSON.stringify(rounds, null, 2)}\n`);
});
