import type { KeyRing } from '../key-ring.js';
import { formatEnvelope, sealPayload } from '../lib/envelope.js';
import { wrapKey } from '../lib/key-state.js';
import { WRAP_TAG } from '../lib/labels.js';
import { checkLabel, wrapAdditionalData } from '../lib/wrap-ad.js';

/**
 * Wraps one of the gateway's own secrets (a signing private key, a per-grant viewer key) for
 * storage, with XChaCha20-Poly1305 under the wrapping key of `label` at the ring's current version.
 *
 * `label` names the kind of secret and selects the key (`[a-z0-9][a-z0-9_.:-]{0,63}`, e.g.
 * `signing_key`); `aad` binds the instance (a `kid`, a grant id), so a wrapped secret cannot be
 * swapped for another of the same kind. Wrapping keys are separate from field keys: a wrapped
 * secret never opens as a field, nor the reverse.
 *
 * Security guidance: destroying a secret (crypto-shredding a grant's viewer key) means deleting
 * every copy of its envelope; the wrapping key stays, so the envelope is the secret. Wipe the
 * plaintext buffer after wrapping when it is no longer needed.
 *
 * @returns `n2kw1.<keyVersion>.<base64url(nonce ‖ ciphertext ‖ tag)>` (ASCII).
 * @throws TypeError on a bad label, aad or plaintext.
 *
 * @example
 * ```ts
 * const stored = wrapSecret(ring, 'viewer_key', rawKey, `grant:${grantId}`);
 * ```
 */
export function wrapSecret(ring: KeyRing, label: string, plaintext: Uint8Array, aad?: string): string {
  checkLabel(label);
  if (!(plaintext instanceof Uint8Array)) throw new TypeError('plaintext must be a Uint8Array');
  const version = ring.currentVersion;
  const ad = wrapAdditionalData(label, aad, version);
  return formatEnvelope(WRAP_TAG, version, sealPayload(wrapKey(ring, label, version), ad, plaintext));
}
