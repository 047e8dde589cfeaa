// `-o text|wide|json|yaml` (client/cli/outputFormat.ts) and the wide tables: what each format adds.
import { parse } from 'yaml';
import { formatPlanWide } from '../../../client/cli/formatPlanWide';
import { formatResultTable } from '../../../client/cli/formatResult';
import { isForPeople, OUTPUT_FORMATS, renderData } from '../../../client/cli/outputFormat';
import { planSync } from '../../../sync/planSync';
import type { ResourceRow } from '../../../sync/syncRun';

const row: ResourceRow = {
  group: 'batch', version: 'v1', kind: 'Job', namespace: 'apps', name: 'migrate', syncPhase: 'PreSync', wave: 0, hookType: 'PreSync',
  status: 'Synced', hookPhase: 'Succeeded', message: 'job/migrate created', state: 'Succeeded', images: ['migrate:2', 'busybox:1.36'],
};

test('the four formats, two of them for people', () => {
  expect(OUTPUT_FORMATS).toEqual(['text', 'wide', 'json', 'yaml']);
  expect(OUTPUT_FORMATS.filter(isForPeople)).toEqual(['text', 'wide']);
});

test('yaml and json carry the same data; a value used twice is written twice, not as an alias', () => {
  const data = { resources: [row, row], phase: 'Succeeded' };
  expect(parse(renderData('yaml', data))).toEqual(JSON.parse(renderData('json', data)));
  expect(renderData('yaml', data)).not.toMatch(/[&*]a1/);
  expect(renderData('json', data)).toBe(JSON.stringify(data, null, 2));
});

test('the wide result table adds API VERSION, STATE and IMAGES (comma-separated; empty for a row without)', () => {
  const config: ResourceRow = { ...row, group: '', kind: 'ConfigMap', name: 'config', syncPhase: 'Sync', hookType: '', message: 'configmap/config created', images: [] };
  expect(formatResultTable([row, config], { wide: true })).toBe([
    'PHASE    WAVE  KIND       API VERSION  NAMESPACE  NAME     STATUS  HOOK     HOOK PHASE  HEALTH  STATE      IMAGES                  MESSAGE',
    'PreSync  0     Job        batch/v1     apps       migrate  Synced  PreSync  Succeeded           Succeeded  migrate:2,busybox:1.36  job/migrate created',
    'Sync     0     ConfigMap  v1           apps       config   Synced           Succeeded           Succeeded                          configmap/config created',
  ].join('\n'));
});

test('the plain result table has no IMAGES column', () => {
  expect(formatResultTable([row]).split('\n')[0]).not.toContain('IMAGES');
});

test('the wide plan: one row per task with its group, policies, timeout and source line', () => {
  const job = {
    apiVersion: 'batch/v1', kind: 'Job',
    metadata: { name: 'migrate', annotations: { 'argocd.argoproj.io/hook': 'PreSync', 'hooksync.io/timeout': '5m' } },
  };
  const config = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web' } };
  const { plan } = planSync([
    { source: { file: 'app.yaml', document: 0, line: 1 }, object: job },
    { source: { file: 'app.yaml', document: 1, line: 9 }, object: config },
  ], { syncId: 's1', attempt: 0, defaultNamespace: 'shop' });
  expect(formatPlanWide(plan)).toBe([
    'GROUP  PHASE    WAVE  KIND       API VERSION  NAMESPACE  NAME     HOOK TYPES  DELETE POLICIES     TIMEOUT  PRUNE  SOURCE',
    '1      PreSync  0     Job        batch/v1     shop       migrate  PreSync     BeforeHookCreation  300s            app.yaml:1 (document 1)',
    '2      Sync     0     ConfigMap  v1           shop       web                                                      app.yaml:9 (document 2)',
  ].join('\n'));
});
