// `ApplyOutOfSyncOnly=true`: is an object already as the manifest wants it? The server answers:
// hooksync sends the apply as a server-side dry run and compares what would be stored with what is
// stored. Defaults, admission and other managers' fields are then the server's business, not a
// diff of ours that would have to know every kind's defaults.
import { type KubeObject } from './manifest';

/** Parts of an object that change on every write without changing what is stored. */
const BOOKKEEPING = ['managedFields', 'resourceVersion'] as const;

/** True when `wouldBe` (the dry run's answer) stores nothing that `live` does not already. */
export function sameStoredObject(wouldBe: KubeObject, live: KubeObject): boolean {
  return canonical(withoutBookkeeping(wouldBe)) === canonical(withoutBookkeeping(live));
}

function withoutBookkeeping(object: KubeObject): KubeObject {
  const metadata: Record<string, unknown> = { ...object.metadata };
  for (const field of BOOKKEEPING) delete metadata[field];
  return { ...object, metadata: metadata as KubeObject['metadata'] };
}

/** JSON with keys sorted at every level, so that field order does not count as a difference. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
