// `hooksync terminate SYNC_ID`: stops a running sync. The workflow deletes its running hooks,
// releases its finalizers and ends Terminated (DESIGN §4); the command waits for that and prints
// the final state as `status` does.
import type { Command } from 'commander';
import { CliError, connectOrFail, EXIT, output, temporalFlags, type TemporalFlags } from './cliCommon';
import { resultJson } from './formatResult';
import { isForPeople, renderData } from './outputFormat';
import { formatSyncStatus } from './formatSyncs';
import { findSync } from './syncQueries';
import { getSync } from './syncStatus';
import { terminateSync } from './syncClient';

async function terminateCommand(syncId: string, opts: TemporalFlags & { output: string }): Promise<number> {
  const client = await connectOrFail(opts);
  try {
    const run = await findSync(client, syncId);
    if (run.status !== 'RUNNING') throw new CliError(`sync ${syncId} is not running (${run.outcome ?? run.status}); nothing to terminate`, EXIT.badInput);
    await terminateSync(client, run.workflowId);
    await client.workflow.getHandle(run.workflowId, run.runId).result();
    const status = await getSync(client, syncId);
    console.log(isForPeople(opts.output) ? formatSyncStatus(status, new Date(), { wide: opts.output === 'wide' }) : renderData(opts.output, resultJson(status)));
    return status.phase === 'Terminated' ? EXIT.ok : EXIT.failed;
  } finally {
    await client.connection.close();
  }
}

export function addTerminateCommand(cli: Command): void {
  const cmd = cli.command('terminate').argument('<SYNC_ID>', 'the sync id that `hooksync sync` printed')
    .description('stop a running sync: running hooks are deleted, then it ends Terminated')
    .addOption(output())
    .addHelpText('after', '\nExample:\n  hooksync terminate mwucu0bm');
  temporalFlags(cmd).action(async (syncId: string, opts: TemporalFlags & { output: string }) => {
    process.exitCode = await terminateCommand(syncId, opts);
  });
}
