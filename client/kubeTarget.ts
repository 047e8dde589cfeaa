// The target cluster: a kubeconfig (flag, then KUBECONFIG, then ~/.kube/config) and a context.
// Its name keys the workflow id and the task queue, so it is reduced to a safe, readable token;
// --cluster (or HOOKSYNC_CLUSTER) names it when the context's cluster name is not the one wanted:
// `sync --cluster prod` routes to the workers started with `worker --cluster prod`.
import { KubeConfig } from '@kubernetes/client-node';
import { KubeConfigError } from './userErrors';

export { KubeConfigError };

export interface KubeTarget {
  kc: KubeConfig;
  /** The context's cluster name, e.g. `kwok-hooksync`. */
  cluster: string;
  /** The context's namespace, or `default`. */
  namespace: string;
}

export function kubeTarget(flags: { kubeconfig?: string; context?: string; cluster?: string }): KubeTarget {
  const kc = loadKubeConfig(flags.kubeconfig);
  const where = flags.kubeconfig ?? process.env.KUBECONFIG ?? '~/.kube/config';
  if (flags.context) {
    if (!kc.getContexts().some((c) => c.name === flags.context)) {
      const known = kc.getContexts().map((c) => c.name).join(', ') || 'none';
      throw new KubeConfigError(`kubeconfig ${where} has no context "${flags.context}" (it has: ${known}): pass one of them with --context`);
    }
    kc.setCurrentContext(flags.context);
  }
  const context = kc.getContextObject(kc.getCurrentContext());
  const cluster = kc.getCurrentCluster();
  if (!context || !cluster) {
    throw new KubeConfigError(`kubeconfig ${where} has no usable current context: pass one with --context or set current-context`);
  }
  return { kc, cluster: clusterToken(flags.cluster || process.env.HOOKSYNC_CLUSTER || cluster.name), namespace: context.namespace ?? 'default' };
}

function loadKubeConfig(file: string | undefined): KubeConfig {
  const kc = new KubeConfig();
  try {
    if (file) kc.loadFromFile(file);
    else kc.loadFromDefault();
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new KubeConfigError(`cannot read kubeconfig ${file ?? process.env.KUBECONFIG ?? '~/.kube/config'}: ${reason}: pass one with --kubeconfig or KUBECONFIG`);
  }
  return kc;
}

export function clusterToken(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'cluster';
}
