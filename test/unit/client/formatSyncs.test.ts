// Text shapes of `hooksync status`, `list` and `history` (client/cli/formatSyncs.ts), and the
// visibility queries behind them (client/syncQueries.ts): pure, no servers.
import { formatDuration, formatSyncHistory, formatSyncList, formatSyncStatus, formatTime } from '../../../client/cli/formatSyncs';
import { syncRunsQuery, visibilityString } from '../../../client/syncQueries';
import type { SyncListing, SyncStatus } from '../../../client/syncStatus';

function listing(change: Partial<SyncListing>): SyncListing {
  return {
    syncId: 'mwucvf8x', operation: 'sync', app: 'shop', cluster: 'kwok-hooksync', workflowId: 'sync/kwok-hooksync/shop', runId: 'run-1',
    phase: 'Succeeded', message: 'successfully synced (all tasks run)', attempt: 0,
    startedAt: '2026-11-24T07:10:51.651Z', finishedAt: '2026-11-24T07:10:54.609Z', ...change,
  };
}

const now = new Date('2026-11-24T07:20:00.000Z');
const failed = listing({ syncId: 'mwud0001', phase: 'Failed', message: 'PreSync wave 0: Job apps/migrate failed: BackoffLimitExceeded', startedAt: '2026-11-24T07:12:00.000Z', finishedAt: '2026-11-24T07:14:05.400Z' });
const running = listing({ syncId: 'mwud0002', app: 'blog', phase: 'Running', message: 'running PreSync', attempt: undefined, startedAt: '2026-11-24T07:19:15.000Z', finishedAt: undefined });

