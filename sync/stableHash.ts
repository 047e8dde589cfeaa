// A short, stable digest for names. Pure arithmetic on purpose: it must give the same answer in
// the CLI, in an activity and inside the workflow sandbox, so no node:crypto. Not for security.

const MASK = (1n << 64n) - 1n;
const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;

/** FNV-1a over UTF-16 code units, then a 64-bit finaliser so that similar inputs spread apart. */
function digest64(text: string): bigint {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    hash = ((hash ^ BigInt(text.charCodeAt(i))) * FNV_PRIME) & MASK;
  }
  hash = ((hash ^ (hash >> 33n)) * 0xff51afd7ed558ccdn) & MASK;
  hash = ((hash ^ (hash >> 33n)) * 0xc4ceb9fe1a85ec53n) & MASK;
  return hash ^ (hash >> 33n);
}

/** `length` base-36 characters (at most 12), lower case, so they fit any DNS-1123 name. */
export function stableHash(text: string, length: number): string {
  // The low-order digits: the leading base-36 digit of a 64-bit number is not evenly spread.
  return digest64(text).toString(36).padStart(13, '0').slice(-Math.min(length, 12));
}
