// What every `hooksync` command shares: exit codes (DESIGN §3), the error that carries one, the
// `-o` option, and the Temporal connection flags over TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE. Only
// what defining the commands needs: connecting is in temporalOrFail.ts, loaded when a command runs.
import type { Command } from 'commander';

export const EXIT = { ok: 0, failed: 1, badInput: 2, unreachable: 3 } as const;

export class CliError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}

export { output } from './outputFormat';

export interface TemporalFlags {
  address?: string;
  temporalNamespace?: string;
  profile?: string;
}

/** -n is the Kubernetes namespace, as kubectl users expect; Temporal's is --temporal-namespace. */
export function temporalFlags(c: Command): Command {
  return c.option('--address <host:port>', 'Temporal address (over TEMPORAL_ADDRESS and the profile)')
    .option('--temporal-namespace <ns>', 'Temporal namespace (over TEMPORAL_NAMESPACE and the profile)')
    .option('--profile <name>', 'profile of the Temporal client config file (TEMPORAL_PROFILE; TLS, API key)');
}
