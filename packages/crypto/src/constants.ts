/**
 * Sizes and limits of `@need2know/crypto`, in one place with the reason for each.
 * Changing any of these changes what existing envelopes or indexes mean: bump the format version.
 */

/**
 * Minimum length of the root secret in bytes: 32 uniformly random bytes fill the 256-bit PRK of
 * HKDF-SHA256 (RFC 5869 §2.2), the full strength of every derived key.
 */
export const MIN_ROOT_SECRET_BYTES = 32;

/** Length of every derived key in bytes: XChaCha20-Poly1305 and HMAC-SHA256 keys are 256-bit. */
export const DERIVED_KEY_BYTES = 32;

/**
 * Random nonce length of XChaCha20-Poly1305. 192 bits make random nonces safe: a 2^-32 chance of any
 * collision only after 2^64 seals under one key (draft-irtf-cfrg-xchacha-03 §2.1).
 */
export const NONCE_BYTES = 24;

/** Poly1305 tag length (RFC 8439 §2.5). */
export const TAG_BYTES = 16;

/**
 * Largest plaintext a field or wrapped secret may hold. D1 caps a string or row at 2,000,000 bytes;
 * 1 MiB of plaintext becomes ≈ 1.4 MB of base64url, which leaves room for the rest of the row. Media
 * belongs in object storage, with only its reference sealed here.
 */
export const MAX_PLAINTEXT_BYTES = 1024 * 1024;

/** Longest envelope string accepted before any decoding work (guards against oversized input). */
export const MAX_ENVELOPE_CHARS = 16 + Math.ceil(((NONCE_BYTES + MAX_PLAINTEXT_BYTES + TAG_BYTES) * 4) / 3);

/** Largest key version: versions are bound into the additional data as 32-bit unsigned integers. */
export const MAX_KEY_VERSION = 0xffff_ffff;

/**
 * Longest identifier (owner, record type, record id, field name, search name, wrap label, wrap
 * AAD) in UTF-8 bytes. Identifiers name things; anything longer is a caller bug.
 */
export const MAX_IDENTIFIER_BYTES = 255;

/**
 * Blind-index tag length in bytes: 4 bytes (32 bits), 6 base64url characters.
 *
 * At 10 million distinct values a lookup returns on average 10^7 / 2^32 ≈ 0.0023 false candidates,
 * which the gateway discards by decrypting them; the index leaks equality and frequency of values
 * to whoever reads the table, and a longer tag would not leak less. Without the secret index key a
 * database thief cannot test guesses, so a shorter tag buys nothing but extra decryptions. Full
 * justification with figures: `packages/crypto/BLIND-INDEX.md`.
 */
export const BLIND_INDEX_BYTES = 4;

/** Most values one blind index may combine (a search names a handful of fields). */
export const MAX_BLIND_INDEX_VALUES = 8;

/** Longest single normalised value fed to a blind index, in UTF-8 bytes. */
export const MAX_BLIND_INDEX_VALUE_BYTES = 4096;

/** Longest additional data string a wrapped secret may be bound to, in UTF-8 bytes. */
export const MAX_WRAP_AAD_BYTES = 1024;

/**
 * Pseudonym tag length in bytes: 16 (128 bits), 22 base64url characters after `psn_`.
 *
 * Unlike a blind index, a pseudonym is the partner's only handle on a value, so two values must
 * never share one: at 128 bits the chance of any collision among 10^9 values of one agency is
 * about 10^18 / 2^129 ≈ 1.5·10^-21. 128 bits is also half the HMAC-SHA256 output, the floor RFC 2104
 * §5 recommends for a truncated HMAC.
 */
export const PSEUDONYM_BYTES = 16;

/** Longest value fed to a pseudonym, in UTF-8 bytes (names, numbers and record ids are far shorter). */
export const MAX_PSEUDONYM_VALUE_BYTES = 4096;

/**
 * Derived keys cached per ring before the cache is flushed. The schema yields a few dozen keys
 * (classes × live versions, record types × searches, wrap labels); the cap only stops a caller
 * that derives from unbounded input from growing memory without limit.
 */
export const MAX_CACHED_KEYS = 1024;
