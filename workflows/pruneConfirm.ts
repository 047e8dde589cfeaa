// `Prune=confirm` in the workflow (sync/pruneConfirm.ts): a group holding a prune that needs
// confirmation waits, before it applies anything (Argo CD holds the whole wave), until the
// `confirmPrune` update arrives from `hooksync confirm`. The wait is a workflow condition, so it
// costs no worker while it lasts and survives any restart; the update is refused (and leaves no
// trace in history) when the sync has nothing to confirm.
import { condition, setCurrentDetails, setHandler } from '@temporalio/workflow';
import { planNeedsConfirm, pruneConfirmMessage } from '../sync/pruneConfirm';
import type { SyncOutcome } from '../sync/syncRun';
import { type SyncGroup, type SyncTask } from '../sync/types';
import { confirmPruneUpdate, type PruneConfirmation } from './messages';

/** What the workflow knows of the confirmation: given once, it holds for the rest of the sync. */
export interface PruneGate {
  confirmed: boolean;
}

interface GateContext {
  gate: PruneGate;
  syncId: string;
  groups: () => readonly SyncGroup[];
  syncOptions: readonly string[] | undefined;
  phase: () => SyncOutcome;
}

/** Registers the update; the validator refuses a confirm the sync cannot use, naming why. */
export function acceptConfirmations({ gate, syncId, groups, syncOptions, phase }: GateContext): void {
  setHandler(confirmPruneUpdate, (): PruneConfirmation => {
    const alreadyConfirmed = gate.confirmed;
    gate.confirmed = true;
    return { alreadyConfirmed };
  }, {
    validator: () => {
      if (phase() !== 'Running') throw new Error(`sync ${syncId} has ended (${phase()}); there is nothing to confirm`);
      if (!planNeedsConfirm(groups(), syncOptions)) throw new Error(`sync ${syncId} has no prune that waits for confirmation (Prune=confirm)`);
    },
  });
}

/** Waits until the prunes of `held` are confirmed; `show` is told what waits, then that nothing does. */
export async function awaitConfirmation(gate: PruneGate, held: readonly SyncTask[], show: (waiting: readonly SyncTask[], message: string) => void): Promise<void> {
  if (gate.confirmed || held.length === 0) return;
  const message = pruneConfirmMessage(held);
  show(held, message);
  setCurrentDetails(`**${message}**: run hooksync confirm`);
  await condition(() => gate.confirmed);
  show([], message);
}
