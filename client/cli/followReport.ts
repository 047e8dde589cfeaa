// Following a sync run to its end and printing it as `hooksync sync` does: progress lines while it
// runs, then the result table (text, wide) or the result (json, yaml). Shared by sync, retry and sync --attach.
import type { Client, WorkflowHandle } from '@temporalio/client';
import { EXIT } from './cliCommon';
import { formatResultTable, resultJson } from './formatResult';
import { consoleProgress } from './progressPrinter';
import { isForPeople, renderData } from './outputFormat';
import { followSync } from '../syncClient';

/** Prints the run's progress and result; returns the exit code its outcome calls for. */
export async function followAndReport(handle: WorkflowHandle, output: string): Promise<number> {
  const text = isForPeople(output);
  const progress = consoleProgress(text);
  const report = await followSync(handle, progress.onState, progress.onWaiting);
  progress.onState(report); // the last changes, which the result brings before any poll saw them
  if (text) console.log(`\n${formatResultTable(report.resources, { wide: output === 'wide' })}\n\n${report.phase}: ${report.message}`);
  else console.log(renderData(output, resultJson(report)));
  return report.phase === 'Succeeded' ? EXIT.ok : EXIT.failed;
}

/** The run's page in the Temporal Web UI, when its address is known (HOOKSYNC_TEMPORAL_UI). */
export function uiLink(client: Client, workflowId: string, runId: string): string | undefined {
  const base = process.env.HOOKSYNC_TEMPORAL_UI;
  return base ? `${base}/namespaces/${client.options.namespace}/workflows/${encodeURIComponent(workflowId)}/${runId}/history` : undefined;
}
