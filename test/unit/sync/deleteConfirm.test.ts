// Delete=confirm: which deletions of an app wait for `hooksync confirm`, and the words the
// deletion waits with. As in Argo CD, Prune=confirm on a live object asks for it too.
import { DELETE_CONFIRM_KIND, PRUNE_CONFIRM_KIND, planHolds } from '../../../sync/confirmKind';
import { deleteConfirmMessage, deleteConfirmOption, deletionsToConfirm } from '../../../sync/deleteConfirm';
import { deletePlan } from '../../../sync/deletePlan';
import { type KubeObject } from '../../../sync/manifest';

const OPTIONS = 'argocd.argoproj.io/sync-options';

function live(name: string, annotations: Record<string, string> = {}, kind = 'ConfigMap'): KubeObject {
  return { apiVersion: kind === 'Deployment' ? 'apps/v1' : 'v1', kind, metadata: { name, namespace: 'shop', uid: `uid-${name}`, annotations } };
}

const planOf = (objects: KubeObject[]) => deletePlan([], objects, { cascade: true }).plan;
const names = (tasks: { ref: { name: string } }[]) => tasks.map((t) => t.ref.name);

test('Delete=confirm marks the deletion with the option that asked; Prune=confirm asks too; Delete=false still keeps', () => {
  expect(deleteConfirmOption(live('db', { [OPTIONS]: 'Delete=confirm' }))).toBe('Delete=confirm');
  expect(deleteConfirmOption(live('old', { [OPTIONS]: 'Prune=confirm' }))).toBe('Prune=confirm');
  expect(deleteConfirmOption(live('free', { [OPTIONS]: 'Delete=true,Bogus=1' }))).toBeUndefined();
  const plan = planOf([live('db', { [OPTIONS]: 'Delete=confirm' }), live('old', { [OPTIONS]: 'Prune=confirm' }), live('free'), live('kept', { [OPTIONS]: 'Delete=false' })]);
  const held = plan.groups.flatMap(deletionsToConfirm);
  expect(held.map((t) => `${t.ref.name} ${t.confirmDelete}`).sort()).toEqual(['db Delete=confirm', 'old Prune=confirm']);
  expect(plan.skippedPrunes.map((s) => s.ref.name)).toEqual(['kept']);
  // A deletion that nobody asked to confirm carries no marker at all: its task is as before.
  expect(plan.groups.flatMap((g) => g.tasks).find((t) => t.ref.name === 'free')).not.toHaveProperty('confirmDelete');
});

test('only the wave of a held object waits; the deletion kind holds it, the prune kind does not', () => {
  const plan = planOf([live('db', { [OPTIONS]: 'Delete=confirm', 'argocd.argoproj.io/sync-wave': '1' }), live('web', {}, 'Deployment'), live('cache', { 'argocd.argoproj.io/sync-wave': '1' })]);
  expect(plan.groups.map((g) => `${g.wave}: ${names(DELETE_CONFIRM_KIND.held(g))}`)).toEqual(['1: db', '0: ']);
  expect(planHolds(DELETE_CONFIRM_KIND, plan.groups)).toBe(true);
  expect(planHolds(PRUNE_CONFIRM_KIND, plan.groups)).toBe(false);
  expect(planHolds(DELETE_CONFIRM_KIND, planOf([live('free')]).groups)).toBe(false);
});

test('the deletion waits with the object named, and each waiting line names the option and the command', () => {
  const held = planOf([live('db', { [OPTIONS]: 'Delete=confirm' }), live('web', { [OPTIONS]: 'Prune=confirm' }, 'Deployment')]).groups.flatMap(deletionsToConfirm);
  const one = planOf([live('db', { [OPTIONS]: 'Delete=confirm' })]).groups.flatMap(deletionsToConfirm);
  expect(deleteConfirmMessage(one)).toBe('Waiting for deletion confirmation of v1/ConfigMap/db');
  expect(DELETE_CONFIRM_KIND.message(held)).toMatch(/^Waiting for deletion confirmation of .* and 1 more resources$/);
  const reasons = held.map((t) => DELETE_CONFIRM_KIND.reason(t, 'd1'));
  expect(reasons.map((r) => `${r.kind} ${r.name}: ${r.reason}`).sort()).toEqual([
    'ConfigMap db: Waiting for deletion confirmation (Delete=confirm): run hooksync confirm d1',
    'Deployment web: Waiting for deletion confirmation (Prune=confirm): run hooksync confirm d1',
  ]);
});
