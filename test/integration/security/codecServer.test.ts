// The codec server as users run it (`hooksync codec-server` from dist/): it decodes only for a
// caller with the token, answers CORS only for the UI's origin, and listens on loopback only.
import { execFileSync } from 'node:child_process';
import { networkInterfaces } from 'node:os';
import { request } from 'node:http';
import { defaultPayloadConverter } from '@temporalio/common';
import { AesGcmCodec } from '../../../codec/aesGcmCodec';
import { keyRingFromEnv } from '../../../codec/keyRing';
import { payloadsFromJson, payloadsToJson } from '../../../codec/payloadJson';
import { startCodecServer, uiOrigin, type CodecServerProcess } from '../../support/codecServerProcess';

const CANARY = 'codec-server-canary-7d1e';
let server: CodecServerProcess;
let encrypted: unknown;

beforeAll(async () => {
  server = await startCodecServer();
  const codec = new AesGcmCodec(keyRingFromEnv()!);
  encrypted = payloadsToJson(await codec.encode([defaultPayloadConverter.toPayload({ secret: CANARY })]));
});

afterAll(async () => {
  await server.stop();
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

test('decodes with the bearer token: the payload comes back in plain JSON', async () => {
  const res = await post('/decode', encrypted, { Authorization: `Bearer ${server.token}`, 'X-Namespace': 'default' });
  expect(res.status).toBe(200);
  const [payload] = payloadsFromJson(await res.json());
  expect(defaultPayloadConverter.fromPayload(payload)).toEqual({ secret: CANARY });
});

test('encode then decode through the server is a round trip, and encode hides the value', async () => {
  const auth = { Authorization: `Bearer ${server.token}` };
  const encodedRes = await post('/encode', payloadsToJson([defaultPayloadConverter.toPayload(CANARY)]), auth);
  const encodedText = await encodedRes.text();
  expect(encodedText).not.toContain(Buffer.from(JSON.stringify(CANARY)).toString('base64'));
  const decoded = await post('/decode', JSON.parse(encodedText), auth);
  expect(defaultPayloadConverter.fromPayload(payloadsFromJson(await decoded.json())[0])).toBe(CANARY);
});

test.each<[string, (token: string) => Record<string, string>]>([
  ['no Authorization header', () => ({})],
  ['a wrong token', () => ({ Authorization: 'Bearer not-the-token-at-all' })],
  ['the token without the Bearer scheme', (token) => ({ Authorization: token })],
])('refuses to decode with %s (401)', async (_name, headers) => {
  const res = await post('/decode', encrypted, headers(server.token));
  expect(res.status).toBe(401);
  expect(await res.text()).not.toContain(CANARY);
});

test('a browser session: /session with the token sets a cookie that then authorises decode', async () => {
  expect((await fetch(`${server.url}/session?token=wrong`)).status).toBe(401);
  const session = await fetch(`${server.url}/session?token=${encodeURIComponent(server.token)}`);
  expect(session.status).toBe(200);
  const cookie = session.headers.get('set-cookie')!;
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Strict/);
  const res = await post('/decode', encrypted, { Cookie: cookie.split(';')[0], Origin: uiOrigin() });
  expect(res.status).toBe(200);
  expect(res.headers.get('access-control-allow-origin')).toBe(uiOrigin());
  expect(res.headers.get('access-control-allow-credentials')).toBe('true');
});

test('CORS: the UI origin gets a preflight answer, any other origin is refused', async () => {
  const preflight = await fetch(`${server.url}/decode`, {
    method: 'OPTIONS', headers: { Origin: uiOrigin(), 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,x-namespace' },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get('access-control-allow-origin')).toBe(uiOrigin());
  expect(preflight.headers.get('access-control-allow-headers')).toMatch(/X-Namespace/);
  const evil = await post('/decode', encrypted, { Authorization: `Bearer ${server.token}`, Origin: 'http://evil.example' });
  expect(evil.status).toBe(403);
  expect(evil.headers.get('access-control-allow-origin')).toBeNull();
});

test('listens on 127.0.0.1 only (ss), and a non-loopback address of this machine is refused', async () => {
  const listeners = execFileSync('ss', ['-Htln', `sport = :${server.port}`], { encoding: 'utf8' }).trim().split('\n').map((l) => l.split(/\s+/)[3]);
  expect(listeners).toEqual([`127.0.0.1:${server.port}`]);
  const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
  if (!external) return; // a machine with loopback only has no other address to try
  await expect(new Promise((resolve, reject) => {
    request({ host: external.address, port: server.port, method: 'POST', path: '/decode' }, resolve).on('error', reject).end();
  })).rejects.toThrow(/ECONNREFUSED/);
});
