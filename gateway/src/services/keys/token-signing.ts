import { envelopeKeyVersion, unwrapSecret, wrapSecret } from '@need2know/crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { CLOCK_TOLERANCE, GATEWAY_SIGNING_ALG, KEYSET_CACHE_MS, MAX_ACCESS_TOKEN_LIFETIME, SIGNING_KEY_ROTATION_AGE } from '../../platform/config.js';
import type { GatewayEnv } from '../../platform/env.js';
import { insertFirstActiveKey, listPublishedKeys, replaceActiveKey, type SigningKeyRow } from '../../store/d1/signing-keys.js';
import { keyRing, keyRingOpening } from './key-ring.js';

/** Label under which signing keys are wrapped (domain separation from every other secret). */
export const SIGNING_KEY_WRAP_LABEL = 'token-signing-key';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The published keys, cached briefly per isolate. */
let published: { at: number; keys: SigningKeyRow[] } | undefined;
const privateKeys = new Map<string, CryptoKey>();

type NewKey = Omit<SigningKeyRow, 'status' | 'retiredAt' | 'publishUntil'>;

/** A fresh Ed25519 key pair, its private half wrapped under the root-derived wrapping key. */
async function newWrappedKey(env: GatewayEnv, now: number): Promise<NewKey> {
  const { publicKey, privateKey } = await generateKeyPair(GATEWAY_SIGNING_ALG, { crv: 'Ed25519', extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
  const privateJwk = await exportJWK(privateKey);
  const wrappedPrivate = wrapSecret(await keyRing(env), SIGNING_KEY_WRAP_LABEL, encoder.encode(JSON.stringify(privateJwk)), kid);
  return { kid, alg: GATEWAY_SIGNING_ALG, publicJwk: { ...publicJwk, kid, alg: GATEWAY_SIGNING_ALG, use: 'sig' }, wrappedPrivate, createdAt: now };
}

/** Forgets cached keys, so the next call reads D1 (after a rotation, and in tests). */
export function forgetCachedKeys(): void {
  published = undefined;
}

/** The keys to publish in the JWKS at `now`, creating the first key if there is none. */
export async function publishedKeys(env: GatewayEnv, now: number): Promise<SigningKeyRow[]> {
  if (published !== undefined && Date.now() - published.at < KEYSET_CACHE_MS && published.keys.some((k) => k.status === 'active')) {
    return published.keys;
  }
  let keys = await listPublishedKeys(env.DB, now);
  if (!keys.some((k) => k.status === 'active')) {
    await insertFirstActiveKey(env.DB, await newWrappedKey(env, now));
    keys = await listPublishedKeys(env.DB, now);
  }
  published = { at: Date.now(), keys };
  return keys;
}

/** The active signing key: its `kid` and the (non-extractable) private key. */
export async function activeSigningKey(env: GatewayEnv, now: number): Promise<{ kid: string; key: CryptoKey }> {
  const active = (await publishedKeys(env, now)).find((k) => k.status === 'active');
  if (active === undefined) throw new Error('no active signing key');
  let key = privateKeys.get(active.kid);
  if (key === undefined) {
    const jwk = JSON.parse(
      decoder.decode(
        unwrapSecret(await keyRingOpening(env, [envelopeKeyVersion(active.wrappedPrivate)]), SIGNING_KEY_WRAP_LABEL, active.wrappedPrivate, active.kid),
      ),
    ) as JWK;
    key = (await importJWK(jwk, GATEWAY_SIGNING_ALG, { extractable: false })) as CryptoKey;
    privateKeys.set(active.kid, key);
  }
  return { kid: active.kid, key };
}

/**
 * Rotates the signing key: a new key signs from now on; the old one stays published until every
 * token it signed has expired. Returns the new `kid`, or null when a concurrent rotation won.
 */
export async function rotateSigningKey(env: GatewayEnv, now: number): Promise<string | null> {
  const current = (await listPublishedKeys(env.DB, now)).find((k) => k.status === 'active');
  const next = await newWrappedKey(env, now);
  if (current === undefined) return (await insertFirstActiveKey(env.DB, next)) ? next.kid : null;
  const ok = await replaceActiveKey(env.DB, current.kid, now + MAX_ACCESS_TOKEN_LIFETIME + CLOCK_TOLERANCE, next);
  forgetCachedKeys();
  return ok ? next.kid : null;
}

/** Rotates when the active key is older than {@link SIGNING_KEY_ROTATION_AGE}; for the scheduled job. */
export async function rotateSigningKeyIfDue(env: GatewayEnv, now: number): Promise<string | null> {
  const active = (await listPublishedKeys(env.DB, now)).find((k) => k.status === 'active');
  if (active !== undefined && now - active.createdAt < SIGNING_KEY_ROTATION_AGE) return null;
  return rotateSigningKey(env, now);
}
