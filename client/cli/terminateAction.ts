// What `hooksync terminate` does (terminateCommand.ts defines it); loaded when it runs.
import { CliError, EXIT, type TemporalFlags } from './cliCommon';
import { resultJson } from './formatResult';
import { isForPeople, renderData } from './outputFormat';
import { formatSyncStatus } from './formatSyncs';
import { getSync, latestRun } from '../syncStatus';
import { terminateSync } from '../syncClient';
import { connectOrFail } from './temporalOrFail';

export async function terminateCommand(syncId: string, opts: TemporalFlags & { output: string }): Promise<number> {
  const client = await connectOrFail(opts);
  try {
    const run = await latestRun(client, syncId);
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
