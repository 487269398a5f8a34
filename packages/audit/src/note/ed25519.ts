/**
 * Ed25519 through WebCrypto, which Cloudflare Workers and Node ≥ 20 both implement, so signing and
 * verification behave identically in both runtimes with no extra dependency. Internal.
 */
import { decodeBase64url } from '@need2know/crypto';
import { ED25519_KEY_BYTES, ED25519_SIGNATURE_BYTES } from '../constants.js';
import { buffer, concat } from '../lib/bytes.js';

const ED25519 = { name: 'Ed25519' } as const;

/** RFC 8410 §7 PKCS#8 prefix of an Ed25519 private key; the 32-byte seed follows it. */
const PKCS8_PREFIX = Uint8Array.of(0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20);

/** True when `signature` is a valid Ed25519 signature of `message` under `publicKey`. Never throws on bad bytes. */
export async function ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (publicKey.length !== ED25519_KEY_BYTES || signature.length !== ED25519_SIGNATURE_BYTES) return false;
  try {
    const key = await crypto.subtle.importKey('raw', buffer(publicKey), ED25519, false, ['verify']);
    return await crypto.subtle.verify(ED25519, key, buffer(signature), buffer(message));
  } catch {
    return false; // a public key that is not a curve point
  }
}

/** Imports a 32-byte RFC 8032 seed as a signing key, returning it with its public key. */
export async function ed25519FromSeed(seed: Uint8Array): Promise<{ privateKey: CryptoKey; publicKey: Uint8Array }> {
  if (!(seed instanceof Uint8Array) || seed.length !== ED25519_KEY_BYTES) throw new TypeError('Ed25519 seed must be 32 bytes');
  const extractable = await crypto.subtle.importKey('pkcs8', buffer(concat(PKCS8_PREFIX, seed)), ED25519, true, ['sign']);
  // Typed loosely by some runtimes' declarations (workerd's returns a union); 'jwk' always yields a JWK.
  const jwk = (await crypto.subtle.exportKey('jwk', extractable)) as JsonWebKey;
  const privateKey = await crypto.subtle.importKey('pkcs8', buffer(concat(PKCS8_PREFIX, seed)), ED25519, false, ['sign']);
  const publicKey = decodeBase64url(jwk.x ?? '');
  if (publicKey === undefined) throw new TypeError('the runtime exported an Ed25519 JWK whose x is not base64url');
  return { privateKey, publicKey };
}

/** A fresh Ed25519 key pair as seed and public key bytes. */
export async function ed25519Generate(): Promise<{ seed: Uint8Array; publicKey: Uint8Array }> {
  const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const pkcs8 = new Uint8Array((await crypto.subtle.exportKey('pkcs8', pair.privateKey)) as ArrayBuffer);
  const publicKey = new Uint8Array((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer);
  return { seed: pkcs8.slice(pkcs8.length - ED25519_KEY_BYTES), publicKey };
}

/** Ed25519 signature of `message` with a WebCrypto private key. */
export async function ed25519Sign(privateKey: CryptoKey, message: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign(ED25519, privateKey, buffer(message)));
}
