// How Kubernetes errors end an activity attempt (activities/kubeFailures.ts): refused for what it
// says -> non-retryable; overload, server trouble, network -> retried by Temporal.
import { ApplicationFailure } from '@temporalio/common';
import { KUBE_REJECTED, KUBE_UNAVAILABLE, isGuardFailure, isPermanent, kubeFailure, statusMessage } from '../../../activities/kubeFailures';

/** Shaped like client-node's ApiException: numeric code, body the response text (a Status). */
function apiError(code: number, message?: string, reason = 'Invalid'): Error & { code: number; body: string } {
  const status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', ...(message !== undefined ? { message } : {}), reason, code };
  const body = JSON.stringify(status);
  return Object.assign(new Error(`HTTP-Code: ${code}\nMessage: Unsuccessful HTTP Request\nBody: ${JSON.stringify(body)}`), { code, body });
}

const TYPED_PATCH = '.spec.template.spec.containers[0].imagePullPolcy: field not declared in schema';

interface Case {
  name: string;
  err: unknown;
  permanent: boolean;
  message: string;
}

const cases: Case[] = [
  { name: '400 bad request', err: apiError(400, 'Job.batch "m" is invalid: spec.template: Required value', 'BadRequest'), permanent: true, message: 'Job.batch "m" is invalid: spec.template: Required value' },
  { name: '401 unauthorized', err: apiError(401, 'Unauthorized', 'Unauthorized'), permanent: true, message: 'Unauthorized' },
  { name: '403 forbidden', err: apiError(403, 'jobs.batch is forbidden: User "x" cannot create resource "jobs"', 'Forbidden'), permanent: true, message: 'jobs.batch is forbidden: User "x" cannot create resource "jobs"' },
  { name: '404 not found', err: apiError(404, 'namespaces "nope" not found', 'NotFound'), permanent: true, message: 'namespaces "nope" not found' },
  { name: '409 conflict', err: apiError(409, 'jobs.batch "m" already exists', 'AlreadyExists'), permanent: true, message: 'jobs.batch "m" already exists' },
  { name: '422 invalid', err: apiError(422, 'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1'), permanent: true, message: 'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1' },
  { name: '500 SSA typed patch', err: apiError(500, `failed to create typed patch object (apps/v1, Kind=Deployment): ${TYPED_PATCH}`, 'InternalError'), permanent: true, message: `failed to create typed patch object (apps/v1, Kind=Deployment): ${TYPED_PATCH}` },
  { name: '500 field not declared in schema', err: apiError(500, TYPED_PATCH, 'InternalError'), permanent: true, message: TYPED_PATCH },
  { name: '429 too many requests', err: apiError(429, 'too many requests', 'TooManyRequests'), permanent: false, message: 'too many requests' },
  { name: '500 internal error', err: apiError(500, 'etcdserver: request timed out', 'InternalError'), permanent: false, message: 'etcdserver: request timed out' },
  { name: '503 unavailable', err: apiError(503, 'the server is currently unable to handle the request', 'ServiceUnavailable'), permanent: false, message: 'the server is currently unable to handle the request' },
  { name: '504 gateway timeout', err: apiError(504, 'gateway timeout', 'Timeout'), permanent: false, message: 'gateway timeout' },
  { name: 'network error without code', err: new TypeError('fetch failed'), permanent: false, message: 'fetch failed' },
  { name: 'socket error with a string code', err: socketError(), permanent: false, message: 'connect ECONNREFUSED 127.0.0.1:6443' },
];

/** Node's own network errors carry a string `code` (ECONNREFUSED, ETIMEDOUT), not an HTTP status. */
function socketError(): Error & { code: string } {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6443'), { code: 'ECONNREFUSED' });
}

describe('isPermanent', () => {
  test.each(cases)('$name -> $permanent', ({ err, permanent }) => {
    expect(isPermanent(err)).toBe(permanent);
  });
});

