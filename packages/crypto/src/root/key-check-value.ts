import type { KeyRing } from '../key-ring.js';
import { encodeBase64url } from '../encoding/base64url.js';
import { keyCheckBytes } from '../lib/key-state.js';

/** Bytes of the key-check value: 128 bits make an accidental match of two secrets impossible in practice. */
const KEY_CHECK_BYTES = 16;

/**
 * A public fingerprint of the ring's root secret: the first 16 bytes of a key derived under a purpose
 * of its own, as base64url (22 characters). Store it when a gateway first starts; a gateway started
 * later under another secret computes another value and must refuse to run, instead of sealing data
 * and signing checkpoints that the right secret can never open or verify.
 *
 * It reveals nothing usable about the secret or any other derived key (HKDF outputs under distinct
 * `info` are independent, RFC 5869 §3.2), and it does not change with key versions: only replacing
 * the root secret changes it.
 *
 * @example
 * ```ts
 * if (keyCheckValue(ring) !== stored) throw new Error('N2K_ROOT_SECRET is not the secret this gateway was started with');
 * ```
 */
export function keyCheckValue(ring: KeyRing): string {
  const bytes = keyCheckBytes(ring);
  try {
    return encodeBase64url(bytes.subarray(0, KEY_CHECK_BYTES));
  } finally {
    bytes.fill(0);
  }
}
