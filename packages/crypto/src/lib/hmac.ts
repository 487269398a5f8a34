/**
 * HMAC-SHA256 (RFC 2104, FIPS 198-1), with the key schedule done once per key. Internal.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';

/** A keyed HMAC-SHA256 function: `mac(message)` returns the 32-byte tag. */
export type KeyedMac = (message: Uint8Array) => Uint8Array;

/**
 * Prepares HMAC-SHA256 under `key`. The inner and outer padded-key blocks are hashed once here and
 * cloned per message, which saves two of the four compression calls of a short message.
 */
export function keyedHmacSha256(key: Uint8Array): KeyedMac {
  const keyed = hmac.create(sha256, key);
  return (message) => keyed.clone().update(message).digest();
}
