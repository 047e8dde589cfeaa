// Lists every live object an app owns (by hooksync's labels), across all listable kinds, for the
// prune side of a sync. Only identity and hooksync/Argo/Helm annotations are returned: this goes
// into workflow history, and the rest of a live object (a Secret's data, say) must not.
import { Context } from '@temporalio/activity';
import { appSelector, owningApp } from '../sync/stamp';
import type { KubeObject } from '../sync/manifest';
import type { KubeClient } from './kubeClient';
import { kubeFailure } from './kubeFailures';

const KEPT_ANNOTATION_PREFIXES = ['argocd.argoproj.io/', 'helm.sh/', 'hooksync.io/'];

export async function listAppObjects(kube: KubeClient, app: string): Promise<KubeObject[]> {
  try {
    const kinds = await kube.listableKinds();
    const found: KubeObject[] = [];
    for (const [index, { apiVersion, kind }] of kinds.entries()) {
      // Dozens of kinds, one list each: under load that outlasts the heartbeat timeout, and an
      // activity that never beats is timed out and started again while the first try still runs.
      Context.current().heartbeat(`listed ${index} of ${kinds.length} kinds`);
      for (const live of await listOrSkip(kube, apiVersion, kind, app)) {
        // The label finds candidates; the tracking id decides (a copy of our object is not ours).
        if (owningApp(live) === app) found.push(identityOf(live));
      }
    }
    return found;
  } catch (err) {
    throw kubeFailure(err, `list the objects of app ${app}`);
  }
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
