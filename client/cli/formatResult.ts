// The result of a sync for a terminal (a table with argocd's columns, `-o wide` adding three) and
// for programs (`-o json|yaml`); the live lines while it runs are progressPrinter.ts's.
import type { ResourceRow, SyncResult } from '../../sync/syncRun';
import { textTable } from './textTable';

const COLUMNS: Array<[string, (r: ResourceRow) => string]> = [
  ['PHASE', (r) => r.syncPhase],
  ['WAVE', (r) => String(r.wave)],
  ['KIND', (r) => r.kind],
  ['NAMESPACE', (r) => r.namespace],
  ['NAME', (r) => r.name],
  ['STATUS', (r) => r.status ?? ''],
  ['HOOK', (r) => r.hookType],
  ['HOOK PHASE', (r) => r.hookPhase ?? ''],
  ['HEALTH', (r) => r.health ?? ''],
  ['MESSAGE', (r) => r.message],
];

/** `-o wide`: the API group and version, the task's own state (Pending ... PruneSkipped) and its images. */
const WIDE_COLUMNS: typeof COLUMNS = [
  ...COLUMNS.slice(0, 3),
  ['API VERSION', (r) => (r.group ? `${r.group}/${r.version}` : r.version)],
  ...COLUMNS.slice(3, -1),
  ['STATE', (r) => r.state ?? ''],
  ['IMAGES', (r) => (r.images ?? []).join(',')],
  ...COLUMNS.slice(-1),
];

export function formatResultTable(rows: readonly ResourceRow[], { wide = false }: { wide?: boolean } = {}): string {
  const columns = wide ? WIDE_COLUMNS : COLUMNS;
  return textTable(columns.map(([title]) => title), rows.map((r) => columns.map(([, cell]) => cell(r))));
}

/**
 * The result as `-o json` prints it (DESIGN §3): every row has every field, an empty string
 * standing for "none" (an empty list for `images`, also on rows of syncs from before images were
 * recorded), so that a consumer can rely on the keys being there.
 */
export function resultJson<T extends SyncResult>(report: T): T {
  const resources = report.resources.map((r) => ({ ...r, status: r.status ?? '', hookPhase: r.hookPhase ?? '', health: r.health ?? '', images: r.images ?? [] }));
  return { ...report, resources } as T;
}