// A guarded write refused because the object changed since it was read: read again, not fail.
describe('isGuardFailure', () => {
  test.each<{ name: string; err: unknown; guard: boolean }>([
    { name: '409 precondition failed', err: apiError(409, 'Precondition failed: UID in precondition: a, UID in object meta: b', 'Conflict'), guard: true },
    { name: '422 JSON patch test failed', err: apiError(422, 'the server rejected our request due to an error in our request'), guard: true },
    { name: '404 not found', err: apiError(404, 'configmaps "x" not found', 'NotFound'), guard: false },
    { name: '403 forbidden', err: apiError(403, 'forbidden', 'Forbidden'), guard: false },
    { name: '500 internal error', err: apiError(500, 'etcdserver: request timed out', 'InternalError'), guard: false },
    { name: 'a socket error', err: socketError(), guard: false },
  ])('$name -> $guard', ({ err, guard }) => {
    expect(isGuardFailure(err)).toBe(guard);
  });
});

describe('statusMessage', () => {
  test.each(cases)('$name', ({ err, message }) => {
    expect(statusMessage(err)).toBe(message);
  });

  test.each<{ name: string; err: unknown; message: string }>([
    { name: 'a body that is not JSON is quoted, cut to 500 characters', err: { code: 502, body: `<html>${'x'.repeat(600)}</html>` }, message: `<html>${'x'.repeat(494)}` },
    { name: 'a Status without a message gives its reason, never the error text (client-node puts the body and headers there)', err: Object.assign(new Error('boom, body and headers'), { code: 500, body: '{"kind":"Status","reason":"InternalError"}' }), message: 'InternalError' },
    { name: 'a Status with neither message nor reason gives the HTTP status', err: Object.assign(new Error('boom'), { code: 500, body: '{"kind":"Status"}' }), message: 'HTTP 500' },
    { name: 'an error without body uses its message', err: Object.assign(new Error('Job apps/m already exists from an earlier sync'), { code: 409 }), message: 'Job apps/m already exists from an earlier sync' },
    { name: 'something that is not an Error is stringified', err: 'plain text', message: 'plain text' },
  ])('$name', ({ err, message }) => {
    expect(statusMessage(err)).toBe(message);
  });
});

describe('kubeFailure', () => {
  const httpCases = cases.filter((c) => c.name !== 'socket error with a string code');
  test.each(httpCases)('$name', ({ err, permanent, message }) => {
    const failure = kubeFailure(err, 'apply Job apps/migrate');
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure.nonRetryable).toBe(permanent);
    expect(failure.type).toBe(permanent ? KUBE_REJECTED : KUBE_UNAVAILABLE);
    const code = (err as { code?: unknown }).code;
    const suffix = typeof code === 'number' ? ` (HTTP ${code})` : '';
    expect(failure.message).toBe(`apply Job apps/migrate: ${message}${suffix}`);
  });

  test('a socket error is retryable', () => {
    const failure = kubeFailure(socketError(), 'apply Job apps/migrate');
    expect([failure.nonRetryable, failure.type]).toEqual([false, KUBE_UNAVAILABLE]);
  });

  // Node's network errors carry a string code (ECONNREFUSED), which is no HTTP status.
  test('a socket error code is not reported as an HTTP status', () => {
    expect(kubeFailure(socketError(), 'apply Job apps/migrate').message).toBe('apply Job apps/migrate: connect ECONNREFUSED 127.0.0.1:6443');
  });

  test('the type names match what the workflow treats as non-retryable', () => {
    expect([KUBE_REJECTED, KUBE_UNAVAILABLE]).toEqual(['KubernetesRejected', 'KubernetesUnavailable']);
  });

  test('an ApplicationFailure passes through unchanged', () => {
    const original = ApplicationFailure.create({ message: 'already decided', type: 'Other', nonRetryable: true });
    expect(kubeFailure(original, 'apply Job apps/migrate')).toBe(original);
  });
});
