// A BlobStore in a local directory: one file per blob, written under a temporary name and renamed,
// so a reader never sees half a blob; readable by the owner only. Reads check the digest, so a
// damaged or swapped file is an error instead of wrong data.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlobStore } from './blobStore';

const DIGEST = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class LocalBlobStore implements BlobStore {
  constructor(readonly dir: string) {}

  private pathOf(digest: string): string {
    // The digest comes from payload metadata, i.e. from outside: never let it name another path.
    if (!DIGEST.test(digest)) throw new Error(`not a SHA-256 digest: ${JSON.stringify(digest.slice(0, 80))}`);
    return join(this.dir, digest.slice(0, 2), digest);
  }

  async put(digest: string, bytes: Uint8Array): Promise<void> {
    if (sha256Hex(bytes) !== digest) throw new Error(`blob does not match its digest ${digest}`);
    const path = this.pathOf(digest);
    await mkdir(join(this.dir, digest.slice(0, 2)), { recursive: true, mode: 0o700 });
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, bytes, { mode: 0o600 });
    await rename(temporary, path);
  }

  async get(digest: string): Promise<Uint8Array> {
    const bytes = await readFile(this.pathOf(digest)).catch((err: NodeJS.ErrnoException) => {
      throw new Error(`claim-check blob ${digest} is not in ${this.dir} (${err.code ?? 'unreadable'})`);
    });
    if (sha256Hex(bytes) !== digest) throw new Error(`claim-check blob ${digest} in ${this.dir} is damaged (digest mismatch)`);
    return bytes;
  }
}
