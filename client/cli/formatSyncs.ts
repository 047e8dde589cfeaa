// Text shapes of `hooksync status`, `list` and `history`: argocd's operation summary above the
// result table, and `argocd app list`-like tables of syncs. Pure, `now` given for running syncs.
import { formatResultTable } from './formatResult';
import type { SyncListing, SyncStatus } from '../syncStatus';
import { textTable } from './textTable';
import { retryWaitText } from '../../sync/waitingReason';

/** Go-style short durations, as argocd prints them: 45s, 2m5s, 1h0m3s. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  if (h > 0) return `${h}h${m}m${s}s`;
  return m > 0 ? `${m}m${s}s` : `${s}s`;
}

/** An ISO time to the second (UTC): sortable, and what `-o json` carries with milliseconds. */
export function formatTime(iso: string | undefined): string {
  return iso ? `${iso.slice(0, 19)}Z` : '';
}

function duration(run: { startedAt: string; finishedAt?: string }, now: Date): string {
  const end = run.finishedAt ? Date.parse(run.finishedAt) : now.getTime();
  return formatDuration(end - Date.parse(run.startedAt));
}

type Column = [string, (s: SyncListing, now: Date) => string];

const SYNC_ID: Column = ['SYNC ID', (s) => s.syncId];
const TIMES: Column[] = [
  ['PHASE', (s) => s.phase],
  ['STARTED', (s) => formatTime(s.startedAt)],
  ['DURATION', (s, now) => duration(s, now)],
  ['MESSAGE', (s) => s.message],
];
const LIST_COLUMNS: Column[] = [SYNC_ID, ['APP', (s) => s.app], ['CLUSTER', (s) => s.cluster], ...TIMES];
// One app's history: the app goes without saying; the attempt tells retries of one sync apart.
const HISTORY_COLUMNS: Column[] = [SYNC_ID, ['ATTEMPT', (s) => (s.attempt === undefined ? '' : String(s.attempt))], ['CLUSTER', (s) => s.cluster], ...TIMES];

// `-o wide`: where to find the run in Temporal, the phase it reached and when it ended.
const WIDE: Column[] = [
  ['SYNC PHASE', (s) => s.syncPhase ?? ''],
  ['FINISHED', (s) => formatTime(s.finishedAt)],
  ['WORKFLOW ID', (s) => s.workflowId],
  ['RUN ID', (s) => s.runId],
];
const widened = (columns: Column[]): Column[] => [...columns.slice(0, -1), ...WIDE, ...columns.slice(-1)];

function table(columns: Column[], syncs: readonly SyncListing[], now: Date): string {
  return textTable(columns.map(([title]) => title), syncs.map((s) => columns.map(([, cell]) => cell(s, now))));
}

/** `hooksync list`: the newest run of each sync. */
export function formatSyncList(syncs: readonly SyncListing[], now = new Date(), { wide = false } = {}): string {
  return table(wide ? widened(LIST_COLUMNS) : LIST_COLUMNS, syncs, now);
}

/** `hooksync history APP`: every run of the app's syncs. */
export function formatSyncHistory(runs: readonly SyncListing[], now = new Date(), { wide = false } = {}): string {
  return table(wide ? widened(HISTORY_COLUMNS) : HISTORY_COLUMNS, runs, now);
}

/**
 * What the workflow itself waits for, when it does: the backoff before the next attempt, or the
 * confirmation of prunes (Prune=confirm). Waits for workloads are in the result rows already.
 */
function waitingRow(status: Pick<SyncStatus, 'retryWait' | 'waitingFor'>): [string, string][] {
  if (status.retryWait) return [['Waiting:', retryWaitText(status.retryWait)]];
  const reasons = status.waitingFor ?? [];
  if (reasons.length === 0) return [];
  const objects = reasons.map((r) => `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`);
  return [['Waiting:', `${[...new Set(reasons.map((r) => r.reason))].join('; ')}: ${objects.join(', ')}`]];
}

/** `hooksync status`: the operation summary, the result table, and `PHASE: message`. */
export function formatSyncStatus(status: SyncStatus, now = new Date(), { wide = false } = {}): string {
  const summary = [
    ['Sync ID:', status.syncId],
    ['App:', status.app],
    ['Cluster:', status.cluster],
    ['Workflow:', `${status.workflowId} (run ${status.runId})`],
    ['Attempt:', String(status.attempt)],
    ['Started:', formatTime(status.startedAt)],
    ['Finished:', formatTime(status.finishedAt)],
    ['Duration:', status.startedAt ? duration({ startedAt: status.startedAt, finishedAt: status.finishedAt }, now) : ''],
    ...waitingRow(status),
  ].map(([label, value]) => `${label.padEnd(10)}${value}`.trimEnd());
  const rows = status.resources.length > 0 ? formatResultTable(status.resources, { wide }) : '(no resources have run yet)';
  return `${summary.join('\n')}\n\n${rows}\n\n${status.phase}: ${status.message}`;
}
