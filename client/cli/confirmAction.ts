// What `hooksync confirm` does (confirmCommand.ts defines it); loaded when it runs.
import { EXIT, type TemporalFlags } from './cliCommon';
import { confirmPrune } from '../confirmPrune';
import { isForPeople, renderData } from './outputFormat';
import { connectOrFail } from './temporalOrFail';

export async function confirmCommand(syncId: string, opts: TemporalFlags & { output: string }): Promise<number> {
  const client = await connectOrFail(opts);
  try {
    const confirmed = await confirmPrune(client, syncId);
    if (!isForPeople(opts.output)) console.log(renderData(opts.output, confirmed));
    else if (confirmed.alreadyConfirmed) console.log(`sync ${syncId} of app ${confirmed.app}: pruning was already confirmed`);
    else console.log(`sync ${syncId} of app ${confirmed.app}: pruning confirmed; the prunes go ahead (follow with: hooksync status ${syncId} --watch)`);
    return EXIT.ok;
  } finally {
    await client.connection.close();
  }
}
