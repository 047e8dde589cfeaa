// The read-only commands: `hooksync status SYNC_ID [--watch]`, `hooksync list [--app NAME]` and
// `hooksync history APP`. They only talk to Temporal; none of them changes anything.
import { InvalidArgumentError, type Command } from 'commander';
import { connectOrFail, EXIT, output, temporalFlags, type TemporalFlags } from './cliCommon';
import { resultJson } from './formatResult';
import { consoleProgress } from './progressPrinter';
import { isForPeople, renderData } from './outputFormat';
import { formatSyncHistory, formatSyncList, formatSyncStatus } from './formatSyncs';
import { getSync, listSyncs, syncHistory, watchSync, type SyncStatus } from './syncStatus';

interface ReadOpts extends TemporalFlags {
  output: string;
}

/** Like `sync`: 0 when the sync succeeded (or is still running), 1 when it failed. */
function exitFor(status: SyncStatus): number {
  return status.phase === 'Succeeded' || status.phase === 'Running' ? EXIT.ok : EXIT.failed;
}

async function statusCommand(syncId: string, opts: ReadOpts & { watch?: boolean }): Promise<number> {
  const client = await connectOrFail(opts);
  const text = isForPeople(opts.output);
  try {
    let status: SyncStatus;
    if (opts.watch) {
      const progress = consoleProgress(text);
      status = await watchSync(client, syncId, progress.onState, progress.onWaiting);
      progress.onState(status);
      if (text) console.log('');
    } else {
      status = await getSync(client, syncId);
    }
    console.log(text ? formatSyncStatus(status, new Date(), { wide: opts.output === 'wide' }) : renderData(opts.output, resultJson(status)));
    return exitFor(status);
  } finally {
    await client.connection.close();
  }
}

async function listCommand(opts: ReadOpts & { app?: string; limit: number }): Promise<number> {
  const client = await connectOrFail(opts);
  try {
    const syncs = await listSyncs(client, { app: opts.app, limit: opts.limit });
    console.log(isForPeople(opts.output) ? formatSyncList(syncs, new Date(), { wide: opts.output === 'wide' }) : renderData(opts.output, { syncs }));
    return EXIT.ok;
  } finally {
    await client.connection.close();
  }
}

async function historyCommand(app: string, opts: ReadOpts & { limit: number }): Promise<number> {
  const client = await connectOrFail(opts);
  try {
    const runs = await syncHistory(client, app, { limit: opts.limit });
    console.log(isForPeople(opts.output) ? formatSyncHistory(runs, new Date(), { wide: opts.output === 'wide' }) : renderData(opts.output, { app, runs }));
    return EXIT.ok;
  } finally {
    await client.connection.close();
  }
}

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
  temporalFlags(status).action(async (syncId: string, opts) => { process.exitCode = await statusCommand(syncId, opts); });

  const list = cli.command('list').description('list syncs, newest first (the newest run of each)')
    .option('--app <name>', 'only the syncs of this app')
    .option('--limit <n>', 'at most this many syncs', positiveInt, 50)
    .addOption(output())
    .addHelpText('after', examples('hooksync list', 'hooksync list --app shop -o json'));
  temporalFlags(list).action(async (opts) => { process.exitCode = await listCommand(opts); });

  const history = cli.command('history').argument('<APP>', 'application name')
    .description("list every run of an app's syncs (retries included), newest first")
    .option('--limit <n>', 'at most this many runs', positiveInt, 50)
    .addOption(output())
    .addHelpText('after', examples('hooksync history shop', 'hooksync history shop -o json'));
  temporalFlags(history).action(async (app: string, opts) => { process.exitCode = await historyCommand(app, opts); });
}
