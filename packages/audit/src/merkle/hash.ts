import { sha256 } from '@noble/hashes/sha2.js';
import { concat } from '../lib/bytes.js';
import { assertHash } from '../lib/validate.js';

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/**
 * Leaf hash of one log entry: SHA-256(0x00 ‖ entry bytes). The domain-separation byte keeps a
 * leaf from ever being read as an interior node (second-preimage defence).
 *
 * @example
 * ```ts
 * const h = leafHash(canonicalEntryBytes({ type: 'disclosure', subject: 'hmac:…' }));
 * ```
 */
export function leafHash(entryBytes: Uint8Array): Uint8Array {
  if (!(entryBytes instanceof Uint8Array)) throw new TypeError('leafHash: entry bytes must be a Uint8Array');
  return sha256(concat(LEAF_PREFIX, entryBytes)); // RFC 9162 §2.1.1: MTH({d(0)}) = HASH(0x00 || d(0))
}

/** Interior node hash: SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  assertHash(left, 'nodeHash: left');
  assertHash(right, 'nodeHash: right');
  return sha256(concat(NODE_PREFIX, left, right)); // RFC 9162 §2.1.1: HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n]))
}

/** Root of the empty tree: SHA-256 of the empty string (RFC 9162 §2.1.1: MTH({}) = HASH()). */
export function emptyRoot(): Uint8Array {
  return sha256(new Uint8Array(0));
}
