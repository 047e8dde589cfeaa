// The payload codec: what it writes is unreadable without the key, what it reads back is exactly
// what was written, and every way of reading with the wrong key or altered bytes fails loudly.
import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, type Payload, ValueError } from '@temporalio/common';
import { AesGcmCodec, ENCRYPTED_ENCODING, isEncrypted, KEY_ID_METADATA } from '../../../codec/aesGcmCodec';
import { parseKeyRing, type KeyRing } from '../../../codec/keyRing';

const CANARY = 'canary-4f9d2c-secret-value';
const keyLine = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const ring = (...lines: string[]): KeyRing => parseKeyRing(lines.join('\n'), 'test');
const manifest = () => defaultPayloadConverter.toPayload({ kind: 'Secret', stringData: { password: CANARY } });
const bytesOf = (p: Payload) => Buffer.from(p.data ?? new Uint8Array()).toString('latin1') + JSON.stringify(p.metadata ?? {});

async function encodeOne(codec: AesGcmCodec, payload: Payload): Promise<Payload> {
  return (await codec.encode([payload]))[0];
}

describe('AesGcmCodec', () => {
  const k1 = keyLine('k1');
  const k2 = keyLine('k2');

  test('round trip: decode gives back the payload, metadata and data', async () => {
    const codec = new AesGcmCodec(ring(k1));
    const original = manifest();
    const [decoded] = await codec.decode([await encodeOne(codec, original)]);
    expect(defaultPayloadConverter.fromPayload(decoded)).toEqual({ kind: 'Secret', stringData: { password: CANARY } });
    expect(Buffer.from(decoded.metadata!.encoding!).toString()).toBe('json/plain');
  });

  test('the encoded payload holds no plaintext, names its key id and is marked encrypted', async () => {
    const encoded = await encodeOne(new AesGcmCodec(ring(k1)), manifest());
    expect(isEncrypted(encoded)).toBe(true);
    expect(Buffer.from(encoded.metadata![KEY_ID_METADATA]!).toString()).toBe('k1');
    expect(Buffer.from(encoded.metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);
    expect(bytesOf(encoded)).not.toContain(CANARY);
    expect(bytesOf(encoded)).not.toContain('json/plain');
  });

  test('two encodings of the same payload differ (fresh IV each time)', async () => {
    const codec = new AesGcmCodec(ring(k1));
    const [a, b] = await codec.encode([manifest(), manifest()]);
    expect(Buffer.from(a.data!).equals(Buffer.from(b.data!))).toBe(false);
  });

  test('a key ring with the same id but another key cannot decrypt', async () => {
    const encoded = await encodeOne(new AesGcmCodec(ring(k1)), manifest());
    await expect(new AesGcmCodec(ring(keyLine('k1'))).decode([encoded])).rejects.toThrow(/failed authentication/);
  });

  test('an unknown key id is named in the error', async () => {
    const encoded = await encodeOne(new AesGcmCodec(ring(k1)), manifest());
    await expect(new AesGcmCodec(ring(k2)).decode([encoded])).rejects.toThrow(/key id "k1", which is not in the codec key ring \(known: k2\)/);
  });

  test.each([
    ['a flipped ciphertext byte', (p: Payload) => { p.data![20] ^= 1; }],
    ['a flipped auth tag byte', (p: Payload) => { p.data![p.data!.length - 1] ^= 1; }],
    ['a flipped IV byte', (p: Payload) => { p.data![0] ^= 1; }],
    ['truncated data', (p: Payload) => { p.data = p.data!.subarray(0, 10); }],
  ])('tampering is detected: %s', async (_name, tamper) => {
    const codec = new AesGcmCodec(ring(k1));
    const encoded = await encodeOne(codec, manifest());
    tamper(encoded);
    await expect(codec.decode([encoded])).rejects.toThrow(ValueError);
  });

  test('relabelling a payload with another known key id fails (the id is authenticated)', async () => {
    const both = ring(k1, k2);
    const encoded = await encodeOne(new AesGcmCodec(ring(k1)), manifest());
    encoded.metadata![KEY_ID_METADATA] = new TextEncoder().encode('k2');
    await expect(new AesGcmCodec(both).decode([encoded])).rejects.toThrow(/failed authentication/);
  });

  test('rotation: the newest key encrypts, older keys still decrypt', async () => {
    const old = await encodeOne(new AesGcmCodec(ring(k1)), manifest());
    const rotated = new AesGcmCodec(ring(k1, k2));
    const fresh = await encodeOne(rotated, manifest());
    expect(Buffer.from(fresh.metadata![KEY_ID_METADATA]!).toString()).toBe('k2');
    const decoded = await rotated.decode([old, fresh]);
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([
      { kind: 'Secret', stringData: { password: CANARY } },
      { kind: 'Secret', stringData: { password: CANARY } },
    ]);
  });

  test('payloads written before the codec was on pass through decode unchanged', async () => {
    const plain = manifest();
    expect(await new AesGcmCodec(ring(k1)).decode([plain])).toEqual([plain]);
  });
});
