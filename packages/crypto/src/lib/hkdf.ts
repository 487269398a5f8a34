/**
 * HKDF-SHA256 (RFC 5869), the only key-derivation function of the key ring. Internal.
 *
 * The ring runs Extract once at construction and Expand once per derived key (then caches it), so
 * the published vectors in `vectors.test.ts` exercise exactly these two calls.
 */
import { expand, extract } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';

/** HKDF-Extract (RFC 5869 §2.2): PRK = HMAC-SHA256(salt, IKM). */
export function hkdfExtract(ikm: Uint8Array, salt: Uint8Array): Uint8Array {
  return extract(sha256, ikm, salt);
}

/** HKDF-Expand (RFC 5869 §2.3): OKM of `length` bytes from PRK and `info`. */
export function hkdfExpand(prk: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  return expand(sha256, prk, info, length);
}

/** Extract-then-Expand (RFC 5869 §2), as one call. */
export function hkdfSha256(ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  return hkdfExpand(hkdfExtract(ikm, salt), info, length);
}
