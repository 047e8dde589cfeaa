// The container images an object runs, as Argo CD lists them in a resource's `images`: read from
// the object's pod spec (a Pod's own, a workload's template, a CronJob's job template). Pure, so
// that the workflow can fill each result row from the frozen plan without a call to the cluster.
import type { KubeObject } from './manifest';
import { splitApiVersion } from './objectRef';

/** Where each workload kind keeps its pod spec, by API group and kind. */
const POD_SPEC_PATHS: ReadonlyArray<[group: string, kind: string, path: readonly string[]]> = [
  ['', 'Pod', ['spec']],
  ['batch', 'Job', ['spec', 'template', 'spec']],
  ['batch', 'CronJob', ['spec', 'jobTemplate', 'spec', 'template', 'spec']],
  ['apps', 'Deployment', ['spec', 'template', 'spec']],
  ['apps', 'StatefulSet', ['spec', 'template', 'spec']],
  ['apps', 'DaemonSet', ['spec', 'template', 'spec']],
  ['apps', 'ReplicaSet', ['spec', 'template', 'spec']],
  ['', 'ReplicationController', ['spec', 'template', 'spec']],
];

/** The container lists of a pod spec that name images; ephemeral containers never come from a manifest. */
const CONTAINER_LISTS = ['containers', 'initContainers'] as const;

/**
 * The distinct images of the object's containers and init containers, in the order the pod spec
 * names them, containers first (the image a reader looks for). Empty for a kind that runs no pods,
 * and for a pod spec that is missing or malformed (the API server reports that, not this).
 */
export function podImages(object: KubeObject): string[] {
  const spec = podSpecOf(object);
  if (!spec) return [];
  const images = CONTAINER_LISTS.flatMap((list) => containerImages(spec[list]));
  return [...new Set(images)];
}

function podSpecOf(object: KubeObject): Record<string, unknown> | undefined {
  const { group } = splitApiVersion(String(object.apiVersion ?? ''));
  const entry = POD_SPEC_PATHS.find(([g, kind]) => g === group && kind === object.kind);
  if (!entry) return undefined;
  let node: unknown = object;
  for (const field of entry[2]) node = isRecord(node) ? node[field] : undefined;
  return isRecord(node) ? node : undefined;
}

function containerImages(containers: unknown): string[] {
  if (!Array.isArray(containers)) return [];
  return containers.map((c: unknown) => (isRecord(c) ? c.image : undefined)).filter((image): image is string => typeof image === 'string' && image !== '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
