// The crash sweep (issue 5 point 2, catalogue C1–C5): the reference sync is run once without a
// fault, then once per kill point: the worker is SIGKILLed at the start and at the end of each of
// its activities in turn, and once inside the wait for each hook Job; a new worker takes over. For every
// kill point the sync must end as the uninterrupted run did, every hook must have been created
// exactly once (audit log) and run as one Job (pod UIDs), and no hooksync finalizer may be left.
// The numbers (kill points, duplicates, extra seconds per kill) are written for the README.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { ResourceRow } from '../../sync/syncRun';
import { planDeleteHooks, startDeletion } from '../../client/deleteClient';
import { newSyncId } from '../../client/syncClient';
import { auditedWrites } from '../support/auditLog';
import { activityRuns, inBatches, newFaultClusterName, readOracle, runOnFaultyWorker, runWithFault, type Oracle } from '../support/faultHarness';
import { runDir } from '../support/paths';
import { connectTestCluster, createTestNamespace, deleteTestNamespace } from '../support/testCluster';
import { connectTestClient } from '../support/syncHarness';
import { REFERENCE_JOBS, REFERENCE_SYNC } from './referenceSync';
import { DELETED_OBJECTS, DELETION_APP, DELETION_HOOKS, DELETION_JOBS, DELETION_MANIFESTS } from './referenceDeletion';

jest.setTimeout(30 * 60_000);
const cluster = connectTestCluster();
const HOOKS = [...REFERENCE_JOBS, 'notify'];
/** Kill points run side by side: each has its own task queue and namespace, and mostly waits. */
const PARALLEL = 4;
let client: Client;

beforeAll(async () => {
  client = await connectTestClient();
});
afterAll(async () => {
  await client.connection.close();
});

/** What must be the same after any kill: each row's outcome (messages say "adopted" after a crash). */
function outcome(rows: readonly ResourceRow[]): string[] {
  return rows.map((r) => [r.syncPhase, r.wave, r.kind, r.name, r.status, r.hookPhase ?? '', r.health ?? '', r.state].join(' '));
}

interface KillPoint {
  fault: string;
}

/**
 * The start and the end of every activity of the undisturbed run, by position, and inside the
 * wait for each Job (which runs 3 s): the crash strikes 1.5 s into whichever wait covers it.
 */
function killPoints(activities: number, jobs: readonly string[] = REFERENCE_JOBS): KillPoint[] {
  const ends = Array.from({ length: activities }, (_, i) => [`crash-before:${i + 1}`, `crash-after:${i + 1}`]).flat();
  return [...ends, ...jobs.map((job) => `crash-during:${job}`)].map((fault) => ({ fault }));
}

/** HOOKSYNC_SWEEP_ONLY=crash-after:3,... runs just those points (while working on one). */
function selected(points: KillPoint[]): KillPoint[] {
  const only = process.env.HOOKSYNC_SWEEP_ONLY?.split(',');
  return points.filter((p) => !only || only.includes(p.fault));
}

interface KillResult extends KillPoint {
  fired: boolean;
  /** Where the worker was when it died, as it said. */
  struck: string;
  seconds: number;
  phase: string;
  outcome: string[];
  oracle: Oracle;
  /** Highest activity attempt in history: at least 2 shows the interrupted activity ran again. */
  attempts: number;
}

async function runReference(fault?: string) {
  const namespace = await createTestNamespace(cluster, 'sweep');
  try {
    // An app per run: runs side by side must not see each other's objects as theirs.
    const run = await runWithFault({ client, namespace, app: namespace, yaml: REFERENCE_SYNC, fault });
    const oracle = await readOracle(cluster, namespace, HOOKS, REFERENCE_JOBS);
    const activities = await activityRuns(run.handle);
    return { run, oracle, activities };
  } finally {
    await deleteTestNamespace(cluster, namespace);
  }
}

