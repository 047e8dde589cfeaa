// The recorded histories of the two "fewer hops per wave" patches (recorded by
// test/integration/sync/doneOnApply.test.ts) show what the replay tests rely on them for, and
// replay against today's workflow code:
// - resources-done-on-apply-skip-wait.json (apply-finishes-resources-done-at-once): every apply
//   asks for finished resources, and a wave finished by its apply goes straight on to the next apply;
// - hooks-released-by-next-apply.json (both patches): the PreSync hook's release rides on the next
//   apply, and one releaseHooks is left, for the last hook group.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { inputOf, patchMarkers, scheduledActivities, type HistoryJson } from '../../support/recordedHistory';
import { replayConverter } from '../../support/historyCodec';

Runtime.install({ logger: new DefaultLogger('ERROR') });
jest.setTimeout(120_000);

const DONE_ON_APPLY = 'resources-done-on-apply-skip-wait.json';
const RELEASED_BY_APPLY = 'hooks-released-by-next-apply.json';
const text = (file: string) => readFileSync(join(__dirname, '..', '..', 'histories', file), 'utf8');
const history = (file: string) => JSON.parse(text(file)) as HistoryJson;

interface Step { type: string; kinds: string[]; finishDone?: boolean; release?: string[] }

function steps(file: string): Step[] {
  return scheduledActivities(history(file)).map((s) => {
    const input = inputOf(s) as { tasks?: Array<{ ref: { kind: string } }>; finishDone?: boolean; release?: Array<{ name: string }> };
    return { type: s.activityType.name, kinds: input.tasks?.map((t) => t.ref.kind) ?? [], finishDone: input.finishDone, release: input.release?.map((r) => r.name) };
  });
}

test(`${DONE_ON_APPLY}: the patch, and its ConfigMap wave goes straight on to the next apply`, () => {
  expect(patchMarkers(history(DONE_ON_APPLY))).toContain('apply-finishes-resources-done-at-once');
  const all = steps(DONE_ON_APPLY);
  expect(all.filter((s) => s.type === 'applyGroup').every((s) => s.finishDone === true)).toBe(true);
  const wave0 = all.findIndex((s) => s.type === 'applyGroup' && s.kinds.includes('ConfigMap'));
  expect(all[wave0 + 1]).toMatchObject({ type: 'applyGroup', kinds: ['Deployment'] });
  // Hooks and Deployments still wait.
  expect(all.filter((s) => s.type === 'awaitGroup').map((s) => s.kinds)).toEqual([['Job'], ['Deployment']]);
});

test(`${RELEASED_BY_APPLY}: both patches; the PreSync Job is released by the next apply, the last hook group at the end`, () => {
  expect(patchMarkers(history(RELEASED_BY_APPLY))).toEqual(expect.arrayContaining(['apply-finishes-resources-done-at-once', 'hooks-released-by-next-apply']));
  const all = steps(RELEASED_BY_APPLY);
  const presyncWait = all.findIndex((s) => s.type === 'awaitGroup' && s.kinds.includes('Job'));
  expect(all[presyncWait + 1]).toMatchObject({ type: 'applyGroup', release: ['migrate'] });
  expect(all.filter((s) => s.type === 'releaseHooks')).toHaveLength(1);
  expect(all.slice(-2).map((s) => s.type)).toEqual(['releaseHooks', 'deleteHooks']);
});

test.each([DONE_ON_APPLY, RELEASED_BY_APPLY])('%s replays without a determinism error', async (file) => {
  const workflowsPath = require.resolve('../../../workflows');
  await expect(Worker.runReplayHistory({ workflowsPath, replayName: file, dataConverter: replayConverter(text(file)) }, historyFromJSON(history(file)))).resolves.toBeUndefined();
});
