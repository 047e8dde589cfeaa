// `--log-format json`: one object per line, the same shape for the worker's lines and the SDK's.
import { jsonLine, sdkJsonLine } from '../../../worker/jsonLog';
import { workerLog } from '../../../worker/workerLog';

const at = new Date('2026-12-03T06:00:00.000Z');

test('a line has time, level, source and msg first, then the fields', () => {
  const line = jsonLine('hooksync', 'INFO', 'polling', { taskQueue: 'hooksync.a', n: 2 }, at);
  expect(line).not.toContain('\n');
  expect(JSON.parse(line)).toEqual({ time: '2026-12-03T06:00:00.000Z', level: 'info', source: 'hooksync', msg: 'polling', taskQueue: 'hooksync.a', n: 2 });
});

test('fields never replace the line\'s own keys; errors and bigints become JSON', () => {
  const line = JSON.parse(jsonLine('sdk', 'WARN', 'boom', { msg: 'other', level: 'x', error: new TypeError('bad'), big: 12n, nested: { at: 3n } }, at)) as Record<string, unknown>;
  expect(line).toMatchObject({ msg: 'boom', level: 'warn', error: { name: 'TypeError', message: 'bad' }, big: '12', nested: { at: '3' } });
});

test('an SDK entry keeps its own time (nanoseconds since the epoch)', () => {
  const entry = { level: 'ERROR' as const, message: 'core said', timestampNanos: BigInt(at.getTime()) * 1_000_000n, meta: { sdkComponent: 'worker' } };
  expect(JSON.parse(sdkJsonLine(entry))).toEqual({ time: at.toISOString(), level: 'error', source: 'sdk', msg: 'core said', sdkComponent: 'worker' });
});

test('the worker log writes plain lines in text, JSON lines in json', () => {
  const lines: string[] = [];
  workerLog('text', (l) => lines.push(l)).info('hooksync worker polling', { taskQueue: 'q' });
  workerLog('json', (l) => lines.push(l)).info('hooksync worker polling', { taskQueue: 'q' });
  expect(lines[0]).toBe('hooksync worker polling');
  expect(JSON.parse(lines[1])).toMatchObject({ source: 'hooksync', level: 'info', msg: 'hooksync worker polling', taskQueue: 'q' });
});
