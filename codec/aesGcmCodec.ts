// Encrypts every payload with AES-256-GCM before it leaves the process, so Temporal stores only
// ciphertext. The whole payload (metadata and data) is serialised and encrypted; the envelope says
// only that it is encrypted and with which key id, so a reader can pick the key after a rotation.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { type Payload, type PayloadCodec, ValueError } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { KeyRing } from './keyRing';
import { readText, text } from './metadataText';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
export const CIPHER_METADATA = 'encryption-cipher';
const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function isEncrypted(payload: Payload): boolean {
  return readText(payload.metadata?.encoding) === ENCRYPTED_ENCODING;
}

export class AesGcmCodec implements PayloadCodec {
  constructor(private readonly ring: KeyRing) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => this.encrypt(p));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    // Payloads written before the codec was turned on stay readable.
    return payloads.map((p) => (isEncrypted(p) ? this.decrypt(p) : p));
  }

  private encrypt(payload: Payload): Payload {
    const keyId = this.ring.currentId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(CIPHER, this.ring.keys.get(keyId)!, iv);
    // The key id is authenticated too: relabelling a payload with another id makes it unreadable.
    cipher.setAAD(text(keyId));
    const plain = temporal.api.common.v1.Payload.encode(payload).finish();
    const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: { encoding: text(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: text(keyId), [CIPHER_METADATA]: text(CIPHER) },
      data: sealed,
    };
  }

  private decrypt(payload: Payload): Payload {
    const keyId = readText(payload.metadata?.[KEY_ID_METADATA]) ?? '';
    const key = this.ring.keys.get(keyId);
    if (!key) throw new ValueError(`payload encrypted with key id "${keyId}", which is not in the codec key ring (known: ${[...this.ring.keys.keys()].join(', ')})`);
    const sealed = Buffer.from(payload.data ?? new Uint8Array());
    if (sealed.length < IV_BYTES + TAG_BYTES) throw new ValueError('encrypted payload is too short');
    const decipher = createDecipheriv(CIPHER, key, sealed.subarray(0, IV_BYTES));
    decipher.setAAD(text(keyId));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new ValueError(`encrypted payload (key id "${keyId}") failed authentication: wrong key or altered data`);
    }
    return temporal.api.common.v1.Payload.decode(plain);
  }
}
