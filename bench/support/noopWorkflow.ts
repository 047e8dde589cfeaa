// The smallest workflow that has the shape of a sync: a few activities one after another, each
// doing nothing. bench/workflowTasks.bench.ts times its workflow tasks beside a sync's, with and
// without a sync's payload sizes.
import { proxyActivities } from '@temporalio/workflow';

const { noop } = proxyActivities<{ noop(load: unknown): Promise<void> }>({ startToCloseTimeout: '10 seconds' });

/** `load` goes to every activity, as a sync's plan goes to its dry run and its apply. */
export async function noopSteps(steps: number, load: unknown = null): Promise<void> {
  for (let i = 0; i < steps; i++) await noop(load);
}
