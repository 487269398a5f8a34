import { Problem } from '../../platform/errors/problem.js';
import type { Stores } from '../../store/ports/index.js';
import type { SigningKey } from '../../store/ports/keys.js';
import type { KeyRingSource } from './key-ring.js';
import { forgetCachedKeys, publishedKeys, rotateSigningKey } from './token-signing.js';

/** A token-signing key as administration lists it (the wrapped private half is never answered). */
export type SigningKeyRow = SigningKey;

/** The gateway's token-signing keys, current and retired (public facts only). */
export function listSigningKeys(stores: Pick<Stores, 'signingKeys'>): Promise<SigningKeyRow[]> {
  return stores.signingKeys.allKeys();
}

/**
 * Rotates the token-signing key now, as `actor` asked: the rotation and its administrative event are
 * one transaction. The old key stays published until its tokens expire. 409 when another rotation
 * happened at the same time (nothing changed). Returns the keys after it.
 */
export async function rotateSigningKeyNow(stores: Pick<Stores, 'signingKeys'>, keys: KeyRingSource, actor: string, now: number): Promise<SigningKeyRow[]> {
  // A gateway that never signed has no key yet: the first one is made as any first use makes it, then rotated.
  await publishedKeys(stores, keys, now);
  const kid = await rotateSigningKey(stores, keys, now, actor);
  if (kid === null) throw new Problem(409, 'conflict', 'Another rotation happened at the same time.');
  forgetCachedKeys();
  return stores.signingKeys.allKeys();
}
