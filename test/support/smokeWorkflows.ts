// A minimal workflow used only by the smoke test that proves the Temporal server, the worker and
// the workflow bundle work together. The sync workflow lives in workflows/.
import { proxyActivities } from '@temporalio/workflow';
import type * as activities from './smokeActivities';

const { describeCluster } = proxyActivities<typeof activities>({ startToCloseTimeout: '30 seconds' });

export async function smokeWorkflow(greeting: string): Promise<string> {
  const nodes = await describeCluster();
  return `${greeting}: ${nodes.length} nodes (${nodes.join(', ')})`;
}
