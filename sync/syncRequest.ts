// What a caller asks for when it starts a sync, and the workflow input that request becomes. One
// function builds that input for both starters, the client's `startSync` and a user's workflow's
// `syncChild` (workflows/embed.ts), so that neither can forget an option the other passes on. Pure
// and deterministic: it runs inside workflow code too.
import type { RetryPolicy } from './autoRetry';
import type { LiveKind } from './inventory';
import type { SyncInput } from './syncRun';
import type { SyncPlan } from './types';

export interface SyncRequest {
  /** The id `planSync` gave the plan (generated hook names carry it). */
  syncId: string;
  app: string;
  cluster: string;
  plan: SyncPlan;
  prune?: boolean;
  timeoutSeconds?: number;
  /** `--wave-delay` in seconds: a durable pause between waves. */
  waveDelaySeconds?: number;
  /** `--retry-limit` and the backoff flags: failed attempts are retried (autoRetry.ts). */
  retry?: RetryPolicy;
  /** `--sync-option` values for the whole sync as `Name=value` items (the workflow reads `Prune=confirm`). */
  syncOptions?: string[];
}

/**
 * The first attempt's input. Options left at their default are left out: the input stays what older
 * clients send, so older workers read it as before. `inventory` is the app's last inventory when the
 * caller could read it; without one a pruning sync lists every kind.
 */
export function firstAttemptInput(request: SyncRequest, inventory?: LiveKind[]): SyncInput {
  const { timeoutSeconds, waveDelaySeconds, retry, syncOptions, prune = false, syncId, app, cluster, plan } = request;
  // A selective sync's --prune goes where only workers that know the selection look (SyncInput.selectivePrune).
  const pruning = plan.selection ? { prune: false, selectivePrune: prune } : { prune };
  return {
    syncId, app, cluster, plan, attempt: 0, ...pruning,
    ...(timeoutSeconds ? { timeoutSeconds } : {}),
    ...(waveDelaySeconds ? { waveDelaySeconds } : {}),
    ...(inventory ? { inventory } : {}),
    ...(retry && retry.limit !== 0 ? { autoRetry: { policy: retry, retried: 0 } } : {}),
    ...(syncOptions?.length ? { syncOptions } : {}),
  };
}
