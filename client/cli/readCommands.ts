// The read-only commands: `hooksync status SYNC_ID [--watch]`, `hooksync list [--app NAME]` and
// `hooksync history APP`. They only talk to Temporal; none of them changes anything.
import { InvalidArgumentError, type Command } from 'commander';
import { output, temporalFlags } from './cliCommon';
import { readActions } from './commandActions';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number above 0');
  return n;
}

const examples = (...lines: string[]) => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

export function addReadCommands(cli: Command): void {
  const status = cli.command('status').argument('<SYNC_ID>', 'the id `hooksync sync` printed')
    .description('show the state of a sync: its result rows, phase and message (exit 1 if it failed)')
    .option('-w, --watch', 'follow a running sync to its end, printing progress as `sync` does')
    .addOption(output())
    .addHelpText('after', examples('hooksync status mwucvf8x', 'hooksync status mwucvf8x --watch', 'hooksync status mwucvf8x -o json'));
  temporalFlags(status).action(async (syncId: string, opts) => { process.exitCode = await readActions().statusCommand(syncId, opts); });

  const list = cli.command('list').description('list syncs, newest first (the newest run of each)')
    .option('--app <name>', 'only the syncs of this app')
    .option('--limit <n>', 'at most this many syncs', positiveInt, 50)
    .addOption(output())
    .addHelpText('after', examples('hooksync list', 'hooksync list --app shop -o json'));
  temporalFlags(list).action(async (opts) => { process.exitCode = await readActions().listCommand(opts); });

  const history = cli.command('history').argument('<APP>', 'application name')
    .description("list every run of an app's syncs (retries included), newest first")
    .option('--limit <n>', 'at most this many runs', positiveInt, 50)
    .addOption(output())
    .addHelpText('after', examples('hooksync history shop', 'hooksync history shop -o json'));
  temporalFlags(history).action(async (app: string, opts) => { process.exitCode = await readActions().historyCommand(app, opts); });
}
