// One manifest -> its tasks (spec §3.1): a plain resource gives one Sync task, a hook one task per
// sync phase it names (R1.6), Skip and the Helm hooks Argo CD never runs give none. Every problem
// with the manifest is collected, not just the first.

import { manifestProblem, manifestWarning } from './annotations';
import { declaresDeletePolicy, parseDeletePolicy } from './deletePolicy';
import { hookName, isValidHookName, manifestIdentity, unnamedHookName } from './hookName';
import { parseHookType, type HookClass } from './hookType';
import { groupKind } from './kindScope';
import { type KubeObject, type Manifest } from './manifest';
import { splitApiVersion, toObjectRef } from './objectRef';
import { describeObject, type ManifestProblem, type ManifestWarning, type Parsed } from './problems';
import { parseHookTimeout } from './hookTimeout';
import { hasSyncOptions, mergeSyncOptions, parseObjectSyncOptions, type SyncOptions } from './syncOptions';
import { parseSyncWave } from './syncWave';
import { DELETION_HOOK_TYPES, isSyncPhase, type DeletePolicy, type HookType, type SyncPhase, type SyncTask } from './types';

export interface TaskContext {
  syncId: string;
  attempt: number;
  defaultNamespace: string;
  /** `group/Kind` of every cluster-scoped kind (kindScope.ts). */
  clusterScoped: ReadonlySet<string>;
  /** `--sync-option`: every task gets these, each overridden by the object's own. */
  syncOptions?: SyncOptions;
}

export function manifestTasks(manifest: Manifest, context: TaskContext): Parsed<SyncTask[]> {
  const shape = checkShape(manifest);
  if (shape.length) return { value: [], problems: shape, warnings: [] };
  const namespace = namespaceOf(manifest.object, context);
  // Messages name the object as it will be applied, with its namespace defaulted (R4.4).
  const label = describeObject({ kind: manifest.object.kind, namespace, name: displayName(manifest.object) });
  const described = <T extends { object: string }>(items: T[]): T[] => items.map((item) => ({ ...item, object: label }));
  const hook = parseHookType(manifest);
  if (hook.value.role === 'skip' || hook.value.role === 'ignored') {
    return { value: [], problems: described(hook.problems), warnings: described(hook.warnings) };
  }
  const facts = readFacts(manifest, hook);
  const options = mergeSyncOptions(context.syncOptions, facts.value.syncOptions);
  const optionsField = hasSyncOptions(options) ? { syncOptions: options } : {};
  const named = facts.value.phases.map((phase) => nameFor(manifest, phase, facts.value.isHook, namespace, context));
  const tasks = facts.value.phases.map((phase, i): SyncTask => {
    const { name, generated, generateName } = named[i].value;
    const { wave, hookTypes, deletePolicies, timeoutSeconds } = facts.value;
    const ref = toObjectRef(manifest.object, name, namespace);
    const object = finalObject(manifest.object, name, namespace);
    const deadline = timeoutSeconds === undefined ? {} : { timeoutSeconds };
    const naming = generateName === undefined ? {} : { generateName };
    return { phase, wave, ref, hookTypes, deletePolicies, prune: false, generatedName: generated, ...naming, source: manifest.source, ...optionsField, object, ...deadline };
  });
  const problems = dedupe([...facts.problems, ...named.flatMap((n) => n.problems)]);
  return { value: tasks, problems: described(problems), warnings: described(facts.warnings) };
}

interface Facts {
  isHook: boolean;
  phases: SyncPhase[];
  wave: number;
  hookTypes: HookType[];
  deletePolicies: DeletePolicy[];
  timeoutSeconds: number | undefined;
  /** The object's own sync options (the annotation), before the sync's are merged in. */
  syncOptions: SyncOptions;
}

/** Everything the annotations say about a manifest that is applied in at least one phase. */
function readFacts(manifest: Manifest, hook: Parsed<HookClass>): Parsed<Facts> {
  const isHook = hook.value.role === 'hook';
  const wave = parseSyncWave(manifest);
  const policies = parseDeletePolicy(manifest);
  const timeout = parseHookTimeout(manifest, isHook);
  const phases = phasesOf(manifest, hook.value);
  const options = parseObjectSyncOptions(manifest);
  const warnings = [...hook.warnings, ...phases.warnings, ...(isHook ? policies.warnings : []), ...timeout.warnings, ...options.warnings];
  if (!isHook && declaresDeletePolicy(manifest)) {
    warnings.push(manifestWarning(manifest, undefined, 'delete policies apply only to hooks; ignored'));
  }
  const value: Facts = {
    isHook,
    phases: phases.value,
    wave: wave.value,
    hookTypes: isHook ? hook.value.types : [],
    deletePolicies: isHook ? policies.value : [],
    timeoutSeconds: timeout.value,
    syncOptions: options.value,
  };
  return { value, problems: [...hook.problems, ...wave.problems, ...policies.problems, ...timeout.problems, ...options.problems], warnings };
}

