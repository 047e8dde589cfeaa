// Replays recorded histories of the sync workflow against today's workflow code: a change that
// would break a sync already running fails here, before it reaches a worker. The negative case
// edits a history and must be caught, so that a replay that checks nothing cannot pass silently.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { AesGcmCodec } from '../../../codec/aesGcmCodec';
import { hooksyncDataConverter } from '../../../codec/dataConverter';
import { parseKeyRing } from '../../../codec/keyRing';
import { encodeHistoryPayloads, hasEncryptedPayloads, replayConverter } from '../../support/historyCodec';

const historiesDir = join(__dirname, '..', '..', 'histories');
const workflowsPath = require.resolve('../../../workflows');

Runtime.install({ logger: new DefaultLogger('ERROR') });
jest.setTimeout(120_000);

const historyText = (file: string) => readFileSync(join(historiesDir, file), 'utf8');

function loadHistory(file: string) {
  return historyFromJSON(JSON.parse(historyText(file)));
}

const files = readdirSync(historiesDir).filter((f) => f.endsWith('.json')).sort();

test('there are recorded histories to replay', () => {
  expect(files.length).toBeGreaterThan(0);
});

test.each(files)('replays %s without a determinism error', async (file) => {
  // The workers' data converter: the same failure converter, and the codec if payloads are encrypted.
  const dataConverter = replayConverter(historyText(file));
  await expect(Worker.runReplayHistory({ workflowsPath, replayName: file, dataConverter }, loadHistory(file))).resolves.toBeUndefined();
});

test('a history with encrypted payloads replays with its key ring, and not without it', async () => {
  const ring = parseKeyRing(`replay:${randomBytes(32).toString('base64')}`, 'test');
  const encrypted = await encodeHistoryPayloads(JSON.parse(historyText(files[0])), new AesGcmCodec(ring));
  expect(hasEncryptedPayloads(JSON.stringify(encrypted))).toBe(true);
  const withKey = hooksyncDataConverter({ ring });
  await expect(Worker.runReplayHistory({ workflowsPath, replayName: 'encrypted', dataConverter: withKey }, historyFromJSON(encrypted))).resolves.toBeUndefined();
  await expect(Worker.runReplayHistory({ workflowsPath, replayName: 'encrypted-no-key', dataConverter: hooksyncDataConverter({}) }, historyFromJSON(encrypted))).rejects.toThrow(/workflow task failure/);
});

test('an edited history (another first activity) is a determinism error', async () => {
  const json = JSON.parse(readFileSync(join(historiesDir, files[0]), 'utf8')) as { events: Array<Record<string, { activityType?: { name: string } }>> };
  const scheduled = json.events.find((e) => e.activityTaskScheduledEventAttributes)!;
  scheduled.activityTaskScheduledEventAttributes.activityType = { name: 'someOtherActivity' };
  await expect(Worker.runReplayHistory({ workflowsPath, replayName: 'edited' }, historyFromJSON(json))).rejects.toThrow(DeterminismViolationError);
});
