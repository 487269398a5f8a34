/**
 * @need2know/crypto: field-level encryption at rest, the key hierarchy, wrapping of the gateway's
 * own secrets, blind indexes for equality search, and per-agency pseudonyms. Pure functions, no
 * I/O; runs unchanged in Cloudflare Workers and Node 20. Formats and derivation labels:
 * ENVELOPE.md. Index length: BLIND-INDEX.md.
 */
export { BLIND_INDEX_BYTES, MAX_IDENTIFIER_BYTES, MAX_KEY_VERSION, MAX_PLAINTEXT_BYTES, MIN_ROOT_SECRET_BYTES, PSEUDONYM_BYTES } from './constants.js';
export { decodeBase64, encodeBase64 } from './encoding/base64.js';
export { decodeBase64url, encodeBase64url } from './encoding/base64url.js';
export { decodeHex, encodeHex } from './encoding/hex.js';
export { CryptoError } from './errors.js';
export type { CryptoErrorCode } from './errors.js';
export { envelopeKeyVersion } from './field/key-version.js';
export { openFieldText } from './field/open-text.js';
export { openField } from './field/open.js';
export { rewrapField } from './field/rewrap.js';
export { sealField } from './field/seal.js';
export { KeyRing } from './key-ring.js';
export type { KeyRingOptions } from './key-ring.js';
export {
  NATIONAL_ID_DIGITS,
  PHONE_NSN_DIGITS,
  normaliseDate,
  normaliseName,
  normaliseNationalId,
  normalisePhone,
} from './normalise.js';
export { pseudonym } from './pseudonym/pseudonym.js';
export { keyCheckValue } from './root/key-check-value.js';
export { signingSeed } from './root/signing-seed.js';
export { blindIndex } from './search/blind-index.js';
export { rewrapSecret } from './secret/rewrap.js';
export { unwrapSecret } from './secret/unwrap.js';
export { wrapSecret } from './secret/wrap.js';
export type { BlindIndexScope, FieldContext, PseudonymScope } from './types.js';
