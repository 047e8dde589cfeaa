// Compresses large payloads before they are encrypted. A sync's plan and apply request are JSON
// of many near-alike manifests (200 ConfigMaps: 72 KB, 3.4 KB deflated), and every byte of them is
// carried to the server, written to its history and carried back to a worker. Deflate at level 1
// takes about 0.1 ms for that plan. Placed first, since ciphertext does not compress.
//
// A payload that holds a Secret is never compressed. Compressed, its length would depend on how
// much of the Secret's data repeats text elsewhere in the same payload: someone who can put text
// into an app's manifests and read the sizes in Temporal's history could, over many syncs, guess
// the Secret byte by byte (the attack on TLS compression known as CRIME). Encrypted at full size,
// it says nothing but its length, as before this codec.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { type Payload, type PayloadCodec, ValueError } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { readText, text } from './metadataText';

export const DEFLATE_ENCODING = 'binary/deflate';
/** Below this, the saving is smaller than the work: small payloads pass unchanged. */
export const DEFAULT_DEFLATE_THRESHOLD = 1024;

/**
 * A manifest of kind Secret somewhere in the payload's JSON (sync/redact.ts's definition of a
 * Secret), as JSON.stringify writes it. The same text inside a string value has its quotes
 * escaped and does not match, and a false match only costs the compression.
 */
const SECRET_KIND = Buffer.from('"kind":"Secret"');

export function holdsSecret(payload: Payload): boolean {
  return Buffer.from(payload.data ?? new Uint8Array()).includes(SECRET_KIND);
}

export function isDeflated(payload: Payload): boolean {
  return readText(payload.metadata?.encoding) === DEFLATE_ENCODING;
}

export class DeflateCodec implements PayloadCodec {
  /** `encode: false` only reads compressed payloads: for a rolling upgrade, while older readers remain. */
  constructor(private readonly options: { encode: boolean; threshold?: number } = { encode: true }) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return this.options.encode ? payloads.map((p) => this.compress(p)) : payloads;
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    // Payloads written uncompressed (small ones, or before this codec existed) pass unchanged.
    return payloads.map((p) => (isDeflated(p) ? this.inflate(p) : p));
  }

  private compress(payload: Payload): Payload {
    const whole = temporal.api.common.v1.Payload.encode(payload).finish();
    if (whole.length < (this.options.threshold ?? DEFAULT_DEFLATE_THRESHOLD) || holdsSecret(payload)) return payload;
    const packed = deflateRawSync(whole, { level: 1 });
    if (packed.length >= whole.length) return payload;
    return { metadata: { encoding: text(DEFLATE_ENCODING) }, data: packed };
  }

  private inflate(payload: Payload): Payload {
    let whole: Buffer;
    try {
      whole = inflateRawSync(payload.data ?? new Uint8Array());
    } catch (err) {
      throw new ValueError(`compressed payload cannot be inflated: ${(err as Error).message}`);
    }
    return temporal.api.common.v1.Payload.decode(whole);
  }
}
