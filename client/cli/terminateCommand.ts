// `hooksync terminate SYNC_ID`: stops a running sync. The workflow deletes its running hooks,
// releases its finalizers and ends Terminated (DESIGN §4); the command waits for that and prints
// the final state as `status` does.
import type { Command } from 'commander';
import { output, temporalFlags, type TemporalFlags } from './cliCommon';
import { terminateAction } from './commandActions';

export function addTerminateCommand(cli: Command): void {
  const cmd = cli.command('terminate').argument('<SYNC_ID>', 'the sync id that `hooksync sync` printed')
    .description('stop a running sync: running hooks are deleted, then it ends Terminated')
    .addOption(output())
    .addHelpText('after', '\nExample:\n  hooksync terminate mwucu0bm');
  temporalFlags(cmd).action(async (syncId: string, opts: TemporalFlags & { output: string }) => {
    process.exitCode = await terminateAction().terminateCommand(syncId, opts);
  });
}
