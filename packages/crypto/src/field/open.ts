import { checkAccepted, openPayload, parseEnvelope } from '../lib/envelope.js';
import { fieldAdditionalData } from '../lib/field-ad.js';
import { fieldKey } from '../lib/key-state.js';
import { FIELD_TAG } from '../lib/labels.js';
import type { KeyRing } from '../key-ring.js';
import type { FieldContext } from '../types.js';

const TAGS = [FIELD_TAG];

/**
 * Opens a field envelope made by {@link sealField}, under the key of `ctx.fieldClass` at the
 * version the envelope names, which the ring must accept.
 *
 * Security guidance: pass the context of where the envelope was read from (the row's owner, type
 * and id and the column's field and class), never values taken from the envelope or the request.
 * Fail closed on any error: do not fall back to another version, class or context.
 *
 * @returns The plaintext bytes (use {@link openFieldText} for strings).
 * @throws CryptoError `ERR_ENVELOPE_MALFORMED` (not a field envelope), `ERR_KEY_VERSION_UNKNOWN`
 * (version outside the ring's accepted range), `ERR_ENVELOPE_AUTH` (tampered, or sealed for another
 * context or key).
 * @throws TypeError on a malformed context or a non-string envelope.
 */
export function openField(ring: KeyRing, ctx: FieldContext, envelope: string): Uint8Array {
  const { version, payload } = parseEnvelope(envelope, TAGS);
  const { fieldClass, ad } = fieldAdditionalData(ctx, version);
  checkAccepted(ring, version);
  return openPayload(fieldKey(ring, fieldClass, version), ad, payload);
}
