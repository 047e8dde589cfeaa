// The worker's documented RBAC (deploy/rbac/worker-rbac.yaml) as objects, for the static check
// and for the test that runs syncs with exactly those rights.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { repoRoot } from './paths';

export const RBAC_FILE = join(repoRoot, 'deploy/rbac/worker-rbac.yaml');
export const WORKER_SA = { namespace: 'hooksync-system', name: 'hooksync-worker' };

export interface RbacObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  rules?: Array<{ apiGroups: string[]; resources: string[]; verbs: string[] }>;
  [field: string]: unknown;
}

export function workerRbac(): RbacObject[] {
  return parseAllDocuments(readFileSync(RBAC_FILE, 'utf8')).map((d) => d.toJS() as RbacObject);
}
