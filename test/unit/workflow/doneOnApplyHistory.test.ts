// The recorded history of patch apply-finishes-resources-done-at-once (recorded by
// test/integration/sync/doneOnApply.test.ts) shows what the replay tests rely on it for: the
// marker, every apply asking for finished resources, and a wave finished by its apply followed by
// the next wave's apply with no wait between. Then it replays against today's workflow code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { inputOf, patchMarkers, scheduledActivities, type HistoryJson } from '../../support/recordedHistory';
import { replayConverter } from '../../support/historyCodec';

const FILE = 'resources-done-on-apply-skip-wait.json';
const text = readFileSync(join(__dirname, '..', '..', 'histories', FILE), 'utf8');
const history = JSON.parse(text) as HistoryJson;

Runtime.install({ logger: new DefaultLogger('ERROR') });
jest.setTimeout(120_000);

test('the history carries the patch, and its ConfigMap wave goes straight on to the next apply', () => {
  expect(patchMarkers(history)).toContain('apply-finishes-resources-done-at-once');
  const steps = scheduledActivities(history).map((s) => {
    const input = inputOf(s) as { tasks?: Array<{ ref: { kind: string } }>; finishDone?: boolean };
    return { type: s.activityType.name, kinds: input.tasks?.map((t) => t.ref.kind) ?? [], finishDone: input.finishDone };
  });
  const applies = steps.filter((s) => s.type === 'applyGroup');
  expect(applies.every((s) => s.finishDone === true)).toBe(true);
  const wave0 = steps.findIndex((s) => s.type === 'applyGroup' && s.kinds.includes('ConfigMap'));
  expect(steps[wave0 + 1]).toMatchObject({ type: 'applyGroup', kinds: ['Deployment'] });
  // Hooks and Deployments still wait.
  expect(steps.filter((s) => s.type === 'awaitGroup').map((s) => s.kinds)).toEqual([['Job'], ['Deployment']]);
});

test('it replays without a determinism error', async () => {
  const workflowsPath = require.resolve('../../../workflows');
  await expect(Worker.runReplayHistory({ workflowsPath, replayName: FILE, dataConverter: replayConverter(text) }, historyFromJSON(history))).resolves.toBeUndefined();
});
