// The live lines of a sync (client/cli/progressPrinter.ts): group headers, apply / waiting / ok / fail
// lines with timestamps, colour only when asked, and nothing printed twice.
import { progressPrinter, wantsColour } from '../../../client/cli/progressPrinter';
import type { ResourceRow, SyncResult } from '../../../sync/syncRun';
import type { WaitingReason } from '../../../sync/waitingReason';

function row(change: Partial<ResourceRow>): ResourceRow {
  return { group: '', version: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'config', syncPhase: 'Sync', wave: 0, hookType: '', message: '', state: 'Pending', ...change };
}
function state(...resources: ResourceRow[]): SyncResult {
  return { syncId: 's', app: 'shop', cluster: 'kwok', attempt: 0, phase: 'Running', message: '', resources };
}
/** A clock that says 10:00:00, 10:00:01, ... one second more on each reading. */
function clock(): () => Date {
  let t = Date.parse('2026-03-01T10:00:00Z');
  return () => new Date((t += 1000) - 1000);
}

const migrate = row({ group: 'batch', kind: 'Job', name: 'migrate', syncPhase: 'PreSync', hookType: 'PreSync' });
const web = row({ group: 'apps', kind: 'Deployment', name: 'web', wave: 1 });
const waitingJob: WaitingReason = { phase: 'PreSync', kind: 'Job', namespace: 'shop', name: 'migrate', reason: 'Waiting for Job to complete: 1 active, 0 succeeded, 0 failed pods' };

test('a group header when its first object starts, then apply, waiting and ok lines, each once', () => {
  const print = progressPrinter({ now: clock() });
  expect(print.state(state(migrate, web))).toEqual([]);
  const applied = { ...migrate, state: 'Running' as const, status: 'Synced' as const, hookPhase: 'Running' as const, message: 'job.batch/migrate created' };
  expect(print.state(state(applied, web))).toEqual([
    '10:00:00  PreSync wave 0: 1 hook',
    '10:00:01  apply    Job shop/migrate: job.batch/migrate created',
  ]);
  expect(print.waiting([waitingJob])).toEqual(['10:00:02  waiting  Job shop/migrate: Waiting for Job to complete: 1 active, 0 succeeded, 0 failed pods']);
  expect(print.waiting([waitingJob])).toEqual([]);
  expect(print.state(state(applied, web))).toEqual([]);
  const done = { ...applied, state: 'Succeeded' as const, hookPhase: 'Succeeded' as const, message: 'Job completed' };
  expect(print.state(state(done, web))).toEqual(['10:00:03  ok       Job shop/migrate: Succeeded: Job completed']);
  // A heartbeat read after the task ended must not bring it back as waiting.
  expect(print.waiting([waitingJob])).toEqual([]);
});

test('a changed reason is printed again: a rollout that moves on', () => {
  const print = progressPrinter({ now: clock() });
  const reason = (available: number): WaitingReason => ({ phase: 'Sync', kind: 'Deployment', namespace: 'shop', name: 'web', reason: `Progressing: Waiting for rollout to finish: ${available} of 2 updated replicas are available...` });
  expect(print.waiting([reason(0)])).toHaveLength(1);
  expect(print.waiting([reason(0)])).toEqual([]);
  expect(print.waiting([reason(1)])).toEqual(['10:00:01  waiting  Deployment shop/web: Progressing: Waiting for rollout to finish: 1 of 2 updated replicas are available...']);
});

test('fail lines carry the health or hook phase and the message; headers count resources and hooks', () => {
  const print = progressPrinter({ now: clock() });
  const failed = { ...web, wave: 0, state: 'Failed' as const, status: 'Synced' as const, health: 'Degraded', message: 'exceeded its progress deadline' };
  const hook = row({ kind: 'Job', name: 'smoke', hookType: 'Sync', state: 'Running', message: 'job.batch/smoke created' });
  expect(print.state(state(failed, hook, row({ name: 'other' })))).toEqual([
    '10:00:00  Sync wave 0: 2 resources, 1 hook',
    '10:00:01  fail     Deployment shop/web: Degraded: exceeded its progress deadline',
    '10:00:02  apply    Job shop/smoke: job.batch/smoke created',
  ]);
});

test('a prune: a delete line while its object goes, then pruned; a resource shows health, not its hook phase', () => {
  const print = progressPrinter({ now: clock() });
  const deleting = row({ name: 'old', state: 'Running', status: 'Pruned', hookPhase: 'Running', message: 'pruned' });
  const config = row({ state: 'Succeeded', status: 'Synced', hookPhase: 'Succeeded', message: 'configmap/config created' });
  expect(print.state(state(deleting, config))).toEqual([
    '10:00:00  Sync wave 0: 2 resources',
    '10:00:01  delete   ConfigMap shop/old: waiting for it to be gone',
    '10:00:02  ok       ConfigMap shop/config: configmap/config created',
  ]);
  expect(print.state(state({ ...deleting, state: 'Pruned', hookPhase: 'Succeeded' }, config))).toEqual(['10:00:03  pruned   ConfigMap shop/old: pruned']);
});

test('SyncFail hooks form one group whatever their waves; skipped prunes get no header', () => {
  const print = progressPrinter({ now: clock() });
  const notify = row({ kind: 'Job', name: 'notify', syncPhase: 'SyncFail', wave: 3, hookType: 'SyncFail', state: 'Running', message: 'created' });
  const page = { ...notify, name: 'page', wave: -1 };
  const skipped = row({ name: 'old', state: 'PruneSkipped', status: 'PruneSkipped', message: 'ignored (requires pruning)' });
  expect(print.state(state(skipped, notify, page))).toEqual([
    '10:00:00  skipped  ConfigMap shop/old: ignored (requires pruning)',
    '10:00:01  SyncFail: 2 hooks',
    '10:00:02  apply    Job shop/notify: created',
    '10:00:03  apply    Job shop/page: created',
  ]);
});

