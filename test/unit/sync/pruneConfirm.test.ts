// Prune=confirm: which prunes wait for `hooksync confirm`, and the words the sync waits with.
import { type KubeObject } from '../../../sync/manifest';
import { planSync } from '../../../sync/planSync';
import { planHolds, PRUNE_CONFIRM_KIND } from '../../../sync/confirmKind';
import { pruneConfirmMessage, prunesToConfirm } from '../../../sync/pruneConfirm';
import { pruneConfirmReason } from '../../../sync/waitingReason';
import { withPrunes } from '../../../sync/withPrunes';
import { manifest } from './manifests';

const options = { syncId: 's1', attempt: 0, defaultNamespace: 'shop' };
const OPTIONS = 'argocd.argoproj.io/sync-options';

function live(kind: string, name: string, annotations: Record<string, string> = {}): KubeObject {
  return { apiVersion: kind === 'Deployment' ? 'apps/v1' : 'v1', kind, metadata: { name, namespace: 'shop', annotations } };
}

const desired = planSync([manifest('ConfigMap', 'keep')], options).plan;
const pruned = (objects: KubeObject[]) => withPrunes(desired, { enabled: true, live: objects });
const names = (tasks: { ref: { name: string } }[]) => tasks.map((t) => t.ref.name);

test('only a live object whose sync options hold Prune=confirm waits', () => {
  const plan = pruned([live('ConfigMap', 'held', { [OPTIONS]: 'PruneLast=true, Prune=confirm' }), live('ConfigMap', 'free')]);
  expect(names(plan.groups.flatMap((g) => prunesToConfirm(g)))).toEqual(['held']);
  expect(planHolds(PRUNE_CONFIRM_KIND, plan.groups)).toBe(true);
  expect(planHolds(PRUNE_CONFIRM_KIND, pruned([live('ConfigMap', 'free')]).groups)).toBe(false);
});

test('--sync-option Prune=confirm holds every prune of the sync, and no object that is applied', () => {
  const plan = pruned([live('ConfigMap', 'a'), live('Deployment', 'b')]);
  const held = plan.groups.flatMap((g) => prunesToConfirm(g, ['Prune=confirm']));
  expect(names(held).sort()).toEqual(['a', 'b']);
  expect(planHolds(PRUNE_CONFIRM_KIND, desired.groups, ['Prune=confirm'])).toBe(false);
});

test('Prune=false wins: a prune that is skipped never waits', () => {
  const plan = pruned([live('ConfigMap', 'kept', { [OPTIONS]: 'Prune=false,Prune=confirm' })]);
  expect(planHolds(PRUNE_CONFIRM_KIND, plan.groups, ['Prune=confirm'])).toBe(false);
  expect(plan.skippedPrunes.map((s) => s.message)).toEqual(['ignored (no prune)']);
});

test('the message is Argo CD\'s, and the waiting line names the command', () => {
  const plan = pruned([live('Deployment', 'b'), live('ConfigMap', 'a')]);
  const held = plan.groups.flatMap((g) => prunesToConfirm(g, ['Prune=confirm']));
  expect(pruneConfirmMessage(held.slice(0, 1))).toMatch(/^Waiting for pruning confirmation of (v1\/ConfigMap\/a|apps\/v1\/Deployment\/b)$/);
  expect(pruneConfirmMessage(held)).toMatch(/ and 1 more resources$/);
  expect(pruneConfirmReason(held[0], 's1').reason).toBe('Waiting for pruning confirmation (Prune=confirm): run hooksync confirm s1');
});
