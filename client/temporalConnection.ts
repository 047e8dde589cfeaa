// Where the Temporal server is: flags over the environment variables the `temporal` CLI reads
// (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE), over the embedded default on 127.0.0.1:7233.
export interface TemporalTarget {
  address: string;
  namespace: string;
}

export function temporalTarget(flags: { address?: string; namespace?: string }): TemporalTarget {
  return {
    address: flags.address ?? process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: flags.namespace ?? process.env.TEMPORAL_NAMESPACE ?? 'default',
  };
}