test('C2 crash sweep: a worker killed at the start or end of any activity, or inside any wait, is replaced; the sync ends as without the kill and no hook runs twice', async () => {
  const baseline = await runReference();
  expect(baseline.run.report.phase).toBe('Succeeded');
  expect(baseline.oracle).toEqual({
    creates: Object.fromEntries(HOOKS.map((h) => [h, [201]])),
    jobUids: Object.fromEntries(REFERENCE_JOBS.map((j) => [j, 1])),
    finalizersLeft: [],
  });
  const points = selected(killPoints(baseline.activities.length));

  const results = await inBatches(points, PARALLEL, async (point): Promise<KillResult> => {
    const { run, oracle, activities } = await runReference(point.fault);
    const attempts = Math.max(...activities.map((a) => a.attempts));
    return { ...point, fired: run.fired, struck: run.struck ?? '', seconds: run.seconds, phase: run.report.phase, outcome: outcome(run.report.resources), oracle, attempts };
  });

  const duplicates = results.flatMap((r) => Object.entries(r.oracle.creates).filter(([, codes]) => codes.length !== 1).map(([hook]) => `${r.fault}: ${hook}`));
  const extra = results.map((r) => Math.round((r.seconds - baseline.run.seconds) * 10) / 10);
  const summary = {
    baselineSeconds: baseline.run.seconds,
    activities: baseline.activities.length,
    killPoints: results.length,
    fired: results.filter((r) => r.fired).length,
    duplicates: duplicates.length,
    extraSecondsPerKill: { min: Math.min(...extra), median: [...extra].sort((a, b) => a - b)[Math.floor(extra.length / 2)], max: Math.max(...extra) },
    heartbeatTimeoutSeconds: 5,
    points: results.map((r) => ({ struck: r.struck, seconds: r.seconds, attempts: r.attempts, phase: r.phase })),
  };
  writeFileSync(join(runDir(), 'crash-sweep.json'), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`crash sweep: ${summary.killPoints} kill points, ${summary.fired} fired, ${summary.duplicates} duplicates; extra seconds per kill ${JSON.stringify(summary.extraSecondsPerKill)} (baseline ${summary.baselineSeconds} s)`);

  // Every fault fired and was recovered from by running the interrupted activity again.
  expect(results.filter((r) => !r.fired || r.attempts < 2).map((r) => r.fault)).toEqual([]);
  expect(duplicates).toEqual([]);
  for (const r of results) {
    expect({ fault: r.fault, phase: r.phase, outcome: r.outcome }).toEqual({ fault: r.fault, phase: 'Succeeded', outcome: outcome(baseline.run.report.resources) });
    expect({ fault: r.fault, ...r.oracle }).toEqual({ fault: r.fault, ...baseline.oracle });
  }
});

/** Delete requests hooksync sent per object (`resource/name`), whatever the answer: 1 is "deleted once". */
function deletesOf(namespace: string): Record<string, number> {
  const deletes = auditedWrites(namespace).filter((e) => e.verb === 'delete' && e.userAgent.startsWith('hooksync/'));
  return Object.fromEntries(DELETED_OBJECTS.map((o) => [o, deletes.filter((e) => `${e.resource}/${e.name}` === o).length]));
}

/** The app's objects still there once the deletion has ended: only the one kept by Delete=false. */
async function objectsLeft(namespace: string): Promise<string[]> {
  const names = (items: Array<{ metadata?: { name?: string } }>, resource: string) => items.map((o) => `${resource}/${o.metadata?.name ?? ''}`);
  return [
    ...names((await cluster.apps.listNamespacedDeployment({ namespace })).items, 'deployments'),
    ...names((await cluster.core.listNamespacedService({ namespace })).items, 'services'),
    ...names((await cluster.core.listNamespacedConfigMap({ namespace })).items, 'configmaps').filter((n) => n !== 'configmaps/kube-root-ca.crt'),
  ].sort();
}