/** The sync phases a manifest runs in; delete-time hook types yield none (R2.12). */
function phasesOf(manifest: Manifest, hook: HookClass): Parsed<SyncPhase[]> {
  if (hook.role !== 'hook') return { value: ['Sync'], problems: [], warnings: [] };
  const phases = hook.types.filter(isSyncPhase);
  const deletion = hook.types.filter((t) => (DELETION_HOOK_TYPES as readonly string[]).includes(t));
  const warnings: ManifestWarning[] = [];
  if (deletion.length) {
    const what = phases.length ? `${deletion.join(', ')} ignored` : 'object left out of the sync';
    const message = `${deletion.join(', ')} hooks run only when an application is deleted, which a sync never does: ${what}`;
    warnings.push(manifestWarning(manifest, undefined, message));
  }
  return { value: phases, problems: [], warnings };
}

interface Naming {
  name: string;
  generated: boolean;
  /** The manifest's generateName, kept so that a retry can name the hook for its own attempt. */
  generateName?: string;
}

/**
 * metadata.name wins (R4.1, R4.2); hooks with only generateName get a computed name, and hooks with
 * neither the name every sync of these manifests gives them (hookName.ts).
 */
function nameFor(manifest: Manifest, phase: SyncPhase, isHook: boolean, namespace: string, context: TaskContext): Parsed<Naming> {
  const meta = manifest.object.metadata;
  if (typeof meta.name === 'string' && meta.name) return { value: { name: meta.name, generated: false }, problems: [], warnings: [] };
  const generateName = typeof meta.generateName === 'string' ? meta.generateName : '';
  const fail = (field: string, message: string, value?: string): Parsed<Naming> => ({
    value: { name: generateName, generated: false },
    problems: [manifestProblem(manifest, field, { message, value })],
    warnings: [],
  });
  if (!generateName && !isHook) return fail('metadata.name', 'missing: every object needs metadata.name (only hooks may go without one)');
  if (!isHook) return fail('metadata.generateName', 'only hooks may use generateName: set metadata.name', generateName);
  const identity = manifestIdentity(manifest, namespace);
  if (!generateName) return { value: { name: unnamedHookName({ phase, kind: manifest.object.kind, identity }), generated: true }, problems: [], warnings: [] };
  const name = hookName({ syncId: context.syncId, attempt: context.attempt, phase, generateName, identity });
  if (!isValidHookName(name)) {
    return fail('metadata.generateName', 'must be lower-case letters, digits, "-" or ".", starting with a letter or digit', generateName);
  }
  return { value: { name, generated: true, generateName }, problems: [], warnings: [] };
}

/** R4.4: objects without a namespace go to the default one; cluster-scoped objects have none. */
function namespaceOf(object: KubeObject, context: TaskContext): string {
  const { group } = splitApiVersion(object.apiVersion);
  if (context.clusterScoped.has(groupKind(group, object.kind))) return '';
  const written = object.metadata.namespace;
  return typeof written === 'string' && written ? written : context.defaultNamespace;
}

/** The manifest as it will be applied: final name and namespace, no generateName. */
function finalObject(object: KubeObject, name: string, namespace: string): KubeObject {
  const metadata = { ...object.metadata, name };
  delete metadata.generateName;
  if (namespace) metadata.namespace = namespace;
  else delete metadata.namespace;
  return { ...object, metadata };
}

function displayName(object: KubeObject): string {
  const meta = object.metadata;
  return meta.name || (meta.generateName ? `${meta.generateName}*` : '');
}

/** apiVersion, kind and metadata must be there before anything else can be read. */
function checkShape(manifest: Manifest): ManifestProblem[] {
  const object = manifest.object as Partial<KubeObject>;
  const problems: ManifestProblem[] = [];
  for (const field of ['apiVersion', 'kind'] as const) {
    if (typeof object[field] !== 'string' || !object[field]) problems.push(manifestProblem(manifest, field, { message: 'missing' }));
  }
  if (object.metadata === null || typeof object.metadata !== 'object') {
    problems.push(manifestProblem(manifest, 'metadata', { message: 'missing' }));
  }
  return problems;
}

/** A multi-phase hook is named once per phase; report each naming problem once. */
function dedupe(problems: ManifestProblem[]): ManifestProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.field}\u0000${p.value ?? ''}\u0000${p.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
