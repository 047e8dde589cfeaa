// Collection URLs of kinds (`/apis/batch/v1/namespaces/shop/jobs`), found by discovery and
// cached per worker: a watch needs the resource's plural name, which only the server knows.
import { CoreV1Api, CustomObjectsApi, type KubeConfig, type V1APIResource } from '@kubernetes/client-node';

export interface ResourcePaths {
  /** The collection path of `kind` in `apiVersion`, in `namespace` when the kind is namespaced. */
  collectionPath(apiVersion: string, kind: string, namespace: string): Promise<string>;
}

export function createResourcePaths(kc: KubeConfig): ResourcePaths {
  const cache = new Map<string, V1APIResource[]>();

  async function resources(apiVersion: string, refresh: boolean): Promise<V1APIResource[]> {
    const cached = cache.get(apiVersion);
    if (cached && !refresh) return cached;
    const slash = apiVersion.indexOf('/');
    const list = slash < 0
      ? await kc.makeApiClient(CoreV1Api).getAPIResources()
      : await kc.makeApiClient(CustomObjectsApi).getAPIResources({ group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) });
    cache.set(apiVersion, list.resources);
    return list.resources;
  }

  return {
    async collectionPath(apiVersion, kind, namespace) {
      const find = (list: V1APIResource[]) => list.find((r) => r.kind === kind && !r.name.includes('/'));
      // A kind missing from the cache may have been added since (a CRD): ask again once.
      const resource = find(await resources(apiVersion, false)) ?? find(await resources(apiVersion, true));
      if (!resource) throw new Error(`the server does not serve ${kind} in ${apiVersion}`);
      const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
      return resource.namespaced && namespace ? `${base}/namespaces/${namespace}/${resource.name}` : `${base}/${resource.name}`;
    },
  };
}
