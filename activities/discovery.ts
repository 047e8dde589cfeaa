// What the API server serves, by discovery: the collection URL of a kind (a watch needs the
// resource's plural name, which only the server knows) and every kind that can be listed and
// deleted (the prune side lists the app's objects across all of them). Cached per worker.
import {
  ApisApi,
  type Configuration,
  CoreV1Api,
  CustomObjectsApi,
  type KubeConfig,
  type V1APIResource,
} from '@kubernetes/client-node';
import type { InFlightLimit } from './inFlightLimit';

export interface ListableKind {
  apiVersion: string;
  kind: string;
  namespaced: boolean;
}

/** Discovery does not list the kind in that group and version: nothing was sent for the object. */
export class KindNotServed extends Error {}

export const isKindNotServed = (err: unknown): boolean => err instanceof KindNotServed;

export interface Discovery {
  /** The collection path of `kind` in `apiVersion`, in `namespace` when the kind is namespaced. */
  collectionPath(apiVersion: string, kind: string, namespace: string): Promise<string>;
  /** Every kind the server can list and delete, in its preferred version, asked afresh. */
  listableKinds(): Promise<ListableKind[]>;
}

/** Top-level resources (not subresources such as pods/status) that support list and delete. */
function listable(apiVersion: string, resources: V1APIResource[]): ListableKind[] {
  return resources
    .filter((r) => !r.name.includes('/') && r.verbs.includes('list') && r.verbs.includes('delete'))
    .map((r) => ({ apiVersion, kind: r.kind, namespaced: r.namespaced }));
}

/**
 * `configuration` carries the caller's request settings (the KubeClient's shared connections,
 * timeout and user agent); without it, client-node's defaults for `kc` apply. `limited` is the
 * caller's bound on requests in flight over those connections.
 */
export function createDiscovery(kc: KubeConfig, configuration?: Configuration, limited: InFlightLimit = (call) => call()): Discovery {
  const cache = new Map<string, V1APIResource[]>();
  const core = configuration ? new CoreV1Api(configuration) : kc.makeApiClient(CoreV1Api);
  const custom = configuration ? new CustomObjectsApi(configuration) : kc.makeApiClient(CustomObjectsApi);
  const groups = configuration ? new ApisApi(configuration) : kc.makeApiClient(ApisApi);

  async function resources(apiVersion: string, refresh: boolean): Promise<V1APIResource[]> {
    const cached = cache.get(apiVersion);
    if (cached && !refresh) return cached;
    const slash = apiVersion.indexOf('/');
    const list = slash < 0
      ? await limited(() => core.getAPIResources())
      : await limited(() => custom.getAPIResources({ group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) }))
        // A group can vanish between listing the groups and asking for its kinds (its CRD deleted).
        .catch((err: { code?: unknown }) => {
          if (err.code === 404) return { resources: [] };
          throw err;
        });
    cache.set(apiVersion, list.resources);
    return list.resources;
  }

  return {
    async collectionPath(apiVersion, kind, namespace) {
      const find = (list: V1APIResource[]) => list.find((r) => r.kind === kind && !r.name.includes('/'));
      // A kind missing from the cache may have been added since (a CRD): ask again once.
      const resource = find(await resources(apiVersion, false)) ?? find(await resources(apiVersion, true));
      if (!resource) throw new KindNotServed(`the server does not serve ${kind} in ${apiVersion}`);
      const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
      return resource.namespaced && namespace ? `${base}/namespaces/${namespace}/${resource.name}` : `${base}/${resource.name}`;
    },
    async listableKinds() {
      const versions = ['v1'];
      for (const group of (await limited(() => groups.getAPIVersions())).groups) {
        const version = group.preferredVersion?.version ?? group.versions[0]?.version;
        if (version) versions.push(`${group.name}/${version}`);
      }
      const kinds: ListableKind[] = [];
      for (const apiVersion of versions) kinds.push(...listable(apiVersion, await resources(apiVersion, true)));
      return kinds;
    },
  };
}
