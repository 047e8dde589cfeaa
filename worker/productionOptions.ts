// What a worker needs to run as a production service (issue 14 item 3): where it answers health
// probes, where Prometheus scrapes it, how long a SIGTERM waits for work in flight, how it logs.
// The `hooksync worker` flags fill these in (client/cli/workerFlags.ts); a host program may too.

export type LogFormat = 'text' | 'json';
export const LOG_FORMATS: readonly LogFormat[] = ['text', 'json'];

export interface ListenAddress {
  host: string;
  /** 0 lets the system choose (the health server says which port it got). */
  port: number;
}

export interface ProductionOptions {
  /** GET /healthz and /readyz (worker/healthServer.ts); absent: no health endpoint. */
  health?: ListenAddress;
  /** The SDK's Prometheus exporter, which also serves hooksync's own metrics (worker/syncMetrics.ts). */
  metrics?: ListenAddress;
  /** After SIGTERM, how long activities in flight may run on before they are handed over. */
  shutdownGraceMs: number;
  logFormat: LogFormat;
}

/** The defaults of `hooksync worker` without production flags: text logs, 30 s grace, no endpoints. */
export const DEFAULT_PRODUCTION: ProductionOptions = { shutdownGraceMs: 30_000, logFormat: 'text' };

/** `host:port` as the SDK's Prometheus exporter wants it (IPv6 hosts in brackets). */
export function bindAddress({ host, port }: ListenAddress): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
