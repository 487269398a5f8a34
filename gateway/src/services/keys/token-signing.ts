import { envelopeKeyVersion, unwrapSecret, wrapSecret } from '@need2know/crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { CLOCK_TOLERANCE, GATEWAY_SIGNING_ALG, KEYSET_CACHE_MS, MAX_ACCESS_TOKEN_LIFETIME, SIGNING_KEY_ROTATION_AGE } from '../../platform/config.js';
import type { Stores } from '../../store/ports/index.js';
import type { NewSigningKey, SigningKey } from '../../store/ports/keys.js';
import { keyRing, keyRingOpening, type KeyRingSource } from './key-ring.js';

/** The actor of changes the scheduled job makes on its own (as expiring grants and shredding their keys are logged). */
const SCHEDULED_ACTOR = 'system';

/** Label under which signing keys are wrapped (domain separation from every other secret). */
export const SIGNING_KEY_WRAP_LABEL = 'token-signing-key';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The published keys, cached briefly per isolate. */
let published: { at: number; keys: SigningKey[] } | undefined;
const privateKeys = new Map<string, CryptoKey>();

/** A fresh Ed25519 key pair, its private half wrapped under the root-derived wrapping key. */
async function newWrappedKey(keys: KeyRingSource, now: number): Promise<NewSigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(GATEWAY_SIGNING_ALG, { crv: 'Ed25519', extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
  const privateJwk = await exportJWK(privateKey);
  const wrappedPrivate = wrapSecret(await keyRing(keys), SIGNING_KEY_WRAP_LABEL, encoder.encode(JSON.stringify(privateJwk)), kid);
  return { kid, alg: GATEWAY_SIGNING_ALG, publicJwk: { ...publicJwk, kid, alg: GATEWAY_SIGNING_ALG, use: 'sig' }, wrappedPrivate, createdAt: now };
}

/** Forgets cached keys, so the next call reads storage (after a rotation, and in tests). */
export function forgetCachedKeys(): void {
  published = undefined;
}

/** The keys to publish in the JWKS at `now`, creating the first key (wrapped under `keys`) if there is none. */
export async function publishedKeys(stores: Pick<Stores, 'signingKeys'>, keys: KeyRingSource, now: number): Promise<SigningKey[]> {
  if (published !== undefined && Date.now() - published.at < KEYSET_CACHE_MS && published.keys.some((k) => k.status === 'active')) {
    return published.keys;
  }
  let listed = await stores.signingKeys.publishedKeys(now);
  if (!listed.some((k) => k.status === 'active')) {
    await stores.signingKeys.insertFirstActive(await newWrappedKey(keys, now));
    listed = await stores.signingKeys.publishedKeys(now);
  }
  published = { at: Date.now(), keys: listed };
  return listed;
}

/** The active signing key: its `kid` and the (non-extractable) private key, unwrapped under `keys`. */
export async function activeSigningKey(stores: Pick<Stores, 'signingKeys'>, keys: KeyRingSource, now: number): Promise<{ kid: string; key: CryptoKey }> {
  const active = (await publishedKeys(stores, keys, now)).find((k) => k.status === 'active');
  if (active === undefined) throw new Error('no active signing key');
  let key = privateKeys.get(active.kid);
  if (key === undefined) {
    const jwk = JSON.parse(
      decoder.decode(
        unwrapSecret(await keyRingOpening(keys, [envelopeKeyVersion(active.wrappedPrivate)]), SIGNING_KEY_WRAP_LABEL, active.wrappedPrivate, active.kid),
      ),
    ) as JWK;
    key = (await importJWK(jwk, GATEWAY_SIGNING_ALG, { extractable: false })) as CryptoKey;
    privateKeys.set(active.kid, key);
  }
  return { kid: active.kid, key };
}

/**
 * Rotates the signing key: a new key signs from now on; the old one stays published until every
 * token it signed has expired. With `actor`, the administrative event `signing_key.rotate` is
 * committed in the same transaction as the rotation. Returns the new `kid`, or null when a
 * concurrent rotation won (then nothing changed or was logged).
 */
export async function rotateSigningKey(stores: Pick<Stores, 'signingKeys'>, keys: KeyRingSource, now: number, actor?: string): Promise<string | null> {
  const current = (await stores.signingKeys.publishedKeys(now)).find((k) => k.status === 'active');
  const next = await newWrappedKey(keys, now);
  if (current === undefined) return (await stores.signingKeys.insertFirstActive(next)) ? next.kid : null;
  const event = actor === undefined ? undefined : { at: now, actor, action: 'signing_key.rotate', targetType: 'signing_key', targetId: next.kid, detail: {} };
  const ok = await stores.signingKeys.replaceActive(current.kid, now + MAX_ACCESS_TOKEN_LIFETIME + CLOCK_TOLERANCE, next, event);
  forgetCachedKeys();
  return ok ? next.kid : null;
}

/**
 * Rotates when the active key is older than {@link SIGNING_KEY_ROTATION_AGE}, for the scheduled job:
 * the rotation is logged like an officer's, by `system`, in the same transaction.
 */
export async function rotateSigningKeyIfDue(stores: Pick<Stores, 'signingKeys'>, keys: KeyRingSource, now: number): Promise<string | null> {
  const active = (await stores.signingKeys.publishedKeys(now)).find((k) => k.status === 'active');
  if (active !== undefined && now - active.createdAt < SIGNING_KEY_ROTATION_AGE) return null;
  return rotateSigningKey(stores, keys, now, SCHEDULED_ACTOR);
}
