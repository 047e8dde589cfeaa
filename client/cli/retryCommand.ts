// `hooksync retry SYNC_ID`: continues a failed sync as a new attempt. Groups that succeeded are
// not run again; the failed group and everything after it are, with new hook names (DESIGN §4).
import type { Command } from 'commander';
import { output, temporalFlags, type TemporalFlags } from './cliCommon';
import { retryAction } from './commandActions';

export function addRetryCommand(cli: Command): void {
  const cmd = cli.command('retry').argument('<SYNC_ID>', 'the sync id that `hooksync sync` printed')
    .description('continue a failed sync as a new attempt: groups that succeeded are not run again')
    .option('--no-wait', 'start the retry and return')
    .addOption(output())
    .addHelpText('after', '\nExample:\n  hooksync retry mwucu0bm    # after fixing what made it fail');
  temporalFlags(cmd).action(async (syncId: string, opts: TemporalFlags & { output: string; wait: boolean }) => {
    process.exitCode = await retryAction().retryCommand(syncId, opts);
  });
}
