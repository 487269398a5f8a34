/** SHA-256 output length; every tree hash, root and proof element has this size (RFC 9162 §2.1). */
export const HASH_BYTES = 32;

/** Ed25519 public keys and seeds are 32 bytes, signatures 64 (RFC 8032 §5.1.5, §5.1.6). */
export const ED25519_KEY_BYTES = 32;
export const ED25519_SIGNATURE_BYTES = 64;

/** Signature type byte of Ed25519 in the signed-note key hash and vkey (c2sp.org/signed-note). */
export const NOTE_ALG_ED25519 = 0x01;

/** Key hash (key ID) length prefixed to every signed-note signature (c2sp.org/signed-note). */
export const NOTE_KEY_HASH_BYTES = 4;

/**
 * Most signature lines a note may carry before it is refused as malformed: a cap on the work an
 * untrusted note can cause (Go's golang.org/x/mod/sumdb/note uses 100 as well).
 */
export const MAX_NOTE_SIGNATURES = 100;

/** Largest tree size handled: sizes are JS numbers, exact up to 2^53 − 1. */
export const MAX_TREE_SIZE = Number.MAX_SAFE_INTEGER;

/** `format` tag of an audit export (FORMAT.md). Bump on any incompatible change. */
export const EXPORT_FORMAT = 'need2know-audit-export/v1';
