// What every `hooksync` command shares: exit codes (DESIGN §3), the error that carries one, the
// `-o` option, and the Temporal connection flags over TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE.
import type { Client } from '@temporalio/client';
import { type Command, Option } from 'commander';
import { connectClient } from './syncClient';
import { temporalTarget } from './temporalConnection';

export const EXIT = { ok: 0, failed: 1, badInput: 2, unreachable: 3 } as const;

export class CliError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}

export const output = () => new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text');

export interface TemporalFlags {
  address?: string;
  temporalNamespace?: string;
}

export function temporalFlags(c: Command): Command {
  return c.option('--address <host:port>', 'Temporal address (TEMPORAL_ADDRESS)').option('--temporal-namespace <ns>', 'Temporal namespace (TEMPORAL_NAMESPACE)');
}

export async function connectOrFail(opts: TemporalFlags): Promise<Client> {
  return connectClient(temporalTarget({ address: opts.address, namespace: opts.temporalNamespace })).catch((err: Error) => {
    throw new CliError(`cannot reach Temporal: ${err.message}`, EXIT.unreachable);
  });
}
