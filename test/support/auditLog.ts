// Reads the KWOK apiserver's audit log (dev/kwok/audit-policy.yaml logs every write): the record
// of which requests the API server really answered, in the order it received them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runDir } from './paths';

export interface AuditEntry {
  verb: string;
  resource: string;
  namespace: string;
  name: string;
  code: number;
  userAgent: string;
  receivedAt: string;
}

export function auditLogPath(): string {
  return join(runDir(), 'kwok', 'clusters', process.env.HOOKSYNC_KWOK_CLUSTER ?? 'hooksync', 'logs', 'audit.log');
}

/** Writes in one namespace (and to the namespace object itself), oldest first. */
export function auditedWrites(namespace: string): AuditEntry[] {
  const path = auditLogPath();
  if (!existsSync(path)) throw new Error(`no audit log at ${path}`);
  const entries: AuditEntry[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.includes(`"${namespace}"`)) continue;
    const e = JSON.parse(line) as {
      verb: string; userAgent?: string; requestReceivedTimestamp: string;
      objectRef?: { resource?: string; namespace?: string; name?: string }; responseStatus?: { code?: number };
    };
    const ref = e.objectRef ?? {};
    if (ref.namespace !== namespace && !(ref.resource === 'namespaces' && ref.name === namespace)) continue;
    entries.push({
      verb: e.verb, resource: ref.resource ?? '', namespace: ref.namespace ?? '', name: ref.name ?? '',
      code: e.responseStatus?.code ?? 0, userAgent: e.userAgent ?? '', receivedAt: e.requestReceivedTimestamp,
    });
  }
  return entries.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
}

/** Writes hooksync itself sent: creates and applies that the server accepted. */
export function hooksyncWrites(namespace: string): AuditEntry[] {
  return auditedWrites(namespace).filter((e) => e.userAgent.startsWith('hooksync/') && ['create', 'patch'].includes(e.verb) && e.code < 300);
}
