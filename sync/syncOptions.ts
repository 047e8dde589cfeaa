// Argo CD's sync options, per object (`argocd.argoproj.io/sync-options`, comma-separated) and per
// sync (`--sync-option`, repeatable). As with hook types, an option or value we do not know is a
// problem before anything runs (DESIGN §6), not silently ignored as Argo CD does: a misspelt
// `Replace=ture` must not turn into an apply the user did not ask for.

import { caseInsensitiveMatch, manifestProblem, manifestWarning, readAnnotation, splitList } from './annotations';
import { type KubeObject, type Manifest } from './manifest';
import { annotationPath, type ManifestProblem, type ManifestWarning, type Parsed } from './problems';

export const SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';

const BOOLEAN = ['true', 'false'] as const;

/** Every option hooksync knows, with the values it accepts, in the order plans print them. */
export const SYNC_OPTION_VALUES = {
  Replace: BOOLEAN,
  Force: BOOLEAN,
  ServerSideApply: BOOLEAN,
  Validate: BOOLEAN,
  SkipDryRunOnMissingResource: BOOLEAN,
  ApplyOutOfSyncOnly: BOOLEAN,
  Prune: ['true', 'false', 'confirm'],
  PruneLast: BOOLEAN,
  Delete: ['true', 'false', 'confirm'],
  CreateNamespace: BOOLEAN,
  FailOnSharedResource: BOOLEAN,
} as const satisfies Record<string, readonly string[]>;

export type SyncOptionName = keyof typeof SYNC_OPTION_VALUES;
export type SyncOptionValue<N extends SyncOptionName> = (typeof SYNC_OPTION_VALUES)[N][number];
/** Parsed options: one value per named option; an absent option has Argo CD's default. */
export type SyncOptions = { [N in SyncOptionName]?: SyncOptionValue<N> };
/** The options whose only values are `true` and `false`. */
export type BooleanSyncOption = { [N in SyncOptionName]: (typeof SYNC_OPTION_VALUES)[N] extends typeof BOOLEAN ? N : never }[SyncOptionName];

export const SYNC_OPTION_NAMES = Object.keys(SYNC_OPTION_VALUES) as SyncOptionName[];

/** Options that describe a whole sync, not one object: on an object they are ignored (warned). */
export const PER_SYNC_ONLY: readonly SyncOptionName[] = ['CreateNamespace'];

/** `Name=value` for every option, for the allowed-values list of a problem. */
const EVERY_SPELLING = SYNC_OPTION_NAMES.flatMap((name) => SYNC_OPTION_VALUES[name].map((value) => `${name}=${value}`));

/** One token that could not be read: what was found, why, and what would have been accepted. */
export interface OptionError {
  token: string;
  message: string;
  allowed: readonly string[];
}

export interface OptionList {
  options: SyncOptions;
  errors: OptionError[];
}

/** Reads a comma-separated list of `Name=value` items; every bad item is reported, not only the first. */
export function parseSyncOptionList(raw: string): OptionList {
  const options: Record<string, string> = {};
  const errors: OptionError[] = [];
  for (const token of splitList(raw)) {
    const read = readToken(token);
    if ('error' in read) {
      errors.push(read.error);
      continue;
    }
    const earlier = options[read.name];
    if (earlier !== undefined && earlier !== read.value) {
      errors.push({ token, message: `${read.name} is already set to ${earlier} in the same list`, allowed: [] });
      continue;
    }
    options[read.name] = read.value;
  }
  return { options: inOrder(options), errors };
}

type TokenRead = { name: SyncOptionName; value: string } | { error: OptionError };

function readToken(token: string): TokenRead {
  const equals = token.indexOf('=');
  if (equals <= 0) return { error: { token, message: 'not an option: write Name=value', allowed: EVERY_SPELLING } };
  const name = token.slice(0, equals).trim();
  const value = token.slice(equals + 1).trim();
  if (!isOptionName(name)) {
    const sameLetters = caseInsensitiveMatch(name, SYNC_OPTION_NAMES);
    const close = closestName(name);
    const hint = sameLetters ? ` (did you mean ${sameLetters}? names are case-sensitive)` : close ? ` (did you mean ${close}?)` : '';
    return { error: { token, message: `unknown sync option${hint}`, allowed: EVERY_SPELLING } };
  }
  const allowed: readonly string[] = SYNC_OPTION_VALUES[name];
  if (!allowed.includes(value)) {
    const near = caseInsensitiveMatch(value, allowed);
    const hint = near ? ` (did you mean ${near}? values are case-sensitive)` : '';
    return { error: { token, message: `unknown value for sync option ${name}${hint}`, allowed: allowed.map((v) => `${name}=${v}`) } };
  }
  return { name, value };
}

