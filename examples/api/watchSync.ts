// Example: follow a running sync to its end, as `hooksync status --watch` does (library:
// watchSync): a callback with each new state, another with what the pending waits report.
// Run from the repository root: npm run build && node dist/examples/api/watchSync.js SYNC_ID
import { connectClient, temporalTarget, watchSync, type SyncStatus } from '../../client';

export async function main(syncId: string): Promise<SyncStatus> {
  const client = await connectClient(temporalTarget({}));
  try {
    let last = '';
    const status = await watchSync(client, syncId, (state) => {
      const summary = state.resources.map((r) => `${r.kind}/${r.name}=${r.state}`).join(' ');
      if (summary !== last) console.log(summary);
      last = summary;
    }, (reasons) => {
      for (const w of reasons) console.log(`  waiting: ${w.kind}/${w.name}: ${w.reason}`);
    });
    console.log(`${status.phase}: ${status.message}`);
    return status;
  } finally {
    await client.connection.close();
  }
}

if (require.main === module) {
  const [syncId] = process.argv.slice(2);
  if (!syncId) throw new Error('usage: watchSync.js SYNC_ID');
  main(syncId).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
