// Execution order (spec §3.2, §3.3): one comparator, then two passes that pull a Namespace or a
// CRD in front of the first task that needs it. Argo CD's sort is unstable and leaves ties
// undefined; ours breaks every tie so that a plan prints the same way every time.

import { crdGroupKind, groupKind } from './kindScope';
import { kindRank } from './kindOrder';
import { phaseRank, type SyncTask } from './types';

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Phase, wave, kind rank, name (spec §3.2); then kind, group, namespace, version as tie-breakers. */
export function compareTasks(a: SyncTask, b: SyncTask): number {
  return (
    phaseRank(a.phase) - phaseRank(b.phase) ||
    a.wave - b.wave ||
    kindRank(a.ref.kind) - kindRank(b.ref.kind) ||
    compareStrings(a.ref.name, b.ref.name) ||
    compareStrings(a.ref.kind, b.ref.kind) ||
    compareStrings(a.ref.group, b.ref.group) ||
    compareStrings(a.ref.namespace, b.ref.namespace) ||
    compareStrings(a.ref.version, b.ref.version)
  );
}

export function orderTasks(tasks: readonly SyncTask[]): SyncTask[] {
  const sorted = [...tasks].sort(compareTasks);
  const namespacesFirst = pullForward(sorted, namespaceProvided, namespaceUsed);
  return pullForward(namespacesFirst, crdProvided, groupKindUsed);
}

/** Key a dependency provides (a Namespace's name, a CRD's group/kind), or undefined. */
type Provides = (task: SyncTask) => string | undefined;
/** Key a task depends on, or undefined. */
type Uses = (task: SyncTask) => string | undefined;

const namespaceProvided: Provides = (t) => (t.ref.group === '' && t.ref.kind === 'Namespace' ? t.ref.name : undefined);
const namespaceUsed: Uses = (t) => t.ref.namespace || undefined;

const crdProvided: Provides = (t) => {
  const crd = crdGroupKind(t.object);
  return crd && groupKind(crd.group, crd.kind);
};
const groupKindUsed: Uses = (t) => groupKind(t.ref.group, t.ref.kind);

/**
 * Moves each dependency that sorts after its first dependent to just before it, in that
 * dependent's phase and wave (spec §3.3). A dependency already in front stays where it is.
 * Prune tasks neither move nor count as dependents.
 */
function pullForward(tasks: readonly SyncTask[], provides: Provides, uses: Uses): SyncTask[] {
  const result = [...tasks];
  const firstUser = new Map<string, number>();
  for (let i = 0; i < result.length; i++) {
    const task = result[i];
    if (task.prune) continue;
    const provided = provides(task);
    if (provided === undefined) {
      const used = uses(task);
      if (used !== undefined && !firstUser.has(used)) firstUser.set(used, i);
      continue;
    }
    const at = firstUser.get(provided);
    if (at === undefined) continue;
    const target = result[at];
    result.splice(i, 1);
    result.splice(at, 0, { ...task, phase: target.phase, wave: target.wave });
    for (const [key, index] of firstUser) if (index >= at) firstUser.set(key, index + 1);
  }
  return result;
}
