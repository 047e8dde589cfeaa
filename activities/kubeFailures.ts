// How a failed Kubernetes call ends an activity attempt, decided in one place. A request the API
// server refused for what it says (invalid, forbidden, conflict) fails the activity for good, with
// the server's message naming the object and field; overload, server errors and network trouble
// are retried by Temporal with backoff.
import { ApplicationFailure } from '@temporalio/common';

export const KUBE_REJECTED = 'KubernetesRejected';
export const KUBE_UNAVAILABLE = 'KubernetesUnavailable';

interface ApiErrorLike {
  /** HTTP status from client-node; Node's network errors carry a string code such as ECONNREFUSED. */
  code?: number | string;
  body?: unknown;
  message?: string;
}

const PERMANENT_CODES = new Set([400, 401, 403, 404, 405, 409, 410, 413, 415, 422]);

// The API server answers a server-side apply whose body does not fit the schema with 500
// "failed to create typed patch object"; retrying cannot fix the manifest.
const PERMANENT_500 = /failed to create typed patch object|field not declared in schema/;

export function statusMessage(err: unknown): string {
  const e = err as ApiErrorLike;
  if (typeof e.body === 'string') {
    try {
      const status = JSON.parse(e.body) as { message?: string };
      if (status.message) return status.message;
    } catch {
      return e.body.slice(0, 500);
    }
  }
  return e.message ?? String(err);
}

export function isPermanent(err: unknown): boolean {
  const code = (err as ApiErrorLike).code;
  if (typeof code !== 'number') return false;
  if (PERMANENT_CODES.has(code)) return true;
  return code === 500 && PERMANENT_500.test(statusMessage(err));
}

/** Re-throws `err` as a Temporal failure that says what was being done to which object. */
export function kubeFailure(err: unknown, what: string): ApplicationFailure {
  if (err instanceof ApplicationFailure) return err;
  const code = (err as ApiErrorLike).code;
  // A request cut off by our own timeout is a DOMException whose numeric code is not an HTTP status.
  const http = typeof code === 'number' && code >= 100 ? ` (HTTP ${code})` : '';
  const message = `${what}: ${statusMessage(err)}${http}`;
  return isPermanent(err)
    ? ApplicationFailure.create({ message, type: KUBE_REJECTED, nonRetryable: true })
    : ApplicationFailure.create({ message, type: KUBE_UNAVAILABLE, nonRetryable: false });
}
