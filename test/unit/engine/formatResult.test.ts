// Terminal shapes of a sync (client/cli/formatResult.ts): the final table and the progress lines.
import { formatResultTable, resultJson } from '../../../client/cli/formatResult';
import { type ResourceRow, type SyncResult } from '../../../sync/syncRun';

function row(change: Partial<ResourceRow>): ResourceRow {
  return { group: '', version: 'v1', kind: 'ConfigMap', namespace: 'apps', name: 'config', syncPhase: 'Sync', wave: 0, hookType: '', message: '', state: 'Succeeded', ...change };
}

const migrate = row({ group: 'batch', kind: 'Job', name: 'migrate', syncPhase: 'PreSync', hookType: 'PreSync', status: 'Synced', hookPhase: 'Succeeded', message: 'job/migrate created' });
const config = row({ wave: 1, status: 'Synced', health: 'Healthy', message: 'configmap/config created' });

describe('formatResultTable', () => {
  test('exact text: columns aligned, two spaces apart, the last column not padded', () => {
    expect(formatResultTable([migrate, config])).toBe([
      'PHASE    WAVE  KIND       NAMESPACE  NAME     STATUS  HOOK     HOOK PHASE  HEALTH   MESSAGE',
      'PreSync  0     Job        apps       migrate  Synced  PreSync  Succeeded            job/migrate created',
      'Sync     1     ConfigMap  apps       config   Synced                       Healthy  configmap/config created',
    ].join('\n'));
  });

  test('every column starts at the same offset on every line', () => {
    const lines = formatResultTable([migrate, config, row({ kind: 'ClusterRole', namespace: '', name: 'reader-with-a-long-name', wave: -10, status: 'SyncFailed', message: 'forbidden' })]).split('\n');
    const header = lines[0];
    const starts = ['WAVE', 'KIND', 'NAMESPACE', 'NAME ', 'STATUS', 'HOOK ', 'HOOK PHASE', 'HEALTH', 'MESSAGE'].map((title) => header.indexOf(title));
    expect(lines[3].slice(starts[0], starts[1]).trim()).toBe('-10');
    expect(lines[3].slice(starts[1], starts[2]).trim()).toBe('ClusterRole');
    expect(lines[3].slice(starts[2], starts[3]).trim()).toBe('');
    expect(lines[3].slice(starts[3], starts[4]).trim()).toBe('reader-with-a-long-name');
    expect(lines[3].slice(starts[4], starts[5]).trim()).toBe('SyncFailed');
    expect(lines[3].slice(starts[8])).toBe('forbidden');
    for (const line of lines.slice(1, 3)) for (const start of starts) expect(line[start - 1]).toBe(' ');
  });

  test.each<{ name: string; rows: ResourceRow[]; expected: string }>([
    { name: 'no rows: the header alone', rows: [], expected: 'PHASE  WAVE  KIND  NAMESPACE  NAME  STATUS  HOOK  HOOK PHASE  HEALTH  MESSAGE' },
    {
      name: 'trailing spaces trimmed when the last cells are empty',
      rows: [row({ status: 'Pruned' })],
      expected: 'PHASE  WAVE  KIND       NAMESPACE  NAME    STATUS  HOOK  HOOK PHASE  HEALTH  MESSAGE\nSync   0     ConfigMap  apps       config  Pruned',
    },
  ])('$name', ({ rows, expected }) => {
    expect(formatResultTable(rows)).toBe(expected);
  });
});

describe('resultJson', () => {
  test('DESIGN §3: every row carries every field, empty ones as ""', () => {
    const report: SyncResult = { syncId: 's', app: 'a', cluster: 'c', attempt: 0, phase: 'Succeeded', message: 'ok', resources: [config] };
    const [out] = resultJson(report).resources;
    expect(Object.keys(out).sort()).toEqual(
      ['group', 'health', 'hookPhase', 'hookType', 'images', 'kind', 'message', 'name', 'namespace', 'state', 'status', 'syncPhase', 'version', 'wave'],
    );
    // A row from a sync recorded before images existed has none: still the key, as an empty list.
    expect(out).toMatchObject({ hookPhase: '', health: 'Healthy', status: 'Synced', images: [] });
  });
});
