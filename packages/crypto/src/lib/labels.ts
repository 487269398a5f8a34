/**
 * Domain-separation labels. Every derived key and every envelope's additional data starts with
 * one of these, so no key or ciphertext of one purpose can stand in for another. Listed in
 * `ENVELOPE.md`; changing one orphans everything sealed under it. Internal.
 */

/** HKDF salt (RFC 5869 §3.1: a non-secret, application-specific constant). */
export const HKDF_SALT = 'need2know/crypto/v1/hkdf-salt';

/** First item of every HKDF `info`: names the scheme and its version. */
export const INFO_SCHEME = 'need2know/crypto/v1';

/** HKDF `info` purpose of field-sealing keys: (field class, key version). */
export const PURPOSE_FIELD = 'field-seal';

/** HKDF `info` purpose of blind-index keys: (record type, search name, index version). */
export const PURPOSE_INDEX = 'blind-index';

/** HKDF `info` purpose of per-agency pseudonym keys: (agency). */
export const PURPOSE_PSEUDONYM = 'pseudonym';

/** HKDF `info` purpose of secret-wrapping keys: (label, key version). */
export const PURPOSE_WRAP = 'secret-wrap';

/** HKDF `info` purpose of the seeds of the gateway's long-term signing keys: (label). */
export const PURPOSE_SIGNING_SEED = 'signing-seed';

/** HKDF `info` purpose of the key-check value: () — a public fingerprint of the root secret. */
export const PURPOSE_KEY_CHECK = 'key-check';

/** Envelope tag of a sealed field: kind `f`, format version 1. Also the first item of its AD. */
export const FIELD_TAG = 'n2kf1';

/** Envelope tag of a wrapped gateway secret: kind `w`, format version 1. Also the first item of its AD. */
export const WRAP_TAG = 'n2kw1';
