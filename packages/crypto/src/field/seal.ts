import { utf8Strict } from '../lib/bytes.js';
import { formatEnvelope, sealPayload } from '../lib/envelope.js';
import { fieldAdditionalData } from '../lib/field-ad.js';
import { fieldKey } from '../lib/key-state.js';
import { FIELD_TAG } from '../lib/labels.js';
import type { KeyRing } from '../key-ring.js';
import type { FieldContext } from '../types.js';

/**
 * Seals one field value for storage (e.g. a D1 TEXT column) with XChaCha20-Poly1305 under the key
 * of `ctx.fieldClass` at the ring's current version, with a fresh random nonce.
 *
 * The envelope opens only with the same owner, record type, record id, field, field class and key
 * version: copying it into another row or column makes {@link openField} fail with
 * `ERR_ENVELOPE_AUTH`. Strings are encoded as UTF-8.
 *
 * Security guidance: AEAD hides content, not length. The envelope length reveals the plaintext
 * length exactly; pad values whose length is itself sensitive before sealing. Seal on ingest,
 * before the value touches storage or logs.
 *
 * @returns `n2kf1.<keyVersion>.<base64url(nonce ‖ ciphertext ‖ tag)>` (ASCII).
 * @throws TypeError on a malformed context, a string with unpaired surrogates, or a plaintext over
 * 1 MiB.
 *
 * @example
 * ```ts
 * const ctx = { owner: 'police', recordType: 'person', recordId: id, field: 'phone', fieldClass: 'contact' };
 * row.phone = sealField(ring, ctx, '+85512345678');
 * ```
 */
export function sealField(ring: KeyRing, ctx: FieldContext, plaintext: Uint8Array | string): string {
  const version = ring.currentVersion;
  const { fieldClass, ad } = fieldAdditionalData(ctx, version);
  let bytes: Uint8Array | undefined;
  if (typeof plaintext === 'string') {
    bytes = utf8Strict(plaintext);
    if (bytes === undefined) throw new TypeError('plaintext must be well-formed Unicode');
  } else if (plaintext instanceof Uint8Array) {
    bytes = plaintext;
  } else {
    throw new TypeError('plaintext must be a Uint8Array or a string');
  }
  const payload = sealPayload(fieldKey(ring, fieldClass, version), ad, bytes);
  return formatEnvelope(FIELD_TAG, version, payload);
}
