/**
 * The envelope shared by sealed fields and wrapped secrets. Internal; the format is in ENVELOPE.md.
 *
 *   <tag>.<keyVersion>.<base64url(nonce ‖ ciphertext ‖ tag)>
 *
 * `tag` names the kind and format version (`n2kf1`, `n2kw1`); `keyVersion` is decimal without
 * leading zeros. Both are also bound into the additional data, so the readable prefix cannot be
 * edited without failing authentication.
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { MAX_ENVELOPE_CHARS, MAX_KEY_VERSION, MAX_PLAINTEXT_BYTES, NONCE_BYTES, TAG_BYTES } from '../constants.js';
import { CryptoError } from '../errors.js';
import type { KeyRing } from '../key-ring.js';
import { decodeBase64url, encodeBase64url } from '../encoding/base64url.js';

/** A structurally valid envelope, not yet authenticated. */
export interface ParsedEnvelope {
  readonly tag: string;
  readonly version: number;
  /** nonce ‖ ciphertext ‖ Poly1305 tag. */
  readonly payload: Uint8Array;
}

const VERSION = /^[1-9][0-9]{0,9}$/;

function malformed(why: string): CryptoError {
  return new CryptoError('ERR_ENVELOPE_MALFORMED', `envelope is malformed: ${why}`);
}

/**
 * Splits and decodes an envelope whose tag is one of `tags`. Checks structure only.
 * @throws CryptoError `ERR_ENVELOPE_MALFORMED`
 */
export function parseEnvelope(envelope: unknown, tags: readonly string[]): ParsedEnvelope {
  if (typeof envelope !== 'string') throw new TypeError('envelope must be a string');
  if (envelope.length > MAX_ENVELOPE_CHARS) throw malformed('too long');
  const first = envelope.indexOf('.');
  const second = first < 0 ? -1 : envelope.indexOf('.', first + 1);
  if (second < 0) throw malformed('expected <tag>.<version>.<payload>');
  const tag = envelope.slice(0, first);
  if (!tags.includes(tag)) throw malformed('unknown kind or format version');
  const versionText = envelope.slice(first + 1, second);
  const version = VERSION.test(versionText) ? Number(versionText) : 0;
  if (version < 1 || version > MAX_KEY_VERSION) throw malformed('bad key version');
  const payload = decodeBase64url(envelope.slice(second + 1));
  if (payload === undefined) throw malformed('payload is not canonical base64url');
  if (payload.length < NONCE_BYTES + TAG_BYTES) throw malformed('payload too short');
  return { tag, version, payload };
}

/** Formats an envelope; `payload` is what {@link sealPayload} returned. */
export function formatEnvelope(tag: string, version: number, payload: Uint8Array): string {
  return `${tag}.${version}.${encodeBase64url(payload)}`;
}

/**
 * Throws unless the ring opens envelopes of `version`.
 * @throws CryptoError `ERR_KEY_VERSION_UNKNOWN`
 */
export function checkAccepted(ring: KeyRing, version: number): void {
  if (!ring.acceptsVersion(version)) {
    throw new CryptoError('ERR_KEY_VERSION_UNKNOWN', 'envelope key version is not accepted by this key ring');
  }
}

/**
 * XChaCha20-Poly1305 under a fresh random 24-byte nonce, written straight into one buffer
 * `nonce ‖ ciphertext ‖ tag`. Random nonces are safe at this size (draft-irtf-cfrg-xchacha-03 §2.1).
 */
export function sealPayload(key: Uint8Array, ad: Uint8Array, plaintext: Uint8Array): Uint8Array {
  if (plaintext.length > MAX_PLAINTEXT_BYTES) throw new TypeError(`plaintext must be at most ${MAX_PLAINTEXT_BYTES} bytes`);
  const payload = new Uint8Array(NONCE_BYTES + plaintext.length + TAG_BYTES);
  const nonce = payload.subarray(0, NONCE_BYTES);
  crypto.getRandomValues(nonce);
  xchacha20poly1305(key, nonce, ad).encrypt(plaintext, payload.subarray(NONCE_BYTES));
  return payload;
}

/**
 * Authenticates and decrypts `nonce ‖ ciphertext ‖ tag`. The tag is checked in constant time before
 * anything is decrypted (RFC 8439 §2.8; constant-time comparison, §4).
 * @throws CryptoError `ERR_ENVELOPE_AUTH`
 */
export function openPayload(key: Uint8Array, ad: Uint8Array, payload: Uint8Array): Uint8Array {
  const nonce = payload.subarray(0, NONCE_BYTES);
  try {
    return xchacha20poly1305(key, nonce, ad).decrypt(payload.subarray(NONCE_BYTES));
  } catch {
    throw new CryptoError('ERR_ENVELOPE_AUTH', 'envelope failed authentication');
  }
}
