// Example: let the prunes of a running sync that wait for confirmation (Prune=confirm) go ahead,
// as `hooksync confirm` does (library: confirmPrune), then follow the sync to its end.
// Run from the repository root: npm run build && node dist/examples/api/confirmPrune.js SYNC_ID
import { confirmPrune, connectClient, temporalTarget, watchSync, type SyncStatus } from '../../client';

export async function main(syncId: string): Promise<SyncStatus> {
  const client = await connectClient(temporalTarget({}));
  try {
    const { alreadyConfirmed } = await confirmPrune(client, syncId);
    console.log(alreadyConfirmed ? 'pruning was already confirmed' : 'pruning confirmed');
    const status = await watchSync(client, syncId, () => undefined);
    console.log(`${status.phase}: ${status.message}`);
    return status;
  } finally {
    await client.connection.close();
  }
}

if (require.main === module) {
  const [syncId] = process.argv.slice(2);
  if (!syncId) throw new Error('usage: confirmPrune.js SYNC_ID');
  main(syncId).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
