// The workflow's one-line "waiting for" in Argo CD's words (spec §8.3).
import { planSync } from '../../../sync/planSync';
import { planTasks, type SyncTask } from '../../../sync/types';
import { waitingSummary } from '../../../sync/waitingSummary';
import { hookAnnotation, manifest } from './manifests';

const tasks = planTasks(planSync([
  manifest('Job', 'migrate', { annotations: hookAnnotation('Sync') }),
  manifest('Job', 'seed', { annotations: hookAnnotation('Sync') }),
  manifest('Deployment', 'web'),
  manifest('ConfigMap', 'cm'),
], { syncId: 's', attempt: 0, defaultNamespace: 'apps' }).plan);
const named = (...names: string[]) => names.map((n) => tasks.find((t) => t.ref.name === n) as SyncTask);
const pruning = (t: SyncTask): SyncTask => ({ ...t, prune: true });

test.each([
  { name: 'a hook first, the rest counted as resources', pending: named('web', 'migrate', 'cm'), expected: 'waiting for completion of hook batch/Job/migrate and 2 more resources' },
  { name: 'only hooks: counted as hooks', pending: named('migrate', 'seed'), expected: 'waiting for completion of hook batch/Job/migrate and 1 more hooks' },
  { name: 'one resource', pending: named('web'), expected: 'waiting for healthy state of apps/Deployment/web' },
  { name: 'prunes: deletion, the core group empty', pending: named('cm', 'web').map(pruning), expected: 'waiting for deletion of /ConfigMap/cm and 1 more resources' },
])('$name', ({ pending, expected }) => {
  expect(waitingSummary(pending)).toBe(expected);
});
