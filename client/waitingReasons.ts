// What a running sync waits for, read without touching the workflow: the waiting activity's last
// heartbeat details, which describe() lists among the pending activities. Decoded with the
// client's data converter, so a payload codec (DESIGN §5) applies here as everywhere else.
import type { WorkflowHandle } from '@temporalio/client';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow';
import { isWaitingDetails, type WaitingReason } from '../sync/waitingReason';

/** The activity type whose heartbeats carry WaitingDetails (activities/index.ts). */
const WAITING_ACTIVITY = 'awaitGroup';

/** Every reason the pending waits of the sync give now; empty when it waits for nothing. */
export async function waitingReasons(handle: WorkflowHandle): Promise<WaitingReason[]> {
  const description = await handle.describe();
  const converter = handle.client.options.loadedDataConverter;
  const reasons: WaitingReason[] = [];
  for (const activity of description.raw.pendingActivities ?? []) {
    if (activity.activityType?.name !== WAITING_ACTIVITY) continue;
    const [details] = await decodeArrayFromPayloads(converter, activity.heartbeatDetails?.payloads);
    if (isWaitingDetails(details)) reasons.push(...details.waitingFor);
  }
  return reasons;
}
