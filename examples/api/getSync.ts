// Example: read the state of a sync once, as `hooksync status` does (library: getSync).
// Run from the repository root: npm run build && node dist/examples/api/getSync.js SYNC_ID
import { connectClient, getSync, temporalTarget, type SyncStatus } from '../../client';

export async function main(syncId: string): Promise<SyncStatus> {
  const client = await connectClient(temporalTarget({}));
  try {
    const status = await getSync(client, syncId);
    console.log(`${status.phase}: ${status.message}`);
    for (const r of status.resources) console.log(`  ${r.syncPhase} ${r.kind}/${r.name}: ${r.state}`);
    return status;
  } finally {
    await client.connection.close();
  }
}

if (require.main === module) {
  const [syncId] = process.argv.slice(2);
  if (!syncId) throw new Error('usage: getSync.js SYNC_ID');
  main(syncId).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
