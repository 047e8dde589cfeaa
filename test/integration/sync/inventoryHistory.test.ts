// What the workflow lists when it starts, read from its history (patch prune-lists-inventory-kinds-only):
// nothing without --prune; with it, one listLiveObjects of the plan's and the inventory's kinds, or
// of every kind when no inventory is known. With HOOKSYNC_RECORD_HISTORIES=1 the histories are also
// written, decoded, to test/histories for the replay tests.
import { decodedHistory as historyOf, inputOf, recordHistory as record, scheduledActivities as scheduled, type HistoryJson } from '../../support/recordedHistory';
import { runSync, type SyncRun } from '../../support/syncHarness';
import { syncWorkflowId } from '../../../workflows/messages';
import { configMapYaml, useSyncHarness } from './syncTestKit';

const kit = useSyncHarness();
let ns: string;

beforeAll(async () => {
  ns = await kit.namespace('inventory-history');
});

/** The run's history with its payloads decoded (as the worker sees them). */
const decodedHistory = (app: string, run: SyncRun) => historyOf(kit.h.client, syncWorkflowId(kit.h.clusterName, app), run.report.runId);

const listings = (history: HistoryJson) => scheduled(history).filter((s) => /^list/.test(s.activityType.name));

test('a sync lists nothing without --prune, and with it only the inventory kinds once one is known', async () => {
  const app = 'inventory-history';
  const yaml = configMapYaml();
  const first = await runSync(kit.h, yaml, { app, namespace: ns, prune: true });
  expect(first.report.phase).toBe('Succeeded');
  // The app's first sync knows no inventory: every kind, listed by the same activity.
  expect(listings(await decodedHistory(app, first)).map((s) => [s.activityType.name, inputOf(s)])).toEqual([['listLiveObjects', { app }]]);

  const withoutPrune = await runSync(kit.h, yaml, { app, namespace: ns });
  expect(withoutPrune.report.phase).toBe('Succeeded');
  const quiet = await decodedHistory(app, withoutPrune);
  expect(listings(quiet)).toEqual([]);
  record('sync-without-prune-lists-nothing.json', quiet);

  const pruned = await runSync(kit.h, yaml, { app, namespace: ns, prune: true });
  expect(pruned.report.phase).toBe('Succeeded');
  const inventory = await decodedHistory(app, pruned);
  expect(listings(inventory).map((s) => inputOf(s))).toEqual([{ app, kinds: [{ apiVersion: 'v1', kind: 'ConfigMap' }] }]);
  record('prune-lists-inventory-kinds.json', inventory);
});
