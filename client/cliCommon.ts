// What every `hooksync` command shares: exit codes (DESIGN §3), the error that carries one, the
// `-o` option, and the Temporal connection flags over TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE.
import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import type { DataConverter } from '@temporalio/common';
import { hooksyncDataConverter } from '../codec/dataConverter';
import { KeyRingError } from '../codec/keyRing';
import { connectClient } from './syncClient';
import { temporalTarget, type TemporalTarget } from './temporalConnection';

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

export function temporalTargetOf(opts: TemporalFlags): TemporalTarget {
  try {
    return temporalTarget({ address: opts.address, namespace: opts.temporalNamespace, profile: opts.profile });
  } catch (err) {
    throw new CliError((err as Error).message, EXIT.badInput);
  }
}

/** The codec configured by the environment; a bad key file is a usage error (exit 2). */
export function dataConverterOrFail(): DataConverter {
  try {
    return hooksyncDataConverter();
  } catch (err) {
    if (err instanceof KeyRingError) throw new CliError(err.message, EXIT.badInput);
    throw err;
  }
}

export async function connectOrFail(opts: TemporalFlags): Promise<Client> {
  const target = temporalTargetOf(opts);
  const dataConverter = dataConverterOrFail();
  return connectClient(target, dataConverter).catch((err: Error) => {
    throw new CliError(`cannot reach Temporal at ${target.address} (namespace ${target.namespace}): ${err.message}: ` +
      'check --address, TEMPORAL_ADDRESS or the profile, and that the server runs', EXIT.unreachable);
  });
}