test('colour when asked for: escape codes around the verb; none otherwise', () => {
  const running = { ...migrate, state: 'Running' as const, message: 'created' };
  const plain = progressPrinter({ now: clock() }).state(state(running));
  const coloured = progressPrinter({ now: clock(), colour: true }).state(state(running));
  const ESC = String.fromCharCode(27);
  expect(plain.join('\n')).not.toContain(ESC);
  expect(coloured[1]).toContain(`${ESC}[36mapply`);
  expect(coloured.map((l) => l.replace(new RegExp(`${ESC}\\[[0-9;]*m`, 'g'), ''))).toEqual(plain);
});

describe('wantsColour', () => {
  test.each<{ name: string; tty: boolean; env: NodeJS.ProcessEnv; colour: boolean }>([
    { name: 'a terminal', tty: true, env: {}, colour: true },
    { name: 'a pipe or a CI log', tty: false, env: {}, colour: false },
    { name: 'NO_COLOR set', tty: true, env: { NO_COLOR: '1' }, colour: false },
    { name: 'NO_COLOR empty counts as unset (no-color.org)', tty: true, env: { NO_COLOR: '' }, colour: true },
    { name: 'TERM=dumb', tty: true, env: { TERM: 'dumb' }, colour: false },
  ])('$name', ({ tty, env, colour }) => {
    expect(wantsColour({ isTTY: tty }, env)).toBe(colour);
  });
});

describe('automatic retries', () => {
  const failedHook = { ...migrate, state: 'Failed' as const, status: 'Synced' as const, hookPhase: 'Failed' as const, message: 'BackoffLimitExceeded' };
  const retryWait = { retry: 1, limit: 2, backoffSeconds: 5, startsAt: '2026-03-01T10:00:09Z', previous: { attempt: 0, phase: 'Failed' as const, message: 'PreSync wave 0: Job shop/migrate failed' } };

  test('the backoff is a waiting line, printed once per retry', () => {
    const print = progressPrinter({ now: clock() });
    expect(print.state(state(failedHook))).toHaveLength(2);
    const waiting = { ...state(failedHook), phase: 'Failed' as const, retryWait };
    expect(print.state(waiting)).toEqual(['10:00:02  waiting  retry 1 of 2 at 10:00:09Z (backoff 5s) after attempt 0 ended Failed: PreSync wave 0: Job shop/migrate failed']);
    expect(print.state(waiting)).toEqual([]);
  });

  test('the next attempt starts with a header, and its groups start again', () => {
    const print = progressPrinter({ now: clock() });
    const done = row({ name: 'settings', state: 'Succeeded', status: 'Synced', message: 'configmap/settings created' });
    expect(print.state(state(done))).toHaveLength(2);
    const carried = { ...done, carriedFrom: 0 };
    const again = { ...migrate, name: 'migrate-2', state: 'Running' as const, status: 'Synced' as const, hookPhase: 'Running' as const, message: 'job.batch/migrate-2 created' };
    const retried = { ...state(carried, again), attempt: 1, message: 'retry of attempt 0: resuming at PreSync wave 0 (0 group(s) carried over)' };
    expect(print.state(retried)).toEqual([
      '10:00:02  Attempt 1: retry of attempt 0: resuming at PreSync wave 0 (0 group(s) carried over)',
      '10:00:03  PreSync wave 0: 1 hook',
      '10:00:04  apply    Job shop/migrate-2: job.batch/migrate-2 created',
    ]);
  });

  test('a next attempt first seen at its end still says where it resumed', () => {
    const print = progressPrinter({ now: clock() });
    expect(print.state(state(failedHook))).toHaveLength(2);
    const failedAgain = { ...failedHook, name: 'migrate-2' };
    const ended = {
      ...state(failedAgain), attempt: 1, phase: 'Failed' as const, message: 'PreSync wave 0: Job shop/migrate-2 failed',
      retryStart: 'retry of attempt 0: resuming at PreSync wave 0 (0 group(s) carried over)',
    };
    expect(print.state(ended)[0]).toBe('10:00:02  Attempt 1: retry of attempt 0: resuming at PreSync wave 0 (0 group(s) carried over)');
  });
});

test('a --wave-delay pause is one waiting line naming the next group and when it ends', () => {
  const print = progressPrinter({ now: clock() });
  const pause = { message: 'the 30s --wave-delay pause before Sync wave 1', until: '2026-12-03T10:00:30.000Z' };
  expect(print.state({ ...state(), pause })).toEqual(['10:00:00  waiting  the 30s --wave-delay pause before Sync wave 1, until 10:00:30Z']);
  expect(print.state({ ...state(), pause })).toEqual([]);
  const next = { message: 'the 30s --wave-delay pause before Sync wave 2', until: '2026-12-03T10:01:05.000Z' };
  expect(print.state({ ...state(), pause: next })).toEqual(['10:00:01  waiting  the 30s --wave-delay pause before Sync wave 2, until 10:01:05Z']);
});

test('a prune that waits for confirmation is a waiting line from the sync state', () => {
  const print = progressPrinter({ now: clock() });
  const reason = 'Waiting for pruning confirmation (Prune=confirm): run hooksync confirm s';
  const waitingFor: WaitingReason[] = [{ phase: 'Sync', kind: 'ConfigMap', namespace: 'shop', name: 'old', reason }];
  expect(print.state({ ...state(), waitingFor })).toEqual([`10:00:00  waiting  ConfigMap shop/old: ${reason}`]);
  expect(print.state({ ...state(), waitingFor })).toEqual([]);
});
