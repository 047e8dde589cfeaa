// Example: stop a running sync, as `hooksync terminate` does (library: terminateSync): the
// workflow deletes its running hooks and ends Terminated; wait for that, then read the end state.
// Run from the repository root: npm run build && node dist/examples/api/terminateSync.js SYNC_ID
import { connectClient, getSync, temporalTarget, terminateSync, type SyncStatus } from '../../client';

export async function main(syncId: string): Promise<SyncStatus> {
  const client = await connectClient(temporalTarget({}));
  try {
    const { workflowId, runId } = await getSync(client, syncId);
    await terminateSync(client, workflowId);
    await client.workflow.getHandle(workflowId, runId).result();
    const status = await getSync(client, syncId);
    console.log(`${status.phase}: ${status.message}`);
    return status;
  } finally {
    await client.connection.close();
  }
}

if (require.main === module) {
  const [syncId] = process.argv.slice(2);
  if (!syncId) throw new Error('usage: terminateSync.js SYNC_ID');
  main(syncId).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
