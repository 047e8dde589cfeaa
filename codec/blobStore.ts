// Where the claim-check codec keeps payloads too large for Temporal: content-addressed blobs,
// named by the SHA-256 of their bytes. Any store that gives these guarantees will do (README,
// Security): a shared one for several machines is needed once workers and clients do not share a
// disk.
export interface BlobStore {
  /** Stores `bytes` under `digest` (their SHA-256, hex); storing the same blob twice is harmless. */
  put(digest: string, bytes: Uint8Array): Promise<void>;
  /** The bytes stored under `digest`; rejects when there are none. */
  get(digest: string): Promise<Uint8Array>;
}