describe('formatDuration', () => {
  test.each([[0, '0s'], [45_400, '45s'], [59_600, '1m0s'], [125_000, '2m5s'], [3_603_000, '1h0m3s'], [-5, '0s']])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

test('formatTime: ISO to the second, empty for none', () => {
  expect(formatTime('2026-11-24T07:10:51.651Z')).toBe('2026-11-24T07:10:51Z');
  expect(formatTime(undefined)).toBe('');
});

test('formatSyncList: argocd-like columns, newest first as given, running syncs timed up to now', () => {
  expect(formatSyncList([running, failed, listing({})], now)).toBe([
    'SYNC ID   APP   CLUSTER        PHASE      STARTED               DURATION  MESSAGE',
    'mwud0002  blog  kwok-hooksync  Running    2026-11-24T07:19:15Z  45s       running PreSync',
    'mwud0001  shop  kwok-hooksync  Failed     2026-11-24T07:12:00Z  2m5s      PreSync wave 0: Job apps/migrate failed: BackoffLimitExceeded',
    'mwucvf8x  shop  kwok-hooksync  Succeeded  2026-11-24T07:10:51Z  3s        successfully synced (all tasks run)',
  ].join('\n'));
});

test('formatSyncList: no syncs is the header alone', () => {
  expect(formatSyncList([], now)).toBe('SYNC ID  APP  CLUSTER  PHASE  STARTED  DURATION  MESSAGE');
});

test('formatSyncHistory: the attempt instead of the app; unknown while running', () => {
  expect(formatSyncHistory([running, listing({ attempt: 1 })], now)).toBe([
    'SYNC ID   ATTEMPT  CLUSTER        PHASE      STARTED               DURATION  MESSAGE',
    'mwud0002           kwok-hooksync  Running    2026-11-24T07:19:15Z  45s       running PreSync',
    'mwucvf8x  1        kwok-hooksync  Succeeded  2026-11-24T07:10:51Z  3s        successfully synced (all tasks run)',
  ].join('\n'));
});

test('formatSyncStatus: summary, result table, PHASE: message', () => {
  const status: SyncStatus = {
    syncId: 'mwucvf8x', app: 'shop', cluster: 'kwok-hooksync', attempt: 0, phase: 'Succeeded', message: 'successfully synced (all tasks run)',
    workflowId: 'sync/kwok-hooksync/shop', runId: 'run-1', startedAt: '2026-11-24T07:10:51.651Z', finishedAt: '2026-11-24T07:10:54.609Z',
    resources: [{ group: '', version: 'v1', kind: 'ConfigMap', namespace: 'apps', name: 'config', syncPhase: 'Sync', wave: 0, hookType: '', status: 'Synced', message: 'configmap/config created', state: 'Succeeded' }],
  };
  expect(formatSyncStatus(status, now)).toBe([
    'Sync ID:  mwucvf8x',
    'App:      shop',
    'Cluster:  kwok-hooksync',
    'Workflow: sync/kwok-hooksync/shop (run run-1)',
    'Attempt:  0',
    'Started:  2026-11-24T07:10:51Z',
    'Finished: 2026-11-24T07:10:54Z',
    'Duration: 3s',
    '',
    'PHASE  WAVE  KIND       NAMESPACE  NAME    STATUS  HOOK  HOOK PHASE  HEALTH  MESSAGE',
    'Sync   0     ConfigMap  apps       config  Synced                            configmap/config created',
    '',
    'Succeeded: successfully synced (all tasks run)',
  ].join('\n'));
  expect(formatSyncStatus({ ...status, phase: 'Running', message: 'starting', finishedAt: undefined, resources: [] }, now))
    .toContain('Finished:\nDuration: 9m8s\n\n(no resources have run yet)\n\nRunning: starting');
});

describe('visibility queries', () => {
  test('a value is quoted so that it cannot end the string literal', () => {
    expect(visibilityString('shop')).toBe("'shop'");
    expect(visibilityString("x' OR HooksyncApp != '")).toBe("'x\\' OR HooksyncApp != \\''");
    expect(visibilityString('a\\b')).toBe("'a\\\\b'");
  });

  test('sync runs, of one app or one sync id', () => {
    const types = "(WorkflowType = 'sync' OR WorkflowType = 'deleteApp')";
    expect(syncRunsQuery()).toBe(types);
    expect(syncRunsQuery({ app: 'shop' })).toBe(`${types} AND HooksyncApp = 'shop'`);
    expect(syncRunsQuery({ syncId: 'mwucvf8x' })).toBe(`${types} AND HooksyncSyncId = 'mwucvf8x'`);
  });
});

test('formatSyncList -o wide: the phase reached, the end time and the Temporal ids before the message', () => {
  expect(formatSyncList([failed], now, { wide: true })).toBe([
    'SYNC ID   APP   CLUSTER        PHASE   STARTED               DURATION  SYNC PHASE  FINISHED              WORKFLOW ID              RUN ID  MESSAGE',
    'mwud0001  shop  kwok-hooksync  Failed  2026-11-24T07:12:00Z  2m5s                  2026-11-24T07:14:05Z  sync/kwok-hooksync/shop  run-1   PreSync wave 0: Job apps/migrate failed: BackoffLimitExceeded',
  ].join('\n'));
});

test('formatSyncHistory -o wide: the same extra columns', () => {
  expect(formatSyncHistory([listing({ syncPhase: 'PostSync' })], now, { wide: true }).split('\n')[0])
    .toBe('SYNC ID   ATTEMPT  CLUSTER        PHASE      STARTED               DURATION  SYNC PHASE  FINISHED              WORKFLOW ID              RUN ID  MESSAGE');
});

test('formatSyncStatus: a Waiting line while the backoff before a retry runs, or while prunes wait for confirmation', () => {
  const status: SyncStatus = {
    syncId: 'mwucvf8x', app: 'shop', cluster: 'kwok-hooksync', attempt: 1, phase: 'Running', message: 'attempt 1 ended Failed: PreSync wave 0: Job apps/migrate failed',
    workflowId: 'sync/kwok-hooksync/shop', runId: 'run-2', startedAt: '2026-11-24T07:19:51.000Z', resources: [],
    retryWait: { retry: 2, limit: 3, backoffSeconds: 10, startsAt: '2026-11-24T07:20:05.000Z', previous: { attempt: 1, phase: 'Failed', message: 'x' } },
  };
  expect(formatSyncStatus(status, now)).toContain('Duration: 9s\nWaiting:  retry 2 of 3 at 07:20:05Z (backoff 10s) after attempt 1 ended Failed\n');
  const reason = 'Waiting for pruning confirmation (Prune=confirm): run hooksync confirm mwucvf8x';
  const waitingFor = [
    { phase: 'Sync' as const, kind: 'ConfigMap', namespace: 'apps', name: 'old', reason },
    { phase: 'Sync' as const, kind: 'Namespace', namespace: '', name: 'gone', reason },
  ];
  expect(formatSyncStatus({ ...status, retryWait: undefined, waitingFor }, now)).toContain(`Waiting:  ${reason}: ConfigMap apps/old, Namespace gone\n`);
  expect(formatSyncStatus({ ...status, retryWait: undefined }, now)).not.toContain('Waiting:');
});
