// Build N+1 of the workflow code, for the upgrade test (issue 14 item 4): today's sync workflow
// with one change guarded by patched(), the way a real change must ship. After the sync's last
// step, build N+1 records which build finished the sync in the run's memo. A sync started on build
// N replays on this code (the guard is false only while replaying history that lacks its marker),
// then takes the new path; a sync started on build N+1 takes it from the start.
import { patched, upsertMemo } from '@temporalio/workflow';
import { sync as syncOnBuildN } from '../../../workflows/syncWorkflow';

export const NEXT_BUILD_PATCH = 'upgrade-test-memo-of-finishing-build';

export async function sync(...args: Parameters<typeof syncOnBuildN>): ReturnType<typeof syncOnBuildN> {
  const result = await syncOnBuildN(...args);
  if (patched(NEXT_BUILD_PATCH)) upsertMemo({ hooksyncFinishedByBuild: 'N+1' });
  return result;
}
