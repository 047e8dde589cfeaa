// `hooksync confirm ID`: the prunes of a sync (Prune=confirm), or the deletions of an app's deletion
// (Delete=confirm), that wait for confirmation go ahead.
import type { Command } from 'commander';
import { output, temporalFlags, type TemporalFlags } from './cliCommon';
import { confirmAction } from './commandActions';

export function addConfirmCommand(cli: Command): void {
  const cmd = cli.command('confirm').argument('<SYNC_ID>', 'the sync id that `hooksync sync` printed, or the deletion id that `hooksync delete` printed')
    .description('let the prunes of a running sync (Prune=confirm), or the deletions of a running app deletion (Delete=confirm), that wait for confirmation go ahead')
    .addOption(output())
    .addHelpText('after', '\nExample:\n  hooksync confirm mwucu0bm    # after `hooksync status mwucu0bm` shows what waits to be pruned');
  temporalFlags(cmd).action(async (syncId: string, opts: TemporalFlags & { output: string }) => {
    process.exitCode = await confirmAction().confirmCommand(syncId, opts);
  });
}
