// client-node's credential step (the kubeconfig's token, exec plugin or client certificate into
// headers, its TLS material and proxy into an agent), taken at most once per REUSE_MS instead of
// once per request. The step re-reads the kubeconfig's certificate, key and CA files every time,
// so that rotated ones take effect: for a wave of 200 objects (a dry run and an apply, 400
// requests) that was about 20 ms of file reads per sync (--cpu-prof, README Measurements). Reused
// for a second, a rotated certificate or token is still picked up within a second. Nothing in the
// step depends on the request's path or verb: client-node authenticates the cluster, not the URL.
import type { Agent } from 'node:http';
import { HttpMethod, RequestContext, type KubeConfig } from '@kubernetes/client-node';

/** How long one credential step serves the requests that follow it. */
export const REUSE_MS = 1000;

export interface Credentials {
  headers: Record<string, string>;
  /** The agent client-node built (TLS material, proxy); keepAliveAgent.ts swaps it for the pooled one. */
  agent: Agent | undefined;
}

export type CredentialSource = () => Promise<Credentials>;

/** `now` is for tests; a failed step is not kept, so the next request tries again. */
export function credentialSource(kc: KubeConfig, server: string, { reuseMs = REUSE_MS, now = Date.now } = {}): CredentialSource {
  let kept: { at: number; credentials: Promise<Credentials> } | undefined;
  return () => {
    const at = now();
    if (kept && at - kept.at < reuseMs) return kept.credentials;
    const credentials = takeCredentials(kc, server);
    const entry = { at, credentials };
    kept = entry;
    credentials.catch(() => {
      if (kept === entry) kept = undefined;
    });
    return credentials;
  };
}

async function takeCredentials(kc: KubeConfig, server: string): Promise<Credentials> {
  const context = new RequestContext(server, HttpMethod.GET);
  await kc.applySecurityAuthentication(context);
  return { headers: { ...context.getHeaders() }, agent: context.getAgent() as Agent | undefined };
}
