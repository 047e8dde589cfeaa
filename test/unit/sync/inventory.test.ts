// The inventory: which kinds a --prune sync lists, and which a sync's result hands to the next one.
import { inventoryAfter, inventoryOfResult, kindsToList, planKinds, uniqueKinds } from '../../../sync/inventory';
import { type KubeObject } from '../../../sync/manifest';
import { planSync } from '../../../sync/planSync';
import { manifest } from './manifests';

const plan = planSync([
  manifest('ConfigMap', 'a'),
  manifest('ConfigMap', 'b'),
  manifest('Job', 'migrate', { annotations: { 'argocd.argoproj.io/hook': 'PreSync' } }),
], { syncId: 's1', attempt: 0, defaultNamespace: 'shop' }).plan;

const cm = { apiVersion: 'v1', kind: 'ConfigMap' };
const job = { apiVersion: 'batch/v1', kind: 'Job' };
const deploy = { apiVersion: 'apps/v1', kind: 'Deployment' };
const secret = { apiVersion: 'v1', kind: 'Secret' };
const live = (k: { apiVersion: string; kind: string }, name: string): KubeObject => ({ ...k, metadata: { name, namespace: 'shop' } });

test('the plan writes each kind once, hooks included', () => {
  expect(planKinds(plan)).toEqual(uniqueKinds([cm, job]));
  expect(planKinds(plan)).toHaveLength(2);
});

test('kinds are distinct and in a stable order whatever order they come in', () => {
  expect(uniqueKinds([secret, deploy, cm, secret])).toEqual(uniqueKinds([cm, deploy, secret]));
  expect(uniqueKinds([{ ...cm, extra: 1 } as typeof cm])).toEqual([cm]);
});

test('a --prune sync lists the plan kinds and the inventory kinds', () => {
  expect(kindsToList(plan, [deploy, cm])).toEqual(uniqueKinds([cm, job, deploy]));
  expect(kindsToList(plan, [])).toEqual(uniqueKinds([cm, job]));
});

test('with no inventory known, there is no list of kinds (the caller scans them all)', () => {
  expect(kindsToList(plan, undefined)).toBeUndefined();
});

describe('the inventory a sync leaves', () => {
  test('after a listing: the plan kinds and the kinds of what was found live', () => {
    expect(inventoryAfter(plan, [deploy, secret], [live(secret, 'old')])).toEqual(uniqueKinds([cm, job, secret]));
    expect(inventoryAfter(plan, undefined, [])).toEqual(uniqueKinds([cm, job]));
  });

  test('without a listing: what it was given stays, with the plan kinds added', () => {
    expect(inventoryAfter(plan, [deploy], undefined)).toEqual(uniqueKinds([cm, job, deploy]));
  });

  test('without a listing and given none: unknown, since older objects of other kinds may be live', () => {
    expect(inventoryAfter(plan, undefined, undefined)).toBeUndefined();
  });
});

test('a result gives its inventory back; one without (older code) or with a malformed one gives none', () => {
  expect(inventoryOfResult({ phase: 'Succeeded', inventory: [secret, cm] })).toEqual(uniqueKinds([cm, secret]));
  expect(inventoryOfResult({ phase: 'Succeeded' })).toBeUndefined();
  expect(inventoryOfResult({ inventory: [{ kind: 'ConfigMap' }] })).toBeUndefined();
  expect(inventoryOfResult(undefined)).toBeUndefined();
});
