// Object and namespace names as the API server checks them. A bad name is refused here, before
// anything runs: the server would refuse it only when the object's group came up, after earlier
// hooks had already run.

/** RFC 1123 label: what a namespace or Service name must be (it becomes a DNS name). */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1123 subdomain: dot-separated labels, what most built-in kinds require. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Kinds whose names are DNS labels (at most 63 characters). */
const LABEL_KINDS = new Set(['Namespace', 'Service']);
/**
 * Built-in kinds whose names are DNS subdomains. Other kinds (custom resources, RBAC roles, whose
 * names such as `system:auth-delegator` may hold colons) get only the rule every name obeys.
 */
const SUBDOMAIN_KINDS = new Set([
  'ConfigMap', 'Secret', 'Pod', 'Job', 'CronJob', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet',
  'ServiceAccount', 'PersistentVolumeClaim', 'PersistentVolume', 'Ingress', 'HorizontalPodAutoscaler',
  'NetworkPolicy', 'PodDisruptionBudget', 'StorageClass', 'CustomResourceDefinition', 'Endpoints',
]);

const LABEL_RULE = 'lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters';
const SUBDOMAIN_RULE = 'lowercase letters, digits, "-" and ".", starting and ending with a letter or digit, at most 253 characters';

/** Why `name` cannot name an object of `kind`, or undefined when it can. */
export function nameProblem(kind: string, name: string): string | undefined {
  if (LABEL_KINDS.has(kind)) return matches(name, DNS_LABEL, 63) ? undefined : `not a valid ${kind} name: use ${LABEL_RULE}`;
  if (SUBDOMAIN_KINDS.has(kind)) return matches(name, DNS_SUBDOMAIN, 253) ? undefined : `not a valid ${kind} name: use ${SUBDOMAIN_RULE}`;
  // Every object name is a URL path segment.
  if (name === '.' || name === '..' || /[/%]/.test(name)) return 'not a valid name: it may not be "." or ".." or contain "/" or "%"';
  return undefined;
}

/** Why `namespace` cannot name a namespace, or undefined when it can. */
export function namespaceProblem(namespace: string): string | undefined {
  return matches(namespace, DNS_LABEL, 63) ? undefined : `not a valid namespace name: use ${LABEL_RULE}`;
}

function matches(value: string, pattern: RegExp, max: number): boolean {
  return value.length <= max && pattern.test(value);
}
