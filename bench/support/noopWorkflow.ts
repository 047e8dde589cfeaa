// The smallest workflow that has the shape of a sync: a few activities one after another, each
// doing nothing. bench/workflowTasks.bench.ts times its workflow tasks beside a sync's.
import { proxyActivities } from '@temporalio/workflow';

const { noop } = proxyActivities<{ noop(): Promise<void> }>({ startToCloseTimeout: '10 seconds' });

export async function noopSteps(steps: number): Promise<void> {
  for (let i = 0; i < steps; i++) await noop();
}
