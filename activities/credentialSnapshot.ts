// client-node's credential step (the kubeconfig's token, exec plugin or client certificate into
// headers, its TLS material and proxy into an agent), taken at most once per REUSE_MS instead of
// once per request. The step re-reads the kubeconfig's certificate, key and CA files every time,
// so that rotated ones take effect: for a wave of 200 objects (a dry run and an apply, 400
// requests) that was about 20 ms of file reads per sync (--cpu-prof, README Measurements). Reused
// for a second, a rotated certificate or token is still picked up within a second, and an answer
// 401 (a token that expired within that second) makes the requester forget the step and take it
// again (kubeRequest.ts). Nothing in the step depends on the request's path or verb: client-node
// authenticates the cluster, not the URL. An exec plugin whose credential names no expiry ran for
// every request before; now it runs once a second.
import type { Agent } from 'node:http';
import { HttpMethod, RequestContext, type KubeConfig } from '@kubernetes/client-node';

/** How long one credential step serves the requests that follow it. */
export const REUSE_MS = 1000;

export interface Credentials {
  headers: Record<string, string>;
  /** The agent client-node built (TLS material, proxy); keepAliveAgent.ts swaps it for the pooled one. */
  agent: Agent | undefined;
}

export interface CredentialSource {
  (): Promise<Credentials>;
  /**
   * The server refused these credentials: the next call takes the step afresh, unless another
   * request already did (16 requests refused at once take it once, not 16 times).
   */
  forget(refused: Credentials): void;
}

/** `now` is for tests; a failed step is not kept, so the next request tries again. */
export function credentialSource(kc: KubeConfig, server: string, { reuseMs = REUSE_MS, now = Date.now } = {}): CredentialSource {
  let kept: { at: number; credentials: Promise<Credentials>; value?: Credentials } | undefined;
  const source = () => {
    const at = now();
    if (kept && at - kept.at < reuseMs) return kept.credentials;
    const credentials = takeCredentials(kc, server);
    const entry: NonNullable<typeof kept> = { at, credentials };
    kept = entry;
    credentials.then((value) => { entry.value = value; }, () => {
      if (kept === entry) kept = undefined;
    });
    return credentials;
  };
  const forget = (refused: Credentials) => {
    if (kept?.value === refused) kept = undefined;
  };
  return Object.assign(source, { forget });
}

async function takeCredentials(kc: KubeConfig, server: string): Promise<Credentials> {
  const context = new RequestContext(server, HttpMethod.GET);
  await kc.applySecurityAuthentication(context);
  return { headers: { ...context.getHeaders() }, agent: context.getAgent() as Agent | undefined };
}
