// Lists the live objects an app owns (by hooksync's labels), for the prune side of a sync: in the
// kinds of its inventory when the workflow knows them, else in every listable kind. Only identity
// and hooksync/Argo/Helm annotations are returned: this goes into workflow history, and the rest of
// a live object (a Secret's data, say) must not.
import { Context } from '@temporalio/activity';
import type { LiveKind } from '../sync/inventory';
import { appSelector, owningApp } from '../sync/stamp';
import type { KubeObject } from '../sync/manifest';
import { boundedParallel } from './boundedParallel';
import type { KubeClient } from './kubeClient';
import { kubeFailure } from './kubeFailures';

const KEPT_ANNOTATION_PREFIXES = ['argocd.argoproj.io/', 'helm.sh/', 'hooksync.io/'];

/** Lists in flight at once: enough to hide the round trips, few enough not to crowd the API server. */
const LISTS_IN_FLIGHT = 8;

const heartbeat = (progress: string) => Context.current().heartbeat(progress);

/**
 * The app's objects in `kinds`, or in every listable kind (after discovery) when `kinds` is absent.
 * `beat` reports progress: the activity's heartbeat, or nothing where no activity runs (`delete --dry-run`).
 */
export async function listLiveObjects(kube: KubeClient, app: string, kinds?: readonly LiveKind[], beat: (progress: string) => void = heartbeat): Promise<KubeObject[]> {
  try {
    const toList = kinds ?? (await kube.listableKinds());
    let listed = 0;
    const perKind = await boundedParallel(toList, LISTS_IN_FLIGHT, async ({ apiVersion, kind }) => {
      const found = await listOrSkip(kube, apiVersion, kind, app);
      // Under load dozens of lists outlast the heartbeat timeout: each one done is a beat.
      beat(`listed ${++listed} of ${toList.length} kinds`);
      // The label finds candidates; the tracking id decides (a copy of our object is not ours).
      return found.filter((live) => owningApp(live) === app).map(identityOf);
    });
    return perKind.flat();
  } catch (err) {
    throw kubeFailure(err, `list the objects of app ${app}`);
  }
}

/** Every listable kind: the activity syncs started before the inventory still schedule. */
export function listAppObjects(kube: KubeClient, app: string): Promise<KubeObject[]> {
  return listLiveObjects(kube, app);
}

// A worker with least-privilege credentials may not list every kind; what it cannot list it cannot
// have created either, so such kinds are skipped rather than failing the sync.
async function listOrSkip(kube: KubeClient, apiVersion: string, kind: string, app: string): Promise<KubeObject[]> {
  try {
    return await kube.list(apiVersion, kind, undefined, appSelector(app));
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 403 || code === 404 || code === 405) return [];
    throw err;
  }
}

// The uid lets a prune delete exactly the object listed here, not one that took its name later.
function identityOf(live: KubeObject): KubeObject {
  const { name, namespace, uid, labels, annotations } = live.metadata;
  const kept = Object.fromEntries(Object.entries(annotations ?? {}).filter(([key]) => KEPT_ANNOTATION_PREFIXES.some((p) => key.startsWith(p))));
  return {
    apiVersion: live.apiVersion,
    kind: live.kind,
    metadata: { name, ...(namespace ? { namespace } : {}), ...(typeof uid === 'string' ? { uid } : {}), ...(labels ? { labels } : {}), annotations: kept },
  };
}
