// The pulse heartbeats on a timer while an activity awaits, repeating the details the activity
// last sent (so the waiting reasons the CLI shows are never blanked), and stops with the activity.
import type { Context } from '@temporalio/activity';
import { heartbeatPulse } from '../../../worker/heartbeatPulse';

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await delay(5);
}

/** Just the part of an activity context the pulse uses: a heartbeat that records what it sends. */
function recordingContext(): { ctx: Context; sent: unknown[] } {
  const sent: unknown[] = [];
  return { ctx: { heartbeat: (d?: unknown) => { sent.push(d); } } as unknown as Context, sent };
}

test('heartbeats repeat the last details while the activity awaits, and stop when it ends', async () => {
  const { ctx, sent } = recordingContext();
  const execute = heartbeatPulse(20)(ctx).inbound!.execute!;
  const result = await execute({ args: [], headers: {} }, async () => {
    ctx.heartbeat({ waitingFor: ['job/a'] });
    // The activity awaits something slow; only the pulse heartbeats meanwhile.
    await until(() => sent.length >= 3);
    return 'done';
  });
  expect(result).toBe('done');
  expect(sent.every((d) => JSON.stringify(d) === JSON.stringify({ waitingFor: ['job/a'] }))).toBe(true);
  const count = sent.length;
  await delay(60);
  expect(sent.length).toBe(count);
});

test('an activity that fails stops the pulse too', async () => {
  const { ctx, sent } = recordingContext();
  const execute = heartbeatPulse(20)(ctx).inbound!.execute!;
  await expect(execute({ args: [], headers: {} }, async () => { await delay(50); throw new Error('boom'); })).rejects.toThrow('boom');
  const count = sent.length;
  await delay(60);
  expect(sent.length).toBe(count);
});

test("an activity's own heartbeats within one interval reach the SDK once, and the pulse carries the latest", async () => {
  const { ctx, sent } = recordingContext();
  // An interval far longer than the burst: only the first beat may go out at once.
  const execute = heartbeatPulse(200)(ctx).inbound!.execute!;
  await execute({ args: [], headers: {} }, async () => {
    for (let i = 1; i <= 100; i++) ctx.heartbeat(`applied ${i} of 100`);
    expect(sent).toEqual(['applied 1 of 100']);
    await until(() => sent.length >= 2);
  });
  expect(sent[1]).toBe('applied 100 of 100');
});
