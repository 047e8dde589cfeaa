// Activity of the smoke workflow: one real call to the KWOK cluster, from inside the worker.
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { readTestEnv } from './testEnv';

export async function describeCluster(): Promise<string[]> {
  const kc = new KubeConfig();
  kc.loadFromFile(readTestEnv().kubeconfigPath);
  const nodes = await kc.makeApiClient(CoreV1Api).listNode();
  return nodes.items.map((n) => n.metadata?.name ?? '?').sort();
}
