// The worker's deployment manifests (deploy/worker/worker.yaml, over deploy/rbac/worker-rbac.yaml)
// as objects, and as they are dry-run into a test namespace of their own: every namespaced object
// moved there, so that parallel runs never meet on the shared cluster.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../sync/manifest';
import { repoRoot } from './paths';
import { RBAC_FILE } from './workerRbac';

export const WORKER_FILE = join(repoRoot, 'deploy/worker/worker.yaml');
/** The namespaces the files name: hooksync-system, and the RBAC file's example target namespace. */
const FILE_NAMESPACES = ['hooksync-system', 'shop'];

export function readManifests(file: string): KubeObject[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as KubeObject);
}

export function workerManifests(): KubeObject[] {
  return readManifests(WORKER_FILE);
}

/** The RBAC file and the worker's manifests in apply order, namespaced objects in `namespace`; the Namespace itself left out. */
export function manifestsIn(namespace: string): KubeObject[] {
  const all = [...readManifests(RBAC_FILE), ...workerManifests()].filter((o) => o.kind !== 'Namespace');
  return JSON.parse(JSON.stringify(all), (key, value: unknown) => (key === 'namespace' && FILE_NAMESPACES.includes(value as string) ? namespace : value)) as KubeObject[];
}
