import type { KeyRing } from '../key-ring.js';
import { checkAccepted, openPayload, parseEnvelope } from '../lib/envelope.js';
import { wrapKey } from '../lib/key-state.js';
import { WRAP_TAG } from '../lib/labels.js';
import { checkLabel, wrapAdditionalData } from '../lib/wrap-ad.js';

const TAGS = [WRAP_TAG];

/**
 * Unwraps a secret made by {@link wrapSecret}, with the same `label` and `aad`.
 *
 * Security guidance: the returned buffer is the secret itself; import it (e.g. into WebCrypto as
 * non-extractable) and wipe it with `fill(0)` as soon as possible.
 *
 * @throws CryptoError `ERR_ENVELOPE_MALFORMED`, `ERR_KEY_VERSION_UNKNOWN`, `ERR_ENVELOPE_AUTH`
 * (tampered, or wrapped under another label or aad).
 * @throws TypeError on a bad label or aad, or a non-string envelope.
 */
export function unwrapSecret(ring: KeyRing, label: string, envelope: string, aad?: string): Uint8Array {
  checkLabel(label);
  const { version, payload } = parseEnvelope(envelope, TAGS);
  const ad = wrapAdditionalData(label, aad, version);
  checkAccepted(ring, version);
  return openPayload(wrapKey(ring, label, version), ad, payload);
}
