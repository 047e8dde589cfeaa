// What `hooksync status`, `list` and `history` do (readCommands.ts defines them); loaded when one runs.
import { EXIT, type TemporalFlags } from './cliCommon';
import { resultJson } from './formatResult';
import { consoleProgress } from './progressPrinter';
import { isForPeople, renderData } from './outputFormat';
import { formatSyncHistory, formatSyncList, formatSyncStatus } from './formatSyncs';
import { getSync, listSyncs, syncHistory, watchSync, type SyncStatus } from '../syncStatus';
import { connectOrFail } from './temporalOrFail';

interface ReadOpts extends TemporalFlags {
  output: string;
}

/** Like `sync`: 0 when the sync succeeded (or is still running), 1 when it failed. */
function exitFor(status: SyncStatus): number {
  return status.phase === 'Succeeded' || status.phase === 'Running' ? EXIT.ok : EXIT.failed;
}

export async function statusCommand(syncId: string, opts: ReadOpts & { watch?: boolean }): Promise<number> {
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

export async function listCommand(opts: ReadOpts & { app?: string; limit: number }): Promise<number> {
  const client = await connectOrFail(opts);
  try {
    const syncs = await listSyncs(client, { app: opts.app, limit: opts.limit });
    console.log(isForPeople(opts.output) ? formatSyncList(syncs, new Date(), { wide: opts.output === 'wide' }) : renderData(opts.output, { syncs }));
    return EXIT.ok;
  } finally {
    await client.connection.close();
  }
}

export async function historyCommand(app: string, opts: ReadOpts & { limit: number }): Promise<number> {
  const client = await connectOrFail(opts);
  try {
    const runs = await syncHistory(client, app, { limit: opts.limit });
    console.log(isForPeople(opts.output) ? formatSyncHistory(runs, new Date(), { wide: opts.output === 'wide' }) : renderData(opts.output, { app, runs }));
    return EXIT.ok;
  } finally {
    await client.connection.close();
  }
}
