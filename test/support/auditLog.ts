// Reads the KWOK apiserver's audit log (dev/kwok/audit-policy.yaml logs every write): the record
// of which requests the API server really answered, in the order it received them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runDir } from './paths';

export interface AuditEntry {
  verb: string;
  resource: string;
  /** '' for cluster-scoped objects. */
  namespace: string;
  name: string;
  code: number;
  userAgent: string;
  /** Who the API server authenticated the request as. */
  user: string;
  receivedAt: string;
  /** A server-side dry run (`dryRun=All`): checked in full, persisted not at all. */
  dryRun: boolean;
}

interface RawEvent {
  verb: string;
  requestURI?: string;
  userAgent?: string;
  user?: { username?: string };
  requestReceivedTimestamp: string;
  objectRef?: { resource?: string; namespace?: string; name?: string };
  responseStatus?: { code?: number };
}

export function auditLogPath(): string {
  return join(runDir(), 'kwok', 'clusters', process.env.HOOKSYNC_KWOK_CLUSTER ?? 'hooksync', 'logs', 'audit.log');
}

/** When this test process started: a log rotated before then holds nothing its tests wrote. */
const STARTED_AT_MS = Date.now() - process.uptime() * 1000;

/**
 * The API server rotates its audit log at 100 MB (a few test runs' worth): files it rotated away
 * while this process ran still hold entries of its tests, oldest first.
 */
function rotatedSinceStart(current: string): string[] {
  const dir = dirname(current);
  return readdirSync(dir).filter((f) => /^audit-.*\.log$/.test(f)).map((f) => join(dir, f))
    .filter((f) => statSync(f).mtimeMs >= STARTED_AT_MS).sort();
}

/**
 * Entries whose raw line mentions `needle` (a cheap pre-filter on a log shared by every test)
 * and that `keep` accepts, oldest first.
 */
export function auditEntries(needle: string, keep: (e: AuditEntry) => boolean): AuditEntry[] {
  const path = auditLogPath();
  if (!existsSync(path)) throw new Error(`no audit log at ${path}`);
  const entries: AuditEntry[] = [];
  for (const line of [...rotatedSinceStart(path), path].flatMap((file) => readFileSync(file, 'utf8').split('\n'))) {
    if (!line.includes(`"${needle}"`)) continue;
    const e = JSON.parse(line) as RawEvent;
    const ref = e.objectRef ?? {};
    const entry = {
      verb: e.verb, resource: ref.resource ?? '', namespace: ref.namespace ?? '', name: ref.name ?? '',
      code: e.responseStatus?.code ?? 0, userAgent: e.userAgent ?? '', user: e.user?.username ?? '', receivedAt: e.requestReceivedTimestamp,
      dryRun: /[?&]dryRun=All(&|$)/.test(e.requestURI ?? ''),
    };
    if (keep(entry)) entries.push(entry);
  }
  return entries.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
}

const inNamespace = (namespace: string) => (e: AuditEntry) => e.namespace === namespace || (e.resource === 'namespaces' && e.name === namespace);

/** Writes in one namespace (and to the namespace object itself), oldest first; dry runs are not writes. */
export function auditedWrites(namespace: string): AuditEntry[] {
  return auditEntries(namespace, (e) => !e.dryRun && inNamespace(namespace)(e));
}

/** Server-side dry runs sent in one namespace (and to the namespace object itself), oldest first. */
export function auditedDryRuns(namespace: string): AuditEntry[] {
  return auditEntries(namespace, (e) => e.dryRun && inNamespace(namespace)(e));
}

/** A write that hooksync itself sent (create or apply) and the server accepted. */
export function isHooksyncWrite(e: AuditEntry): boolean {
  return e.userAgent.startsWith('hooksync/') && ['create', 'patch'].includes(e.verb) && e.code < 300 && !e.dryRun;
}

/** Writes hooksync itself sent in one namespace, oldest first. */
export function hooksyncWrites(namespace: string): AuditEntry[] {
  return auditedWrites(namespace).filter(isHooksyncWrite);
}
