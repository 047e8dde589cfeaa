// `Prune=confirm` in a sync and `Delete=confirm` in an app's deletion (sync/confirmKind.ts): a
// group holding a task that needs confirmation waits, before it applies or deletes anything (Argo
// CD holds the whole wave), until the `confirmPrune` update arrives from `hooksync confirm`. The
// wait is a workflow condition, so it costs no worker while it lasts and survives any restart; the
// update is refused (and leaves no trace in history) when the run has nothing to confirm.
import { condition, setCurrentDetails, setHandler } from '@temporalio/workflow';
import { planHolds, type ConfirmKind } from '../sync/confirmKind';
import type { SyncOutcome } from '../sync/syncRun';
import { type SyncGroup, type SyncTask } from '../sync/types';
import { confirmPruneUpdate, type PruneConfirmation } from './messages';

/** What the workflow knows of the confirmation: given once, it holds for the rest of the run. */
export interface PruneGate {
  confirmed: boolean;
}

/** A run's kind of confirmation, and the patch that guards its wait (runs recorded before it never waited). */
export interface Confirmation {
  kind: ConfirmKind;
  patch: string;
}

interface GateContext {
  gate: PruneGate;
  syncId: string;
  groups: () => readonly SyncGroup[];
  syncOptions: readonly string[] | undefined;
  phase: () => SyncOutcome;
  kind: ConfirmKind;
}

/** Registers the update; the validator refuses a confirm the run cannot use, naming why. */
export function acceptConfirmations({ gate, syncId, groups, syncOptions, phase, kind }: GateContext): void {
  setHandler(confirmPruneUpdate, (): PruneConfirmation => {
    const alreadyConfirmed = gate.confirmed;
    gate.confirmed = true;
    return { alreadyConfirmed };
  }, {
    validator: () => {
      if (phase() !== 'Running') throw new Error(`${kind.operation} ${syncId} has ended (${phase()}); there is nothing to confirm`);
      if (!planHolds(kind, groups(), syncOptions)) throw new Error(`${kind.operation} ${syncId} has ${kind.nothingHeld}`);
    },
  });
}

/**
 * Waits until the tasks of `held` are confirmed; `show` is told what waits, then that nothing
 * does, also when a terminate ends the wait (the state must not go on saying it waits).
 */
export async function awaitConfirmation(gate: PruneGate, kind: ConfirmKind, held: readonly SyncTask[], show: (waiting: readonly SyncTask[], message: string) => void): Promise<void> {
  if (gate.confirmed || held.length === 0) return;
  const message = kind.message(held);
  show(held, message);
  setCurrentDetails(`**${message}**: run hooksync confirm`);
  try {
    await condition(() => gate.confirmed);
  } finally {
    show([], message);
  }
}