/** A known name at most two edits away (a typo such as `SkipDryRunOnMissingResources`), to suggest it. */
function closestName(name: string): SyncOptionName | undefined {
  return SYNC_OPTION_NAMES.find((candidate) => editDistance(name, candidate) <= 2);
}

/** Levenshtein distance; the names are short and few, so the plain table costs nothing. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

function isOptionName(name: string): name is SyncOptionName {
  return (SYNC_OPTION_NAMES as readonly string[]).includes(name);
}

/** The same options, keyed in SYNC_OPTION_VALUES order, so that equal options print and hash alike. */
function inOrder(options: Record<string, string>): SyncOptions {
  return Object.fromEntries(SYNC_OPTION_NAMES.filter((n) => options[n] !== undefined).map((n) => [n, options[n]])) as SyncOptions;
}

/** An object's own options, with a problem naming file:line, object, annotation and valid values per bad item. */
export function parseObjectSyncOptions(manifest: Manifest): Parsed<SyncOptions> {
  const field = annotationPath(SYNC_OPTIONS_ANNOTATION);
  const read = readAnnotation(manifest, SYNC_OPTIONS_ANNOTATION);
  if (read.value === undefined) return { value: {}, problems: read.problems, warnings: [] };
  const list = parseSyncOptionList(read.value);
  const problems: ManifestProblem[] = list.errors.map((e) => manifestProblem(manifest, field, { value: e.token, allowed: e.allowed, message: e.message }));
  const misplaced = PER_SYNC_ONLY.filter((name) => list.options[name] !== undefined);
  const warnings: ManifestWarning[] = misplaced.map((name) => manifestWarning(manifest, field, `${name} applies to a whole sync, not to one object: ignored here (use --sync-option ${name}=${list.options[name]})`));
  const value = { ...list.options };
  for (const name of misplaced) delete value[name];
  return { value, problems, warnings };
}

/** The options of `--sync-option` flags (each may itself be a comma-separated list); one line per problem. */
export function parseSyncOptionFlags(flags: readonly string[]): { options: SyncOptions; problems: string[] } {
  const list = parseSyncOptionList(flags.join(','));
  const problems = list.errors.map((e) => {
    const allowed = e.allowed.length ? `; allowed: ${e.allowed.join(', ')}` : '';
    return `--sync-option: ${e.message} (found ${JSON.stringify(e.token)})${allowed}`;
  });
  return { options: list.options, problems };
}

/**
 * The options one object is synced with: the sync's, overridden option by option by the object's
 * own (an object may say `Validate=true` in a sync run with `Validate=false`). Options of the whole
 * sync only (CreateNamespace) stay on the plan.
 */
export function mergeSyncOptions(perSync: SyncOptions | undefined, perObject: SyncOptions | undefined): SyncOptions {
  const merged: Record<string, string> = { ...perSync, ...perObject };
  for (const name of PER_SYNC_ONLY) delete merged[name];
  return inOrder(merged);
}

/**
 * A live object's options, read leniently: the user cannot fix a live object's annotation in this
 * sync, so an item we do not know is left out rather than stopping the sync.
 */
export function liveSyncOptions(object: KubeObject): SyncOptions {
  const read = readAnnotation({ source: { file: '<live>', document: 0 }, object }, SYNC_OPTIONS_ANNOTATION);
  return parseSyncOptionList(read.value ?? '').options;
}

/** One option of a live (or planned) object, by its annotation; undefined when it does not set it. */
export function syncOptionOf<N extends SyncOptionName>(object: KubeObject, name: N): SyncOptionValue<N> | undefined {
  return liveSyncOptions(object)[name];
}

/**
 * The effective options of a planned task. A plan made before tasks carried their options has none
 * recorded: the annotation on the object is then what the user asked for.
 */
export function taskSyncOptions(task: { syncOptions?: SyncOptions; object: KubeObject }): SyncOptions {
  return task.syncOptions ?? liveSyncOptions(task.object);
}

export function isOn(options: SyncOptions | undefined, name: BooleanSyncOption): boolean {
  return options?.[name] === 'true';
}

export function isOff(options: SyncOptions | undefined, name: BooleanSyncOption): boolean {
  return options?.[name] === 'false';
}

/** `Name=value` items in plan order, for plans and messages. */
export function formatSyncOptions(options: SyncOptions | undefined): string[] {
  return SYNC_OPTION_NAMES.filter((n) => options?.[n] !== undefined).map((n) => `${n}=${options?.[n]}`);
}

/** True for parsed options as a plan carries them: known names, each with one of its values. */
export function isSyncOptions(value: unknown): value is SyncOptions {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.entries(value).every(([name, v]) => isOptionName(name) && (SYNC_OPTION_VALUES[name] as readonly unknown[]).includes(v));
}

/** True when at least one option is set. */
export function hasSyncOptions(options: SyncOptions | undefined): options is SyncOptions {
  return options !== undefined && Object.keys(options).length > 0;
}
