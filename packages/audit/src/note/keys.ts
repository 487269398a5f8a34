import { ED25519_KEY_BYTES, NOTE_ALG_ED25519 } from '../constants.js';
import { AuditError } from '../errors.js';
import { concat, equalBytes } from '../lib/bytes.js';
import { decodeBase64, decodeHex, encodeBase64, encodeHex } from '@need2know/crypto';
import { ed25519FromSeed, ed25519Generate, ed25519Sign } from './ed25519.js';
import { noteKeyHash } from './key-hash.js';
import { validKeyName } from './text.js';

/**
 * Anything that can sign a note: the gateway may back this with its own key store, an HSM or a
 * remote signer, as long as it produces Ed25519 signatures matching `publicKey`.
 */
export interface NoteSigner {
  /** Key name written on the signature line, e.g. the log origin. */
  readonly keyName: string;
  /** The 32-byte Ed25519 public key; it fixes the key hash on the signature line. */
  readonly publicKey: Uint8Array;
  /** Ed25519 signature (64 bytes) over `message`, the exact note text. */
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/** A verifier key: name and 32-byte Ed25519 public key, or a signed-note vkey string. */
export type VerifierKey = { readonly keyName: string; readonly publicKey: Uint8Array } | string;

/**
 * A {@link NoteSigner} from a 32-byte Ed25519 seed (RFC 8032 §5.1.5) or a WebCrypto Ed25519
 * private key plus its public key. The seed is imported as a non-extractable key.
 */
export async function ed25519NoteSigner(keyName: string, key: Uint8Array | CryptoKey, publicKey?: Uint8Array): Promise<NoteSigner> {
  if (!validKeyName(keyName)) throw new TypeError('ed25519NoteSigner: invalid key name');
  if (key instanceof Uint8Array) {
    const imported = await ed25519FromSeed(key);
    if (publicKey !== undefined && !equalBytes(publicKey, imported.publicKey)) throw new TypeError('ed25519NoteSigner: public key does not match the seed');
    return { keyName, publicKey: imported.publicKey, sign: (m) => ed25519Sign(imported.privateKey, m) };
  }
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== ED25519_KEY_BYTES)
    throw new TypeError('ed25519NoteSigner: a CryptoKey needs its 32-byte public key');
  const pub = publicKey.slice();
  return { keyName, publicKey: pub, sign: (m) => ed25519Sign(key, m) };
}

/**
 * Signed-note verifier key string `<name>+<key hash hex>+<base64(0x01 ‖ public key)>`
 * (c2sp.org/signed-note, "Verifier keys"), the form to publish for outside auditors.
 */
export function formatVerifierKey(keyName: string, publicKey: Uint8Array): string {
  const hash = noteKeyHash(keyName, publicKey);
  return `${keyName}+${encodeHex(hash)}+${encodeBase64(concat(Uint8Array.of(NOTE_ALG_ED25519), publicKey))}`;
}

/**
 * Parses a vkey string. The key hash in the string must match the name and key.
 *
 * @throws AuditError `ERR_MALFORMED` if it is not an Ed25519 vkey or its hash does not match.
 */
export function parseVerifierKey(vkey: string): { keyName: string; publicKey: Uint8Array } {
  if (typeof vkey !== 'string') throw new TypeError('parseVerifierKey: vkey must be a string');
  // Name and hash hold no '+'; the base64 key may, so split at the first two only.
  const first = vkey.indexOf('+');
  const second = first < 0 ? -1 : vkey.indexOf('+', first + 1);
  const [keyName, hashHex, keyB64] = second < 0 ? [] : [vkey.slice(0, first), vkey.slice(first + 1, second), vkey.slice(second + 1)];
  const hash = hashHex !== undefined && hashHex.length === 8 ? decodeHex(hashHex) : undefined;
  const key = keyB64 === undefined ? undefined : decodeBase64(keyB64);
  if (!validKeyName(keyName) || hash === undefined || key === undefined) {
    throw new AuditError('ERR_MALFORMED', 'verifier key is not <name>+<hash>+<key>');
  }
  if (key.length !== 1 + ED25519_KEY_BYTES || key[0] !== NOTE_ALG_ED25519) throw new AuditError('ERR_MALFORMED', 'verifier key is not an Ed25519 key');
  const publicKey = key.slice(1);
  if (!equalBytes(hash, noteKeyHash(keyName, publicKey))) throw new AuditError('ERR_MALFORMED', 'verifier key hash does not match its name and key');
  return { keyName, publicKey };
}

/** Normalises a {@link VerifierKey} to name and public key. */
export function resolveVerifierKey(key: VerifierKey): { keyName: string; publicKey: Uint8Array } {
  if (typeof key === 'string') return parseVerifierKey(key);
  if (typeof key !== 'object' || key === null) throw new TypeError('verifier key must be { keyName, publicKey } or a vkey string');
  if (!validKeyName(key.keyName)) throw new TypeError('verifier key: invalid key name');
  if (!(key.publicKey instanceof Uint8Array) || key.publicKey.length !== ED25519_KEY_BYTES) throw new TypeError('verifier key: public key must be 32 bytes');
  return { keyName: key.keyName, publicKey: key.publicKey };
}

/**
 * A fresh checkpoint signing key: its 32-byte seed (keep secret; e.g. a Workers secret) and the
 * vkey string to publish.
 */
export async function generateNoteKey(keyName: string): Promise<{ seed: Uint8Array; publicKey: Uint8Array; vkey: string }> {
  if (!validKeyName(keyName)) throw new TypeError('generateNoteKey: invalid key name');
  const { seed, publicKey } = await ed25519Generate();
  return { seed, publicKey, vkey: formatVerifierKey(keyName, publicKey) };
}
