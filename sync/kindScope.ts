// Which objects are cluster-scoped. The planner runs offline (`hooksync plan`), without the API
// server's discovery, so it knows the built-in cluster-scoped kinds and reads the scope of the
// CRDs in the same sync; any other kind is taken as namespaced and gets the default namespace.

import { type Manifest } from './manifest';
import { splitApiVersion } from './objectRef';

/** Built-in cluster-scoped kinds, as `group/Kind` ('' is the core group). */
export const CLUSTER_SCOPED_KINDS: readonly string[] = [
  '/Namespace',
  '/Node',
  '/PersistentVolume',
  '/ComponentStatus',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'apiregistration.k8s.io/APIService',
  'storage.k8s.io/StorageClass',
  'storage.k8s.io/CSIDriver',
  'storage.k8s.io/CSINode',
  'storage.k8s.io/VolumeAttachment',
  'scheduling.k8s.io/PriorityClass',
  'networking.k8s.io/IngressClass',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'node.k8s.io/RuntimeClass',
  'policy/PodSecurityPolicy',
  'certificates.k8s.io/CertificateSigningRequest',
  'flowcontrol.apiserver.k8s.io/FlowSchema',
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
];

export function groupKind(group: string, kind: string): string {
  return `${group}/${kind}`;
}

/** The built-in cluster-scoped kinds plus those defined by `scope: Cluster` CRDs among `manifests`. */
export function clusterScopedKinds(manifests: readonly Manifest[]): ReadonlySet<string> {
  const kinds = new Set(CLUSTER_SCOPED_KINDS);
  for (const { object } of manifests) {
    const crd = crdGroupKind(object);
    if (crd && crd.scope === 'Cluster') kinds.add(groupKind(crd.group, crd.kind));
  }
  return kinds;
}

/** The group and kind a CustomResourceDefinition defines, or undefined for any other object. */
export function crdGroupKind(object: Manifest['object']): { group: string; kind: string; scope: unknown } | undefined {
  if (object.kind !== 'CustomResourceDefinition') return undefined;
  if (splitApiVersion(String(object.apiVersion ?? '')).group !== 'apiextensions.k8s.io') return undefined;
  const spec = object.spec as { group?: unknown; scope?: unknown; names?: { kind?: unknown } } | undefined;
  const group = spec?.group;
  const kind = spec?.names?.kind;
  if (typeof group !== 'string' || typeof kind !== 'string') return undefined;
  return { group, kind, scope: spec?.scope };
}
