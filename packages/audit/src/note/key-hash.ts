import { sha256 } from '@noble/hashes/sha2.js';
import { ED25519_KEY_BYTES, NOTE_ALG_ED25519, NOTE_KEY_HASH_BYTES } from '../constants.js';
import { concat } from '../lib/bytes.js';
import { validKeyName } from './text.js';

const encoder = new TextEncoder();

/**
 * Signed-note key hash (key ID) of an Ed25519 key: the first 4 bytes of
 * SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ public key) (c2sp.org/signed-note, "Signatures").
 */
export function noteKeyHash(keyName: string, publicKey: Uint8Array): Uint8Array {
  if (!validKeyName(keyName)) throw new TypeError('noteKeyHash: key name must be non-empty with no spaces or "+"');
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== ED25519_KEY_BYTES) throw new TypeError('noteKeyHash: public key must be 32 bytes');
  const digest = sha256(concat(encoder.encode(keyName), Uint8Array.of(0x0a, NOTE_ALG_ED25519), publicKey)); // c2sp.org/signed-note: key ID = SHA-256(name || 0x0A || type || key)[:4]
  return digest.slice(0, NOTE_KEY_HASH_BYTES);
}
