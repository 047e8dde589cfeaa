// Keeps Temporal's payloads small: a payload larger than the threshold is put in a BlobStore and
// replaced by a reference holding its digest. Placed after the encryption codec, so blobs are
// stored encrypted and the digest is that of ciphertext (it says nothing about the content).
// Without a store, a payload over Temporal's own limit is refused here with a clear message,
// instead of by the server after the sync started.
import { type Payload, type PayloadCodec, ValueError } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { BlobStore } from './blobStore';
import { sha256Hex } from './localBlobStore';
import { readText, text } from './metadataText';

export const CLAIM_CHECK_ENCODING = 'binary/claim-check';
export const CLAIM_DIGEST_METADATA = 'claim-check-sha256';
/** Temporal refuses payloads over 2 MB by default (blob size limit) and warns from 512 KB. */
export const TEMPORAL_PAYLOAD_LIMIT = 2 * 1024 * 1024;
/** Payloads above this go to the store: well under the limit, since a request carries several. */
export const DEFAULT_CLAIM_THRESHOLD = 128 * 1024;

export function isClaimCheck(payload: Payload): boolean {
  return readText(payload.metadata?.encoding) === CLAIM_CHECK_ENCODING;
}

export class ClaimCheckCodec implements PayloadCodec {
  constructor(private readonly store: BlobStore | undefined, private readonly threshold = DEFAULT_CLAIM_THRESHOLD) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(payloads.map((p) => this.checkIn(p)));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(payloads.map((p) => (isClaimCheck(p) ? this.checkOut(p) : p)));
  }

  private async checkIn(payload: Payload): Promise<Payload> {
    const bytes = temporal.api.common.v1.Payload.encode(payload).finish();
    if (bytes.length <= this.threshold) return payload;
    if (!this.store) {
      if (bytes.length < TEMPORAL_PAYLOAD_LIMIT) return payload;
      throw new ValueError(`a payload of ${bytes.length} bytes is over Temporal's ${TEMPORAL_PAYLOAD_LIMIT}-byte limit; set HOOKSYNC_CLAIM_CHECK_DIR to a claim-check store`);
    }
    const digest = sha256Hex(bytes);
    await this.store.put(digest, bytes);
    return { metadata: { encoding: text(CLAIM_CHECK_ENCODING), [CLAIM_DIGEST_METADATA]: text(digest) }, data: new Uint8Array() };
  }

  private async checkOut(reference: Payload): Promise<Payload> {
    const digest = readText(reference.metadata?.[CLAIM_DIGEST_METADATA]) ?? '';
    if (!this.store) throw new ValueError(`payload ${digest} is in a claim-check store, and none is configured (HOOKSYNC_CLAIM_CHECK_DIR)`);
    return temporal.api.common.v1.Payload.decode(await this.store.get(digest));
  }
}
