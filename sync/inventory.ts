// The app's inventory: the kinds it may have live objects of. A prune lists only these kinds
// instead of every kind the cluster serves, and a sync without --prune lists nothing. Each sync
// result carries the inventory forward (the kinds it was given plus the kinds of its plan), so that
// a kind applied three syncs ago and never pruned is still listed by the next --prune.
import type { KubeObject } from './manifest';
import { planTasks, type SyncPlan } from './types';

export interface LiveKind {
  apiVersion: string;
  kind: string;
}

const kindKey = (k: LiveKind) => `${k.apiVersion}\u0000${k.kind}`;

/** Distinct kinds, in a stable order (the same inputs give the same activity input on replay). */
export function uniqueKinds(kinds: Iterable<LiveKind>): LiveKind[] {
  const byKey = new Map<string, LiveKind>();
  for (const { apiVersion, kind } of kinds) byKey.set(kindKey({ apiVersion, kind }), { apiVersion, kind });
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, k]) => k);
}

/** The kinds the plan writes (prunes already in the plan come from live objects and count too). */
export function planKinds(plan: SyncPlan): LiveKind[] {
  return uniqueKinds(planTasks(plan).map((t) => ({ apiVersion: t.object.apiVersion, kind: t.object.kind })));
}

/**
 * What a --prune sync lists: the plan's kinds and the inventory's, or undefined when the inventory
 * is unknown (no earlier result says what the app applied), and only a scan of every kind is safe.
 */
export function kindsToList(plan: SyncPlan, inventory: readonly LiveKind[] | undefined): LiveKind[] | undefined {
  return inventory ? uniqueKinds([...planKinds(plan), ...inventory]) : undefined;
}

/**
 * The inventory a sync leaves for the next one. A --prune sync saw every live object of the app
 * (`live`): their kinds and the plan's are all it can own afterwards. Without --prune nothing was
 * listed, so the kinds it was given stay; given none, it cannot know either.
 */
export function inventoryAfter(plan: SyncPlan, given: readonly LiveKind[] | undefined, live: readonly KubeObject[] | undefined): LiveKind[] | undefined {
  if (live) return uniqueKinds([...planKinds(plan), ...live.map((o) => ({ apiVersion: o.apiVersion, kind: o.kind }))]);
  return given ? uniqueKinds([...given, ...planKinds(plan)]) : undefined;
}

const isKind = (v: unknown): v is LiveKind => {
  if (typeof v !== 'object' || v === null) return false;
  const { apiVersion, kind } = v as Record<string, unknown>;
  return typeof apiVersion === 'string' && apiVersion.length > 0 && typeof kind === 'string' && kind.length > 0;
};

/** True for a list of kinds, the shape `SyncInput.inventory` and `SyncResult.inventory` have. */
export function isInventory(value: unknown): value is LiveKind[] {
  return Array.isArray(value) && value.every(isKind);
}

/** The inventory an earlier sync's result left; undefined when it has none (older code, or unknown). */
export function inventoryOfResult(result: unknown): LiveKind[] | undefined {
  const inventory = typeof result === 'object' && result !== null ? (result as Record<string, unknown>).inventory : undefined;
  return isInventory(inventory) ? uniqueKinds(inventory) : undefined;
}
