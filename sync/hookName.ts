// Names for hooks that only have `metadata.generateName`. Argo CD appends revision, phase and start
// time, which makes two hooks with one generateName collide and eats the 63 characters a Job name
// may use (R4.2, argo-cd#9184). Ours: <generateName><phase>[-a<attempt>]-<hash>, where the hash
// covers the sync id, attempt, phase and the manifest's identity: the same inputs always give the
// same name (a retried activity finds what it created) and different manifests never share one.
// We never send generateName to the API server: it would pick a new random name on every retry.
// A hook with no name at all is named too (unnamedHookName), but the same way on every sync.

import { type Manifest } from './manifest';
import { splitApiVersion } from './objectRef';
import { stableHash } from './stableHash';
import { type TaskPhase } from './types';

/** Job names end up in Pod label values, which are limited to 63 characters. */
export const MAX_HOOK_NAME_LENGTH = 63;
const HASH_LENGTH = 8;

export interface HookNameInput {
  /** Identifies the sync; `hooksync plan` passes a placeholder such as `plan`. */
  syncId: string;
  /** 0 for a sync's first run; each `hooksync retry` adds one, so a retry creates fresh hooks. */
  attempt: number;
  phase: TaskPhase;
  generateName: string;
  /** What tells this manifest apart from every other one in the sync: see manifestIdentity. */
  identity: string;
}

export function hookName(input: HookNameInput): string {
  const attempt = input.attempt > 0 ? `-a${input.attempt}` : '';
  const key = [input.syncId, input.attempt, input.phase, input.generateName, input.identity];
  const hash = stableHash(JSON.stringify(key), HASH_LENGTH);
  const suffix = `${input.phase.toLowerCase()}${attempt}-${hash}`;
  return shortenPrefix(input.generateName, MAX_HOOK_NAME_LENGTH - suffix.length) + suffix;
}

export interface UnnamedHookNameInput {
  phase: TaskPhase;
  kind: string;
  /** What tells this manifest apart from every other one in the sync: see manifestIdentity. */
  identity: string;
}

/**
 * The name of a hook with neither `name` nor `generateName` (Argo CD's
 * TestAutomaticallyNamingUnnamedHook): `<kind>-<phase>-<hash>`. Argo CD puts the revision and the
 * operation's start time in it, so every sync creates a new object. Ours leaves the sync id and the
 * attempt out: every sync of the same manifests gives the same name, so the hook behaves as a
 * fixed-name one and the default BeforeHookCreation replaces it instead of leaving one more behind
 * per sync. The phase keeps a hook of several phases one object per phase (R1.6).
 */
export function unnamedHookName(input: UnnamedHookNameInput): string {
  const hash = stableHash(JSON.stringify(['unnamed', input.phase, input.identity]), HASH_LENGTH);
  const suffix = `-${input.phase.toLowerCase()}-${hash}`;
  const kind = input.kind.toLowerCase().replace(/[^a-z0-9]+/g, '') || 'hook';
  return shortenPrefix(kind, MAX_HOOK_NAME_LENGTH - suffix.length).replace(/-$/, '') + suffix;
}

/**
 * Cuts a long generateName at a readable boundary and ends it with '-'. The hash already covers
 * the whole generateName, so shortening it cannot make two names equal.
 */
function shortenPrefix(prefix: string, room: number): string {
  if (prefix.length <= room) return prefix;
  return `${prefix.slice(0, room - 1).replace(/[-.]+$/, '')}-`;
}

/**
 * Group, kind, namespace and generateName ('' for an unnamed hook), plus where the manifest was
 * read: two manifests in one sync never share a source position, so they never share a name.
 */
export function manifestIdentity(manifest: Manifest, namespace: string): string {
  const { object, source } = manifest;
  const { group } = splitApiVersion(String(object.apiVersion ?? ''));
  const item = source.listItem === undefined ? '' : `/${source.listItem}`;
  const where = `${source.file}#${source.document}${item}`;
  return JSON.stringify([group, object.kind, namespace, object.metadata?.generateName ?? '', where]);
}

const DNS_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS_SUBDOMAIN = new RegExp(`^${DNS_LABEL}(\\.${DNS_LABEL})*$`);

/** A DNS-1123 subdomain no longer than a label value: valid for a Job and for its Pods' labels. */
export function isValidHookName(name: string): boolean {
  return name.length <= MAX_HOOK_NAME_LENGTH && DNS_SUBDOMAIN.test(name);
}
