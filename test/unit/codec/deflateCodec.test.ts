// The compression stage: a large payload leaves deflated and comes back exactly as it was, a small
// or incompressible one passes unchanged, a reader that only decodes still reads what a writer
// compressed, and damaged bytes are refused with a message instead of decoded into nonsense.
import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, type Payload, ValueError } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { isEncrypted } from '../../../codec/aesGcmCodec';
import { CodecSettingError } from '../../../codec/codecSettingError';
import { codecConfigFromEnv, payloadCodecs } from '../../../codec/dataConverter';
import { DeflateCodec, holdsSecret, isDeflated } from '../../../codec/deflateCodec';
import { parseKeyRing } from '../../../codec/keyRing';

const size = (p: Payload) => temporal.api.common.v1.Payload.encode(p).finish().length;
const configMaps = (count: number) => defaultPayloadConverter.toPayload({
  tasks: Array.from({ length: count }, (_, i) => ({ ref: { kind: 'ConfigMap', name: `app-${i}` }, manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `app-${i}` }, data: { key: `value-${i}` } } })),
});

test('a plan of 200 ConfigMaps leaves at a fraction of its size and comes back equal', async () => {
  const codec = new DeflateCodec();
  const original = configMaps(200);
  const [packed] = await codec.encode([original]);
  expect(isDeflated(packed)).toBe(true);
  expect(size(packed)).toBeLessThan(size(original) / 5);
  const [back] = await codec.decode([packed]);
  expect(back.metadata).toEqual(original.metadata);
  expect(defaultPayloadConverter.fromPayload(back)).toEqual(defaultPayloadConverter.fromPayload(original));
});

test('a payload under the threshold, or one that does not shrink, passes unchanged', async () => {
  const codec = new DeflateCodec();
  const small = configMaps(1);
  const noise = defaultPayloadConverter.toPayload(new Uint8Array(randomBytes(4096)));
  expect(await codec.encode([small, noise])).toEqual([small, noise]);
});

test('a decode-only codec (rolling upgrade) writes plain payloads and still reads compressed ones', async () => {
  const original = configMaps(200);
  const [packed] = await new DeflateCodec().encode([original]);
  const readOnly = new DeflateCodec({ encode: false });
  expect(await readOnly.encode([original])).toEqual([original]);
  const [back] = await readOnly.decode([packed]);
  expect(defaultPayloadConverter.fromPayload(back)).toEqual(defaultPayloadConverter.fromPayload(original));
});

test('a payload holding a Secret is never compressed (its length must not depend on its data)', async () => {
  const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { password: 'hunter2-'.repeat(200) } };
  const plan = defaultPayloadConverter.toPayload({ tasks: [{ ref: { kind: 'Secret', name: 'db' }, object: secret }] });
  expect(holdsSecret(plan)).toBe(true);
  expect(await new DeflateCodec().encode([plan])).toEqual([plan]);
});

test('text that only mentions a Secret inside a value still compresses', async () => {
  const mention = defaultPayloadConverter.toPayload({ kind: 'ConfigMap', data: { note: '{"kind":"Secret"} '.repeat(200) } });
  expect(holdsSecret(mention)).toBe(false);
  const [packed] = await new DeflateCodec().encode([mention]);
  expect(isDeflated(packed)).toBe(true);
});

test('payloads written before compression existed decode unchanged', async () => {
  const plain = configMaps(200);
  expect(await new DeflateCodec().decode([plain])).toEqual([plain]);
});

test('a damaged compressed payload is refused with a ValueError that says so', async () => {
  const [packed] = await new DeflateCodec().encode([configMaps(200)]);
  const damaged = { ...packed, data: Buffer.from('not deflate at all') };
  await expect(new DeflateCodec().decode([damaged])).rejects.toThrow(ValueError);
  await expect(new DeflateCodec().decode([damaged])).rejects.toThrow(/compressed payload cannot be inflated/);
});

async function throughChain(config: Parameters<typeof payloadCodecs>[0], payload: Payload): Promise<Payload> {
  let payloads = [payload];
  for (const codec of payloadCodecs(config)) payloads = await codec.encode(payloads);
  return payloads[0];
}

test('in the chain every process uses, compression comes before encryption (ciphertext does not shrink)', async () => {
  const ring = parseKeyRing(`k:${randomBytes(32).toString('base64')}`, 'test');
  const plan = configMaps(200);
  const stored = await throughChain({ ring }, plan);
  expect(isEncrypted(stored)).toBe(true);
  expect(size(stored)).toBeLessThan(size(plan) / 5);
  // HOOKSYNC_CODEC_COMPRESS=off: encrypted at full size.
  expect(size(await throughChain({ ring, compress: false }, plan))).toBeGreaterThan(size(plan));
});

test('HOOKSYNC_CODEC_COMPRESS: on by default, off turns writing off, anything else is refused by name', () => {
  expect(codecConfigFromEnv({}).compress).toBe(true);
  expect(codecConfigFromEnv({ HOOKSYNC_CODEC_COMPRESS: 'on' }).compress).toBe(true);
  expect(codecConfigFromEnv({ HOOKSYNC_CODEC_COMPRESS: 'off' }).compress).toBe(false);
  expect(() => codecConfigFromEnv({ HOOKSYNC_CODEC_COMPRESS: 'false' })).toThrow(CodecSettingError);
  expect(() => codecConfigFromEnv({ HOOKSYNC_CODEC_COMPRESS: 'false' })).toThrow(/HOOKSYNC_CODEC_COMPRESS is "false"; expected on \(the default\) or off/);
});
