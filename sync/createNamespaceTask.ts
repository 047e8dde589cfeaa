// `--create-namespace` (Argo CD's CreateNamespace sync option): the target namespace as a task of
// its own. Unlike a Namespace the user declares, it is created bare (no labels, no tracking id) and
// only when missing, first of all (spec §3.5 step 2: before the dry run), so hooksync never takes
// over, changes or prunes a namespace that existed before, nor what it holds.
import { type Manifest } from './manifest';
import { type SyncTask } from './types';

export const CREATE_NAMESPACE_SOURCE = '--create-namespace';

/** True when the manifests declare the namespace themselves: then it is theirs to apply. */
function declared(manifests: readonly Manifest[], namespace: string): boolean {
  return manifests.some((m) => m.object.kind === 'Namespace' && m.object.apiVersion === 'v1' && m.object.metadata.name === namespace);
}

/**
 * `ordered` with the namespace-creation task in front, in the PreSync phase as in Argo CD (in the
 * first PreSync wave when there is one, else wave 0); unchanged when the manifests declare it.
 */
export function withCreateNamespace(ordered: readonly SyncTask[], manifests: readonly Manifest[], namespace: string): SyncTask[] {
  if (declared(manifests, namespace)) return [...ordered];
  const first = ordered[0];
  const wave = first?.phase === 'PreSync' ? Math.min(first.wave, 0) : 0;
  const task: SyncTask = {
    phase: 'PreSync',
    wave,
    ref: { group: '', version: 'v1', kind: 'Namespace', namespace: '', name: namespace },
    hookTypes: [],
    deletePolicies: [],
    prune: false,
    generatedName: false,
    createOnly: true,
    source: { file: CREATE_NAMESPACE_SOURCE, document: 0 },
    object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
  };
  return [task, ...ordered];
}
