// The Temporal connection of a command that talks to the server, from its flags (cliCommon.ts)
// and the environment; each way it can fail becomes the exit code DESIGN §3 gives it.
import type { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { hooksyncDataConverter } from '../../codec/dataConverter';
import { CodecSettingError } from '../../codec/codecSettingError';
import { CliError, EXIT, type TemporalFlags } from './cliCommon';
import { connectClient } from '../syncClient';
import { temporalTarget, type TemporalTarget } from '../temporalConnection';

export function temporalTargetOf(opts: TemporalFlags): TemporalTarget {
  try {
    return temporalTarget({ address: opts.address, namespace: opts.temporalNamespace, profile: opts.profile });
  } catch (err) {
    throw new CliError((err as Error).message, EXIT.badInput);
  }
}

/** The codec configured by the environment; a bad key file or codec setting is a usage error (exit 2). */
export function dataConverterOrFail(): DataConverter {
  try {
    return hooksyncDataConverter();
  } catch (err) {
    if (err instanceof CodecSettingError) throw new CliError(err.message, EXIT.badInput);
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
