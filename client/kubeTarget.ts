// The target cluster: a kubeconfig (flag, then KUBECONFIG, then ~/.kube/config) and a context.
// Its name keys the workflow id and the task queue, so it is reduced to a safe, readable token;
// HOOKSYNC_CLUSTER names it when the context's cluster name is not the one wanted.
import { KubeConfig } from '@kubernetes/client-node';

export interface KubeTarget {
  kc: KubeConfig;
  /** The context's cluster name, e.g. `kwok-hooksync`. */
  cluster: string;
  /** The context's namespace, or `default`. */
  namespace: string;
}

export function kubeTarget(flags: { kubeconfig?: string; context?: string }): KubeTarget {
  const kc = new KubeConfig();
  if (flags.kubeconfig) kc.loadFromFile(flags.kubeconfig);
  else kc.loadFromDefault();
  if (flags.context) kc.setCurrentContext(flags.context);
  const context = kc.getContextObject(kc.getCurrentContext());
  const cluster = kc.getCurrentCluster();
  if (!context || !cluster) throw new Error(`the kubeconfig has no context ${flags.context ?? kc.getCurrentContext()}`);
  return { kc, cluster: clusterToken(process.env.HOOKSYNC_CLUSTER || cluster.name), namespace: context.namespace ?? 'default' };
}

export function clusterToken(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'cluster';
}
