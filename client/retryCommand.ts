// `hooksync retry SYNC_ID`: continues a failed sync as a new attempt. Groups that succeeded are
// not run again; the failed group and everything after it are, with new hook names (DESIGN §4).
import type { Command } from 'commander';
import { connectOrFail, EXIT, output, temporalFlags, type TemporalFlags } from './cliCommon';
import { followAndReport, uiLink } from './followReport';
import { isForPeople, renderData } from './outputFormat';
import { retrySync } from './retrySync';

async function retryCommand(syncId: string, opts: TemporalFlags & { output: string; wait: boolean }): Promise<number> {
  const client = await connectOrFail(opts);
  try {
    const { handle, attempt, previous } = await retrySync(client, syncId);
    if (isForPeople(opts.output)) {
      console.log(`sync ${syncId} of app ${previous.app}: attempt ${attempt} started after attempt ${previous.attempt} ended ${previous.phase}`);
      const link = uiLink(client, handle.workflowId, handle.firstExecutionRunId);
      if (link) console.log(`Temporal UI: ${link}`);
    }
    if (!opts.wait) {
      if (!isForPeople(opts.output)) console.log(renderData(opts.output, { syncId, attempt, workflowId: handle.workflowId, runId: handle.firstExecutionRunId, phase: 'Running' }));
      return EXIT.ok;
    }
    return await followAndReport(handle, opts.output);
  } finally {
    await client.connection.close();
  }
}

export function addRetryCommand(cli: Command): void {
  const cmd = cli.command('retry').argument('<SYNC_ID>', 'the sync id that `hooksync sync` printed')
    .description('continue a failed sync as a new attempt: groups that succeeded are not run again')
    .option('--no-wait', 'start the retry and return')
    .addOption(output())
    .addHelpText('after', '\nExample:\n  hooksync retry mwucu0bm    # after fixing what made it fail');
  temporalFlags(cmd).action(async (syncId: string, opts: TemporalFlags & { output: string; wait: boolean }) => {
    process.exitCode = await retryCommand(syncId, opts);
  });
}
