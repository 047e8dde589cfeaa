// What `hooksync confirm` does (confirmCommand.ts defines it); loaded when it runs.
import { EXIT, type TemporalFlags } from './cliCommon';
import { confirmPrune, type PruneConfirmed } from '../confirmPrune';
import { isForPeople, renderData } from './outputFormat';
import { connectOrFail } from './temporalOrFail';

export async function confirmCommand(syncId: string, opts: TemporalFlags & { output: string }): Promise<number> {
  const client = await connectOrFail(opts);
  try {
    const confirmed = await confirmPrune(client, syncId);
    if (!isForPeople(opts.output)) console.log(renderData(opts.output, confirmed));
    else console.log(confirmedLine(syncId, confirmed));
    return EXIT.ok;
  } finally {
    await client.connection.close();
  }
}

/** What the person reads: which run, and what goes ahead now (or already did). */
function confirmedLine(id: string, confirmed: PruneConfirmed): string {
  const [run, what, goes] = confirmed.operation === 'delete' ? ['deletion', 'deletion', 'the held objects are deleted'] : ['sync', 'pruning', 'the prunes go ahead'];
  if (confirmed.alreadyConfirmed) return `${run} ${id} of app ${confirmed.app}: ${what} was already confirmed`;
  return `${run} ${id} of app ${confirmed.app}: ${what} confirmed; ${goes} (follow with: hooksync status ${id} --watch)`;
}
