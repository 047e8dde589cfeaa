// Example: list syncs, newest first, as `hooksync list` does (library: listSyncs).
// Run from the repository root: npm run build && node dist/examples/api/listSyncs.js [APP]
import { connectClient, listSyncs, temporalTarget, type SyncListing } from '../../client';

export async function main(app?: string): Promise<SyncListing[]> {
  const client = await connectClient(temporalTarget({}));
  try {
    const syncs = await listSyncs(client, { app, limit: 10 });
    for (const s of syncs) console.log(`${s.syncId}  ${s.app}  ${s.phase}  ${s.message}`);
    return syncs;
  } finally {
    await client.connection.close();
  }
}

if (require.main === module) {
  main(process.argv[2]).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
