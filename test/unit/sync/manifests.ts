// Builders for test manifests: only what a case is about has to be written out.

import { type KubeObject, type Manifest, type ManifestSource } from '../../../sync/manifest';

const API_VERSIONS: Record<string, string> = {
  Job: 'batch/v1',
  Deployment: 'apps/v1',
  CustomResourceDefinition: 'apiextensions.k8s.io/v1',
  ClusterRole: 'rbac.authorization.k8s.io/v1',
};

export interface ManifestOptions {
  apiVersion?: string;
  namespace?: string;
  generateName?: string;
  annotations?: Record<string, unknown>;
  spec?: unknown;
  source?: Partial<ManifestSource>;
}

let documentCounter = 0;

/** A manifest of `kind`; name '' leaves metadata.name out. Each call gets its own document index. */
export function manifest(kind: string, name: string, options: ManifestOptions = {}): Manifest {
  const metadata: Record<string, unknown> = {};
  if (name) metadata.name = name;
  if (options.generateName) metadata.generateName = options.generateName;
  if (options.namespace) metadata.namespace = options.namespace;
  if (options.annotations) metadata.annotations = options.annotations;
  const object = { apiVersion: options.apiVersion ?? API_VERSIONS[kind] ?? 'v1', kind, metadata } as KubeObject;
  if (options.spec !== undefined) object.spec = options.spec;
  const source: ManifestSource = { file: 'app.yaml', document: documentCounter++, line: 1, ...options.source };
  return { source, object };
}

export function hookAnnotation(value: string): Record<string, string> {
  return { 'argocd.argoproj.io/hook': value };
}
