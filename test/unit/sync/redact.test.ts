// Redaction: every form of a Secret's values is found, and no message built from a Kubernetes
// error about a Secret carries one, even when the server's answer quotes it.
import { ApplicationFailure } from '@temporalio/common';
import { kubeFailure, statusMessage } from '../../../activities/kubeFailures';
import type { KubeObject } from '../../../sync/manifest';
import { REDACTED, redactFor, redactValues, secretValues } from '../../../sync/redact';

const CANARY = 'canary-b1e7-p@ss "quoted"';
const CANARY_B64 = Buffer.from(CANARY).toString('base64');
const OTHER = 'second-canary-ü-9f3a';
const OTHER_B64 = Buffer.from(OTHER).toString('base64');

const secret: KubeObject = {
  apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'shop' },
  stringData: { password: CANARY }, data: { token: OTHER_B64 },
};

/** Every way the canaries could appear in a message. */
const forms = [CANARY, CANARY_B64, JSON.stringify(CANARY).slice(1, -1), OTHER, OTHER_B64];

/** Shaped like client-node's ApiException: code, body (the Status text), message embedding both. */
function apiError(code: number, status: Record<string, unknown>) {
  const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, ...status });
  return Object.assign(new Error(`HTTP-Code: ${code}\nMessage: Unknown API Status Code!\nBody: ${body}\nHeaders: {}`), { code, body });
}

describe('secretValues', () => {
  test('finds stringData as written and in base64, data encoded and decoded, and JSON-escaped forms', () => {
    expect(secretValues(secret)).toEqual(expect.arrayContaining(forms));
  });

  test('longest first, so a value inside another is not cut apart first', () => {
    const values = secretValues(secret);
    expect(values).toEqual([...values].sort((a, b) => b.length - a.length));
  });

  test.each<[string, KubeObject | undefined]>([
    ['no object', undefined],
    ['a ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { password: CANARY } }],
    ['a Secret of another API group', { apiVersion: 'example.com/v1', kind: 'Secret', metadata: { name: 's' }, data: { a: CANARY } }],
  ])('nothing for %s', (_name, object) => {
    expect(secretValues(object)).toEqual([]);
  });

  test('non-string values and too short forms are skipped (ab, but not its base64); binary data is matched in base64', () => {
    const odd: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { bin: Buffer.from([0xff, 0xfe, 0x00, 0x81]).toString('base64'), n: 5 as unknown as string }, stringData: { short: 'ab' } };
    expect(secretValues(odd)).toEqual(['//4AgQ==', 'YWI=']);
  });
});

describe('redactValues / redactFor', () => {
  test('every occurrence of every form is replaced', () => {
    const text = `a ${CANARY} b ${CANARY_B64} c ${OTHER} d ${OTHER_B64} e ${CANARY}`;
    const out = redactFor(text, secret);
    for (const form of forms) expect(out).not.toContain(form);
    expect(out).toBe(`a ${REDACTED} b ${REDACTED} c ${REDACTED} d ${REDACTED} e ${REDACTED}`);
  });

  test('no values: the text is unchanged', () => {
    expect(redactValues('nothing to hide', [])).toBe('nothing to hide');
  });
});

describe('messages about a Secret from the API server', () => {
  const invalid = apiError(422, {
    reason: 'Invalid',
    message: `Secret "db" is invalid: data[password]: Invalid value: "${CANARY}": must be something else`,
    details: { name: 'db', kind: 'secrets', causes: [{ reason: 'FieldValueInvalid', message: `Invalid value: "${CANARY_B64}"`, field: 'data[password]' }] },
  });
  const conflict = apiError(409, {
    reason: 'Conflict',
    message: `Apply failed with 1 conflict: conflict with "someone-else" using v1: .data.token (was ${OTHER_B64})`,
    details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "someone-else" using v1', field: '.data.token' }] },
  });

  test.each([
    ['422 whose message and causes quote the value', invalid, 'Invalid: data[password] FieldValueInvalid'],
    ['409 field manager conflict', conflict, 'Conflict: .data.token conflict with "someone-else" using v1'],
    ['a body that is not JSON', Object.assign(new Error('x'), { code: 400, body: `bad request: ${CANARY}` }), 'rejected'],
  ])('%s: reason and fields only, no value', (_name, err, start) => {
    const message = statusMessage(err, secret);
    expect(message.startsWith(start)).toBe(true);
    expect(message).toMatch(/withheld/);
    for (const form of forms) expect(message).not.toContain(form);
  });

  test('the activity failure for a Secret carries no value either', () => {
    const failure = kubeFailure(Object.assign(apiError(503, { reason: 'ServiceUnavailable', message: `overloaded while writing ${CANARY}` })), 'apply Secret shop/db', secret);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    for (const form of forms) expect(failure.message).not.toContain(form);
  });

  test('another object: the server text is kept, its own Secret-free message unchanged', () => {
    const configMap: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } };
    const err = apiError(422, { reason: 'Invalid', message: 'ConfigMap "c" is invalid: data[bad key]: Invalid value: "bad key"' });
    expect(statusMessage(err, configMap)).toBe('ConfigMap "c" is invalid: data[bad key]: Invalid value: "bad key"');
  });

  test('a network error without a body keeps its own message, values cut out', () => {
    const err = Object.assign(new Error(`socket hang up near ${CANARY}`), { code: 'ECONNRESET' });
    expect(statusMessage(err, secret)).toBe(`socket hang up near ${REDACTED}`);
  });
});
