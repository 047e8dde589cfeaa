// The hooks an app deletion runs (spec §2.6): every manifest given to `hooksync delete -f` whose
// hook types include PreDelete or PostDelete gives one task per such type, with the wave, delete
// policies, deadline and (for generateName) a deterministic name a sync would give it. Everything
// else in the manifests is the app itself, which the deletion finds live, not in the files.
import { manifestProblem } from './annotations';
import { parseDeletePolicy } from './deletePolicy';
import { hookName, isValidHookName, manifestIdentity } from './hookName';
import { parseHookTimeout } from './hookTimeout';
import { parseHookType } from './hookType';
import { groupKind } from './kindScope';
import { type KubeObject, type Manifest } from './manifest';
import { splitApiVersion, toObjectRef } from './objectRef';
import { type ManifestProblem } from './problems';
import { parseSyncWave } from './syncWave';
import { DELETION_HOOK_TYPES, type DeletionHookType, type SyncTask } from './types';

export interface DeleteHookContext {
  /** The deletion's id: generated hook names carry it, as a sync's carry the sync id. */
  deleteId: string;
  defaultNamespace: string;
  /** `group/Kind` of every cluster-scoped kind (kindScope.ts). */
  clusterScoped: ReadonlySet<string>;
}

export interface DeleteHooks {
  tasks: SyncTask[];
  problems: ManifestProblem[];
}

const isDeletionType = (t: string): t is DeletionHookType => (DELETION_HOOK_TYPES as readonly string[]).includes(t);

export function deleteHookTasks(manifests: readonly Manifest[], context: DeleteHookContext): DeleteHooks {
  const tasks: SyncTask[] = [];
  const problems: ManifestProblem[] = [];
  for (const manifest of manifests) {
    const hook = parseHookType(manifest);
    const stages = hook.value.role === 'hook' ? hook.value.types.filter(isDeletionType) : [];
    if (stages.length === 0) continue;
    const built = stages.map((stage) => hookTask(manifest, stage, context));
    tasks.push(...built.flatMap((b) => (b.task ? [b.task] : [])));
    // A hook of both stages has its annotations read twice: report each problem once.
    problems.push(...once(built.flatMap((b) => b.problems)));
  }
  return { tasks, problems };
}

function hookTask(manifest: Manifest, stage: DeletionHookType, context: DeleteHookContext): { task?: SyncTask; problems: ManifestProblem[] } {
  const wave = parseSyncWave(manifest);
  const policies = parseDeletePolicy(manifest);
  const timeout = parseHookTimeout(manifest, true);
  const namespace = namespaceOf(manifest.object, context);
  const naming = nameFor(manifest, stage, namespace, context);
  const problems = [...wave.problems, ...policies.problems, ...timeout.problems, ...naming.problems];
  if (problems.length > 0 || naming.name === undefined) return { problems };
  const { name, generateName } = naming;
  const metadata = { ...manifest.object.metadata, name, ...(namespace ? { namespace } : {}) };
  delete metadata.generateName;
  if (!namespace) delete metadata.namespace;
  const task: SyncTask = {
    phase: stage, wave: wave.value, ref: toObjectRef(manifest.object, name, namespace), hookTypes: parseHookType(manifest).value.types,
    deletePolicies: policies.value, prune: false, generatedName: generateName !== undefined, ...(generateName !== undefined ? { generateName } : {}),
    ...(timeout.value !== undefined ? { timeoutSeconds: timeout.value } : {}), source: manifest.source, object: { ...manifest.object, metadata },
  };
  return { task, problems: [] };
}

function nameFor(manifest: Manifest, stage: DeletionHookType, namespace: string, context: DeleteHookContext): { name?: string; generateName?: string; problems: ManifestProblem[] } {
  const meta = manifest.object.metadata;
  if (typeof meta.name === 'string' && meta.name) return { name: meta.name, problems: [] };
  const generateName = typeof meta.generateName === 'string' ? meta.generateName : '';
  if (!generateName) return { problems: [manifestProblem(manifest, 'metadata.name', { message: 'missing: every hook needs metadata.name or metadata.generateName' })] };
  const name = hookName({ syncId: context.deleteId, attempt: 0, phase: stage, generateName, identity: manifestIdentity(manifest, namespace) });
  if (isValidHookName(name)) return { name, generateName, problems: [] };
  const message = 'must be lower-case letters, digits, "-" or ".", starting with a letter or digit';
  return { problems: [manifestProblem(manifest, 'metadata.generateName', { value: generateName, message })] };
}

/** As a sync names it (R4.4): the default namespace unless the object names one or is cluster-scoped. */
function namespaceOf(object: KubeObject, context: DeleteHookContext): string {
  const { group } = splitApiVersion(object.apiVersion);
  if (context.clusterScoped.has(groupKind(group, object.kind))) return '';
  const written = object.metadata.namespace;
  return typeof written === 'string' && written ? written : context.defaultNamespace;
}

function once(problems: ManifestProblem[]): ManifestProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.field}\u0000${p.value ?? ''}\u0000${p.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
