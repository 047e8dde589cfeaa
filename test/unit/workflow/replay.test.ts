// Replays recorded histories of the sync workflow against today's workflow code: a change that
// would break a sync already running fails here, before it reaches a worker. The negative case
// edits a history and must be caught, so that a replay that checks nothing cannot pass silently.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';

const historiesDir = join(__dirname, '..', '..', 'histories');
const workflowsPath = require.resolve('../../../workflows');

Runtime.install({ logger: new DefaultLogger('ERROR') });
jest.setTimeout(120_000);

function loadHistory(file: string) {
  return historyFromJSON(JSON.parse(readFileSync(join(historiesDir, file), 'utf8')));
}

const files = readdirSync(historiesDir).filter((f) => f.endsWith('.json')).sort();

test('there are recorded histories to replay', () => {
  expect(files.length).toBeGreaterThan(0);
});

test.each(files)('replays %s without a determinism error', async (file) => {
  await expect(Worker.runReplayHistory({ workflowsPath, replayName: file }, loadHistory(file))).resolves.toBeUndefined();
});

test('an edited history (another first activity) is a determinism error', async () => {
  const json = JSON.parse(readFileSync(join(historiesDir, files[0]), 'utf8')) as { events: Array<Record<string, { activityType?: { name: string } }>> };
  const scheduled = json.events.find((e) => e.activityTaskScheduledEventAttributes)!;
  scheduled.activityTaskScheduledEventAttributes.activityType = { name: 'someOtherActivity' };
  await expect(Worker.runReplayHistory({ workflowsPath, replayName: 'edited' }, historyFromJSON(json))).rejects.toThrow(DeterminismViolationError);
});
