// What `hooksync retry` does (retryCommand.ts defines it); loaded when it runs.
import { EXIT, type TemporalFlags } from './cliCommon';
import { followAndReport, uiLink } from './followReport';
import { isForPeople, renderData } from './outputFormat';
import { retrySync } from '../retrySync';
import { connectOrFail } from './temporalOrFail';

export async function retryCommand(syncId: string, opts: TemporalFlags & { output: string; wait: boolean }): Promise<number> {
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
