// Example: start a sync and return at once, as `hooksync sync --no-wait` does (library: startSync).
// A worker for the cluster must run (`hooksync worker`). Uses TEMPORAL_ADDRESS / KUBECONFIG.
// Run from the repository root: npm run build && node dist/examples/api/startSync.js [APP] [NAMESPACE] [DIR]
import { connectClient, kubeTarget, planSync, startSync, temporalTarget } from '../../client';

export async function main(app = 'example', namespace = 'hooksync-example', manifests = 'examples/demo'): Promise<{ syncId: string; workflowId: string }> {
  const kube = kubeTarget({});
  // The sync id goes into generated hook names: plan and start with the same one.
  const planned = await planSync([manifests], { namespace, createNamespace: true });
  if (planned.problems.length > 0) throw new Error(planned.problems.join('\n'));
  const client = await connectClient(temporalTarget({}));
  try {
    const handle = await startSync(client, { syncId: planned.syncId, app, cluster: kube.cluster, plan: planned.plan });
    console.log(`started sync ${planned.syncId} (workflow ${handle.workflowId})`);
    return { syncId: planned.syncId, workflowId: handle.workflowId };
  } finally {
    await client.connection.close();
  }
}

if (require.main === module) {
  main(process.argv[2], process.argv[3], process.argv[4]).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
