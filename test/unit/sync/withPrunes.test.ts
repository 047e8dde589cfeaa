// withPrunes: the prune side added to a frozen plan once the live objects are known (spec §3.1, §3.4).
import { type KubeObject } from '../../../sync/manifest';
import { planSync } from '../../../sync/planSync';
import { withPrunes } from '../../../sync/withPrunes';
import { type SyncPlan } from '../../../sync/types';
import { manifest } from './manifests';

const options = { syncId: 's1', attempt: 0, defaultNamespace: 'shop' };
const wave = (n: number) => ({ 'argocd.argoproj.io/sync-wave': String(n) });

function live(kind: string, name: string, annotations: Record<string, string> = {}): KubeObject {
  return { apiVersion: kind === 'Deployment' ? 'apps/v1' : 'v1', kind, metadata: { name, namespace: 'shop', annotations } };
}

function layout(plan: SyncPlan): string[] {
  return plan.groups.map((g) => `${g.phase} ${g.wave}: ${g.tasks.map((t) => `${t.prune ? 'prune ' : ''}${t.ref.kind}/${t.ref.name}`).join(', ')}`);
}

const desired = planSync([
  manifest('ConfigMap', 'keep', { annotations: wave(0) }),
  manifest('Job', 'migrate', { annotations: { 'argocd.argoproj.io/hook': 'PreSync' } }),
], options).plan;

test('§3.4 no live objects: the plan is unchanged', () => {
  expect(withPrunes(desired, { enabled: true, live: [] })).toEqual(desired);
});

test('§3.4 live objects still desired are not pruned', () => {
  expect(withPrunes(desired, { enabled: true, live: [live('ConfigMap', 'keep')] })).toEqual(desired);
});

test('§3.4 stale objects become prune tasks in mirrored waves, hooks are never pruned', () => {
  const plan = withPrunes(desired, {
    enabled: true,
    live: [live('ConfigMap', 'a', wave(1)), live('Deployment', 'b', wave(3)), live('Job', 'old-hook', { 'argocd.argoproj.io/hook': 'PreSync' })],
  });
  expect(layout(plan)).toEqual([
    'PreSync 0: Job/migrate',
    'Sync 0: ConfigMap/keep',
    'Sync 1: prune Deployment/b',
    'Sync 3: prune ConfigMap/a',
  ]);
  expect(plan.skippedPrunes).toEqual([]);
});

test('§3.4 without --prune, stale objects are reported as skipped and the groups stay', () => {
  const plan = withPrunes(desired, { enabled: false, live: [live('ConfigMap', 'a')] });
  expect(plan.groups).toEqual(desired.groups);
  expect(plan.skippedPrunes).toEqual([
    { ref: { group: '', version: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'a' }, message: 'ignored (requires pruning)' },
  ]);
});