/** Syncs the reference app on a clean worker, then deletes it on one that carries the fault. */
async function runReferenceDeletion(fault?: string) {
  const namespace = await createTestNamespace(cluster, 'sweep-delete');
  try {
    const clusterName = newFaultClusterName();
    const synced = await runWithFault({ client, namespace, app: namespace, yaml: DELETION_APP, clusterName });
    if (synced.report.phase !== 'Succeeded') throw new Error(`the sync before the deletion ended ${synced.report.phase}: ${synced.report.message}`);
    const run = await runOnFaultyWorker({ clusterName, fault }, async () => {
      const syncId = newSyncId();
      const planned = await planDeleteHooks(['-'], { deleteId: syncId, namespace }, { stdin: DELETION_MANIFESTS });
      return startDeletion(client, { syncId, app: namespace, cluster: clusterName, hooks: planned.hooks, cascade: true });
    });
    const oracle = await readOracle(cluster, namespace, DELETION_HOOKS, DELETION_JOBS);
    return { run, oracle, deletes: deletesOf(namespace), left: await objectsLeft(namespace), activities: await activityRuns(run.handle) };
  } finally {
    await deleteTestNamespace(cluster, namespace);
  }
}

test('C2 crash sweep of a deletion: a worker killed at any step is replaced; the deletion ends as without the kill, nothing is deleted twice and no hook runs twice', async () => {
  const baseline = await runReferenceDeletion();
  expect(baseline.run.report.phase).toBe('Succeeded');
  expect(baseline.oracle).toEqual({
    creates: Object.fromEntries(DELETION_HOOKS.map((h) => [h, [201]])),
    jobUids: Object.fromEntries(DELETION_JOBS.map((j) => [j, 1])),
    finalizersLeft: [],
  });
  expect(baseline.deletes).toEqual(Object.fromEntries(DELETED_OBJECTS.map((o) => [o, 1])));
  expect(baseline.left).toEqual(['configmaps/keep-me']);
  const points = selected(killPoints(baseline.activities.length, DELETION_JOBS));

  const results = await inBatches(points, PARALLEL, async (point) => {
    const { run, oracle, deletes, left, activities } = await runReferenceDeletion(point.fault);
    const attempts = Math.max(...activities.map((a) => a.attempts));
    return { ...point, fired: run.fired, struck: run.struck ?? '', seconds: run.seconds, phase: run.report.phase, outcome: outcome(run.report.resources), oracle, deletes, left, attempts };
  });

  const duplicates = results.flatMap((r) => [
    ...Object.entries(r.oracle.creates).filter(([, codes]) => codes.length !== 1).map(([hook]) => `${r.fault}: hook ${hook} created ${r.oracle.creates[hook].length} times`),
    ...Object.entries(r.deletes).filter(([, n]) => n !== 1).map(([object, n]) => `${r.fault}: ${object} deleted ${n} times`),
  ]);
  const extra = results.map((r) => Math.round((r.seconds - baseline.run.seconds) * 10) / 10);
  const summary = {
    baselineSeconds: baseline.run.seconds,
    activities: baseline.activities.length,
    killPoints: results.length,
    fired: results.filter((r) => r.fired).length,
    duplicates: duplicates.length,
    extraSecondsPerKill: { min: Math.min(...extra), median: [...extra].sort((a, b) => a - b)[Math.floor(extra.length / 2)], max: Math.max(...extra) },
    points: results.map((r) => ({ struck: r.struck, seconds: r.seconds, attempts: r.attempts, phase: r.phase })),
  };
  writeFileSync(join(runDir(), 'crash-sweep-delete.json'), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`crash sweep (deletion): ${summary.killPoints} kill points, ${summary.fired} fired, ${summary.duplicates} duplicates; extra seconds per kill ${JSON.stringify(summary.extraSecondsPerKill)} (baseline ${summary.baselineSeconds} s)`);

  expect(results.filter((r) => !r.fired || r.attempts < 2).map((r) => r.fault)).toEqual([]);
  expect(duplicates).toEqual([]);
  for (const r of results) {
    expect({ fault: r.fault, phase: r.phase, outcome: r.outcome, left: r.left }).toEqual({ fault: r.fault, phase: 'Succeeded', outcome: outcome(baseline.run.report.resources), left: baseline.left });
    expect({ fault: r.fault, ...r.oracle }).toEqual({ fault: r.fault, ...baseline.oracle });
  }
});
