// Prints what the embedded environment offers: the Temporal server and UI, and the cluster's
// nodes, read through the same client libraries hooksync uses.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { Connection } from '@temporalio/client';

const runDir = process.env.HOOKSYNC_RUN_DIR ?? join(process.env.HOOKSYNC_CACHE ?? join(homedir(), '.cache', 'hooksync'), 'run');
const env = Object.fromEntries(
  readFileSync(join(runDir, process.env.HOOKSYNC_TEMPORAL === 'cluster' ? 'env.cluster' : 'env'), 'utf8').split('\n')
    .map((line) => /^export ([A-Z_]+)=(.*)$/.exec(line)).filter(Boolean).map((m) => [m[1], m[2]]),
);

const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
const info = await connection.workflowService.getSystemInfo({});
await connection.close();
console.log(`Temporal server ${info.serverVersion} at ${env.TEMPORAL_ADDRESS}`);
console.log(`Temporal Web UI  ${env.HOOKSYNC_TEMPORAL_UI}`);

const kc = new KubeConfig();
kc.loadFromFile(env.KUBECONFIG);
const nodes = await kc.makeApiClient(CoreV1Api).listNode();
console.log(`Kubernetes ${kc.getCurrentCluster()?.server} (kubeconfig ${env.KUBECONFIG}), nodes:`);
for (const n of nodes.items) {
  const ready = n.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True' ? 'Ready' : 'NotReady';
  console.log(`  ${n.metadata?.name}  ${ready}  kubelet ${n.status?.nodeInfo?.kubeletVersion}`);
}
