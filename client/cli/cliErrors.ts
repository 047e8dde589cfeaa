// How a failed command ends: one line `hooksync: <what went wrong>` and the exit code DESIGN §3
// fixes for its kind of failure. A stack trace helps only whoever debugs hooksync itself, so it
// is printed with --debug only.
import { CliError, EXIT } from './cliCommon';
import { AppBeingDeleted, DeletionAlreadyRunning, KubeConfigError, NothingToConfirm, NothingToRetry, SyncAlreadyRunning, SyncNotFound } from '../userErrors';

/** Usage and input problems: the user can fix them and run the command again. */
const BAD_INPUT = [KubeConfigError, SyncAlreadyRunning, SyncNotFound, NothingToRetry, NothingToConfirm, AppBeingDeleted, DeletionAlreadyRunning];

export function exitCodeOf(err: unknown): number {
  if (err instanceof CliError) return err.exitCode;
  if (BAD_INPUT.some((type) => err instanceof type)) return EXIT.badInput;
  // Whatever else escaped a command (ClusterUnreachable, a lost Temporal connection) is a server
  // or network failure: DESIGN §3's exit 3.
  return EXIT.unreachable;
}

/** The lines to print on stderr for `err`: its message, and its stack only when debugging. */
export function errorLines(err: unknown, debug: boolean): string[] {
  const message = err instanceof Error ? err.message : String(err);
  const lines = [`hooksync: ${message.replace(/^error: /, '')}`];
  if (debug && err instanceof Error && err.stack) lines.push(err.stack);
  return lines;
}
