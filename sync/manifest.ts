// A Kubernetes object as read from the user's manifests, with where it came from, so that every
// message about it can name the file, the YAML document and the line.

/** Where one object was read: file path (or "<stdin>"), 0-based document index, 1-based line. */
export interface ManifestSource {
  file: string;
  document: number;
  line?: number;
  /** Index inside a `kind: List` document, when the object was one of its items. */
  listItem?: number;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [field: string]: unknown;
}

/** A manifest object as parsed: only apiVersion, kind and metadata are known to exist. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export interface Manifest {
  source: ManifestSource;
  object: KubeObject;
}
