// The hooksync library: the typed functions the CLI is built on, from one entry point.
//   planSync -> startSync -> watchSync / getSync; listSyncs, syncHistory; retrySync; terminateSync; confirmPrune.
// One runnable example per function is in examples/api/.
export { planSync, type PlannedSync, type PlanSyncOptions } from './planSync';
export { connectClient, startSync, type StartSyncInput, terminateSync, followSync, newSyncId, SyncAlreadyRunning, type SyncReport } from './syncClient';
export { getSync, watchSync, listSyncs, syncHistory, type SyncStatus, type SyncListing } from './syncStatus';
export { SyncNotFound } from './syncQueries';
export { retrySync, NothingToRetry, type RetryStarted } from './retrySync';
export { confirmPrune, NothingToConfirm, type PruneConfirmed } from './confirmPrune';
export { waitingReasons } from './waitingReasons';
export { temporalTarget, type TemporalTarget } from './temporalConnection';
export { kubeTarget, KubeConfigError, type KubeTarget } from './kubeTarget';
export { clusterPreflight, ClusterUnreachable } from './clusterPreflight';
export type { SyncResult, ResourceRow, SyncOutcome } from '../sync/syncRun';
export type { SyncPlan, SyncTask } from '../sync/types';
export type { SyncOptions, SyncOptionName } from '../sync/syncOptions';
export type { WaitingReason } from '../sync/waitingReason';
export type { RetryPolicy, RetryWait } from '../sync/autoRetry';
