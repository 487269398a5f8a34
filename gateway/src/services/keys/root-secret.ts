import { CryptoError, envelopeKeyVersion, keyCheckValue, KeyRing, MIN_ROOT_SECRET_BYTES, unwrapSecret } from '@need2know/crypto';
import type { KeyCheckState, SecretState } from '@need2know/policy';
import type { Stores } from '../../store/ports/index.js';
import { SIGNING_KEY_WRAP_LABEL } from './token-signing.js';

/**
 * What the root secret looks like, and its key ring when it is usable: set, base64url without
 * padding, at least {@link MIN_ROOT_SECRET_BYTES} bytes (the key ring's own check decides).
 */
export function inspectRootSecret(secret: unknown): { readonly state: SecretState; readonly ring?: KeyRing; readonly secret?: string } {
  if (typeof secret !== 'string' || secret.trim() === '') return { state: 'missing' };
  const text = secret.trim();
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return { state: 'malformed' };
  if (Math.floor((text.length * 3) / 4) < MIN_ROOT_SECRET_BYTES) return { state: 'weak' };
  try {
    return { state: 'ok', ring: KeyRing.fromBase64url(text, { currentVersion: 1 }), secret: text };
  } catch {
    return { state: 'malformed' };
  }
}

/**
 * True unless a secret the store already holds (a wrapped token-signing key) fails to open under
 * `ring`: a store that predates key checks is still protected from a wrong secret on its first
 * check. An empty store says nothing against the secret.
 */
async function opensStoredSecrets(stores: Pick<Stores, 'signingKeys'>, secret: string): Promise<boolean> {
  const key = await stores.signingKeys.oldestWrappedKey();
  if (key === null) return true;
  try {
    const ring = KeyRing.fromBase64url(secret, { currentVersion: envelopeKeyVersion(key.wrappedPrivate) });
    unwrapSecret(ring, SIGNING_KEY_WRAP_LABEL, key.wrappedPrivate, key.kid).fill(0);
    return true;
  } catch (err) {
    if (err instanceof CryptoError && err.code === 'ERR_ENVELOPE_AUTH') return false;
    throw err;
  }
}

/**
 * Compares the (usable) root secret's key-check value with the one stored at first start (`key_check`),
 * storing it when there is none yet. Never throws: storage that cannot answer is `unknown`.
 */
export async function observeKeyCheck(
  stores: Pick<Stores, 'keyState' | 'signingKeys'>,
  inspected: { readonly ring: KeyRing; readonly secret: string },
  now: number,
): Promise<KeyCheckState> {
  try {
    const value = keyCheckValue(inspected.ring);
    const stored = await stores.keyState.keyCheck();
    if (stored !== null) return stored === value ? 'matches' : 'mismatch';
    if (!(await opensStoredSecrets(stores, inspected.secret))) return 'mismatch';
    await stores.keyState.storeKeyCheckIfMissing(value, now);
    // Two first starts may race: whichever stored first decides.
    return (await stores.keyState.keyCheck()) === value ? 'stored' : 'mismatch';
  } catch (err) {
    console.error('key check could not be read', err instanceof Error ? err.message : String(err));
    return 'unknown';
  }
}
