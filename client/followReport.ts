// Following a sync run to its end and printing it as `hooksync sync` does: progress lines while it
// runs, then the result table (text) or the result (json). Shared by sync, retry and sync --attach.
import type { Client, WorkflowHandle } from '@temporalio/client';
import { EXIT } from './cliCommon';
import { formatResultTable, progressPrinter, resultJson } from './formatResult';
import { followSync } from './syncClient';

/** Prints the run's progress and result; returns the exit code its outcome calls for. */
export async function followAndReport(handle: WorkflowHandle, output: string): Promise<number> {
  const text = output === 'text';
  const printer = progressPrinter();
  const report = await followSync(handle, (state) => { if (text) for (const line of printer(state)) console.log(line); });
  if (text) console.log(`\n${formatResultTable(report.resources)}\n\n${report.phase}: ${report.message}`);
  else console.log(JSON.stringify(resultJson(report), null, 2));
  return report.phase === 'Succeeded' ? EXIT.ok : EXIT.failed;
}

/** The run's page in the Temporal Web UI, when its address is known (HOOKSYNC_TEMPORAL_UI). */
export function uiLink(client: Client, workflowId: string, runId: string): string | undefined {
  const base = process.env.HOOKSYNC_TEMPORAL_UI;
  return base ? `${base}/namespaces/${client.options.namespace}/workflows/${encodeURIComponent(workflowId)}/${runId}/history` : undefined;
}
