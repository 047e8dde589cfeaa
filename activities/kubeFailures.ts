// How a failed Kubernetes call ends an activity attempt, decided in one place. A request the API
// server refused for what it says (invalid, forbidden, conflict) fails the activity for good, with
// the server's message naming the object and field; overload, server errors and network trouble
// are retried by Temporal with backoff. Every message passes through sync/redact.ts: the server's
// text about a Secret is withheld (it may quote the values, CVE-2025-23216), and any value of the
// object being applied is cut out of what remains.
import { ApplicationFailure } from '@temporalio/common';
import type { KubeObject } from '../sync/manifest';
import { isSecret, redactFor } from '../sync/redact';

export const KUBE_REJECTED = 'KubernetesRejected';
export const KUBE_UNAVAILABLE = 'KubernetesUnavailable';

interface ApiErrorLike {
  /** HTTP status from client-node; Node's network errors carry a string code such as ECONNREFUSED. */
  code?: number | string;
  body?: unknown;
  message?: string;
}

interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

interface Status {
  message?: string;
  reason?: string;
  details?: { causes?: StatusCause[] };
}

const PERMANENT_CODES = new Set([400, 401, 403, 404, 405, 409, 410, 413, 415, 422]);

// The API server answers a server-side apply whose body does not fit the schema with 500
// "failed to create typed patch object"; retrying cannot fix the manifest.
const PERMANENT_500 = /failed to create typed patch object|field not declared in schema/;

/** The Status the server answered with, or the raw body text when it is not JSON. */
function parseBody(body: unknown): Status | string | undefined {
  if (typeof body === 'object' && body !== null) return body as Status;
  if (typeof body !== 'string') return undefined;
  try {
    return JSON.parse(body) as Status;
  } catch {
    return body;
  }
}

// client-node's ApiException message embeds the whole response body and headers: it is used only
// for errors that have no body at all (network errors, our own).
function serverText(err: unknown): string {
  const e = err as ApiErrorLike;
  const status = parseBody(e.body);
  if (typeof status === 'string') return status.slice(0, 500);
  if (status) return status.message ?? status.reason ?? `HTTP ${String(e.code)}`;
  return e.message ?? String(err);
}

// For a Secret only the structure of the answer is kept: reason, and per cause its field and kind.
function secretRejection(err: unknown): string {
  const status = parseBody((err as ApiErrorLike).body);
  const structured = typeof status === 'object' ? status : {};
  const causes = (structured.details?.causes ?? []).map((c) => {
    // A field manager conflict names the other manager, never a value.
    const detail = c.reason === 'FieldManagerConflict' ? c.message : c.reason;
    return [c.field, detail].filter(Boolean).join(' ');
  });
  const reason = structured.reason ?? (status === undefined ? (err as ApiErrorLike).message ?? 'failed' : 'rejected');
  return `${reason}${causes.length ? `: ${causes.join('; ')}` : ''} (the API server's text about a Secret is withheld: it may quote Secret data)`;
}

/** What the server said, fit for a message about `object` (the manifest sent, when there was one). */
export function statusMessage(err: unknown, object?: KubeObject): string {
  const hasBody = (err as ApiErrorLike).body !== undefined;
  const text = object && isSecret(object) && hasBody ? secretRejection(err) : serverText(err);
  return redactFor(text, object);
}

export function isPermanent(err: unknown): boolean {
  const code = (err as ApiErrorLike).code;
  if (typeof code !== 'number') return false;
  if (PERMANENT_CODES.has(code)) return true;
  return code === 500 && PERMANENT_500.test(serverText(err));
}

/**
 * A guarded write the server refused because the object changed since we read it: 409 (a
 * resourceVersion or uid precondition) or 422 (a JSON patch's `test` failed; the server gives a
 * genuinely invalid patch the same answer, which is why callers re-read and retry only a few
 * times). Either way nothing was written; the answer is to read again and recompute.
 */
export function isGuardFailure(err: unknown): boolean {
  const code = (err as ApiErrorLike).code;
  return code === 409 || code === 422;
}

/** Re-throws `err` as a Temporal failure that says what was being done to which object. */
export function kubeFailure(err: unknown, what: string, object?: KubeObject): ApplicationFailure {
  if (err instanceof ApplicationFailure) return err;
  const code = (err as ApiErrorLike).code;
  // A request cut off by our own timeout is a DOMException whose numeric code is not an HTTP status.
  const http = typeof code === 'number' && code >= 100 ? ` (HTTP ${code})` : '';
  const message = `${what}: ${statusMessage(err, object)}${http}`;
  return isPermanent(err)
    ? ApplicationFailure.create({ message, type: KUBE_REJECTED, nonRetryable: true })
    : ApplicationFailure.create({ message, type: KUBE_UNAVAILABLE, nonRetryable: false });
}
