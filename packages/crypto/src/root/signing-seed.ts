import type { KeyRing } from '../key-ring.js';
import { signingSeedBytes } from '../lib/key-state.js';
import { checkLabel } from '../lib/wrap-ad.js';

/**
 * The 32-byte seed of one of the gateway's long-term signing keys (an Ed25519 private key seed, RFC
 * 8032 §5.1.5), derived from the ring's root secret under its own purpose and `label`
 * (`[a-z0-9][a-z0-9_.:-]{0,63}`, e.g. `audit-checkpoint`). The same secret always gives the same
 * key, so a key that must stay stable for years (the audit log's checkpoint key, whose public half
 * outsiders pin) needs no storage; and since it comes from a ring, a root secret shorter than 32
 * bytes never signs anything.
 *
 * Security guidance: the seed is private key material. Import it into a signer at once and wipe
 * the returned buffer; never log or store it. Use one label per key and never reuse a label for
 * another purpose.
 *
 * @throws TypeError on a bad label.
 *
 * @example
 * ```ts
 * const seed = signingSeed(ring, 'audit-checkpoint');
 * const signer = ed25519NoteSigner(origin, seed);
 * seed.fill(0);
 * ```
 */
export function signingSeed(ring: KeyRing, label: string): Uint8Array {
  return signingSeedBytes(ring, checkLabel(label));
}
