// Example: continue a failed sync as a new attempt, as `hooksync retry` does (library: retrySync):
// the groups that succeeded are carried over, the failed group and the rest run again with new
// hook names; then follow the new attempt to its end.
// Run from the repository root: npm run build && node dist/examples/api/retrySync.js SYNC_ID
import { connectClient, followSync, retrySync, temporalTarget, type SyncReport } from '../../client';

export async function main(syncId: string): Promise<SyncReport> {
  const client = await connectClient(temporalTarget({}));
  try {
    const { handle, attempt, previous } = await retrySync(client, syncId);
    console.log(`attempt ${attempt} of sync ${syncId} started; attempt ${previous.attempt} had ended ${previous.phase}`);
    const report = await followSync(handle, () => undefined);
    const carried = report.resources.filter((r) => r.carriedFrom !== undefined).map((r) => `${r.kind}/${r.name}`);
    console.log(`${report.phase}: ${report.message} (carried over: ${carried.join(', ') || 'nothing'})`);
    return report;
  } finally {
    await client.connection.close();
  }
}

if (require.main === module) {
  const [syncId] = process.argv.slice(2);
  if (!syncId) throw new Error('usage: retrySync.js SYNC_ID');
  main(syncId).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
