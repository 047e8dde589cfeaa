// Where the Temporal server is and how to talk to it, read as the `temporal` CLI reads it
// (@temporalio/envconfig): a profile of the config file (TEMPORAL_CONFIG_FILE, or
// ~/.config/temporalio/temporal.toml; TEMPORAL_PROFILE or --profile), then the environment
// (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TLS*, TEMPORAL_API_KEY, ...), then the flags
// --address and --temporal-namespace; without any of them the embedded dev server on 127.0.0.1:7233.
import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow';
import { loadClientConnectConfig } from '@temporalio/envconfig';

export interface TemporalTarget {
  address: string;
  namespace: string;
  tls?: TLSConfig | boolean;
  apiKey?: string;
  metadata?: Record<string, string | Buffer>;
}

export interface TemporalFlagValues {
  address?: string;
  namespace?: string;
  profile?: string;
}

/** A config file or profile that cannot be used: the user's to fix (exit 2). */
export class TemporalConfigError extends Error {}

export function temporalTarget(flags: TemporalFlagValues): TemporalTarget {
  let loaded;
  try {
    loaded = loadClientConnectConfig(flags.profile ? { profile: flags.profile } : {});
  } catch (err) {
    throw new TemporalConfigError(`cannot use the Temporal client configuration${flags.profile ? ` (profile ${flags.profile})` : ''}: ${(err as Error).message}`);
  }
  const { address, tls, apiKey, metadata } = loaded.connectionOptions;
  return {
    address: flags.address ?? address ?? '127.0.0.1:7233',
    namespace: flags.namespace ?? loaded.namespace ?? 'default',
    ...(tls !== undefined && tls !== null ? { tls } : {}),
    ...(apiKey !== undefined && typeof apiKey === 'string' ? { apiKey } : {}),
    ...(metadata ? { metadata } : {}),
  };
}

/** The options both Connection (client) and NativeConnection (worker) take. */
export function connectionOptions(target: TemporalTarget) {
  return { address: target.address, tls: target.tls, apiKey: target.apiKey, metadata: target.metadata };
}
