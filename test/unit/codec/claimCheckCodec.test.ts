// The claim-check stage: large payloads leave as a digest reference and come back intact, blobs on
// disk are ciphertext when the encryption codec runs first, and damage or a missing store is loud.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPayloadConverter, type Payload, ValueError } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { CLAIM_DIGEST_METADATA, ClaimCheckCodec, isClaimCheck, TEMPORAL_PAYLOAD_LIMIT } from '../../../codec/claimCheckCodec';
import { payloadCodecs } from '../../../codec/dataConverter';
import { parseKeyRing } from '../../../codec/keyRing';
import { LocalBlobStore } from '../../../codec/localBlobStore';

const CANARY = 'claim-canary-31c9';
// Random filler: the full codec chain compresses first, and a repeated letter would shrink to nothing.
const big = (bytes: number) => defaultPayloadConverter.toPayload({ canary: CANARY, filler: randomBytes(bytes).toString('base64').slice(0, bytes) });
const size = (p: Payload) => temporal.api.common.v1.Payload.encode(p).finish().length;
const newStore = () => new LocalBlobStore(mkdtempSync(join(tmpdir(), 'hooksync-claims-')));
const blobFiles = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));

async function encodeAll(codecs: ReturnType<typeof payloadCodecs>, payloads: Payload[]) {
  for (const codec of codecs) payloads = await codec.encode(payloads);
  return payloads;
}
async function decodeAll(codecs: ReturnType<typeof payloadCodecs>, payloads: Payload[]) {
  for (const codec of [...codecs].reverse()) payloads = await codec.decode(payloads);
  return payloads;
}

test('a payload under the threshold passes unchanged', async () => {
  const small = big(100);
  expect(await new ClaimCheckCodec(newStore(), 1024).encode([small])).toEqual([small]);
});

test('a payload over the threshold becomes a small reference and comes back intact', async () => {
  const store = newStore();
  const codec = new ClaimCheckCodec(store, 1024);
  const original = big(3 * 1024 * 1024);
  const [reference] = await codec.encode([original]);
  expect(isClaimCheck(reference)).toBe(true);
  expect(size(reference)).toBeLessThan(200);
  const digest = Buffer.from(reference.metadata![CLAIM_DIGEST_METADATA]!).toString();
  expect(blobFiles(store.dir).map((f) => f.endsWith(digest))).toEqual([true]);
  const [decoded] = await codec.decode([reference]);
  expect(defaultPayloadConverter.fromPayload(decoded)).toEqual(defaultPayloadConverter.fromPayload(original));
});

test('after the encryption codec, the blob on disk is ciphertext and the round trip still holds', async () => {
  const store = newStore();
  const codecs = payloadCodecs({ ring: parseKeyRing(`k:${randomBytes(32).toString('base64')}`, 'test'), store });
  const original = big(500 * 1024);
  const [reference] = await encodeAll(codecs, [original]);
  expect(isClaimCheck(reference)).toBe(true);
  for (const file of blobFiles(store.dir)) expect(readFileSync(file).includes(CANARY)).toBe(false);
  const [decoded] = await decodeAll(codecs, [reference]);
  expect(defaultPayloadConverter.fromPayload(decoded)).toEqual(defaultPayloadConverter.fromPayload(original));
});

test('a damaged blob is refused, not decoded', async () => {
  const store = newStore();
  const codec = new ClaimCheckCodec(store, 1024);
  const [reference] = await codec.encode([big(4096)]);
  const [file] = blobFiles(store.dir);
  const bytes = readFileSync(file);
  bytes[bytes.length - 1] ^= 1;
  writeFileSync(file, bytes);
  await expect(codec.decode([reference])).rejects.toThrow(/damaged/);
});

test('a reference whose digest is not a digest cannot name another file', async () => {
  const codec = new ClaimCheckCodec(newStore(), 1024);
  const [reference] = await codec.encode([big(4096)]);
  reference.metadata![CLAIM_DIGEST_METADATA] = new TextEncoder().encode('../../etc/passwd');
  await expect(codec.decode([reference])).rejects.toThrow(/not a SHA-256 digest/);
});

test('without a store: under the limit passes, over it is refused with the setting to use', async () => {
  const codec = new ClaimCheckCodec(undefined, 1024);
  const medium = big(512 * 1024);
  expect(await codec.encode([medium])).toEqual([medium]);
  await expect(codec.encode([big(TEMPORAL_PAYLOAD_LIMIT)])).rejects.toThrow(ValueError);
  await expect(codec.encode([big(TEMPORAL_PAYLOAD_LIMIT)])).rejects.toThrow(/HOOKSYNC_CLAIM_CHECK_DIR/);
});

test('without a store, a reference cannot be decoded, and says why', async () => {
  const [reference] = await new ClaimCheckCodec(newStore(), 1024).encode([big(4096)]);
  await expect(new ClaimCheckCodec(undefined).decode([reference])).rejects.toThrow(/claim-check store, and none is configured/);
});
