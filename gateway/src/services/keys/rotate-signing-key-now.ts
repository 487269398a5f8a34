import type { GatewayEnv } from '../../platform/env.js';
import { Problem } from '../../platform/errors/problem.js';
import { commitChange } from '../../store/d1/admin-events.js';
import { listAllKeys, type SigningKeyRow } from '../../store/d1/signing-keys.js';
import { forgetCachedKeys, rotateSigningKey } from './token-signing.js';

export type { SigningKeyRow } from '../../store/d1/signing-keys.js';

/** The gateway's token-signing keys, current and retired (public facts only). */
export function listSigningKeys(db: D1Database): Promise<SigningKeyRow[]> {
  return listAllKeys(db);
}

/**
 * Rotates the token-signing key now, as `actor` asked (logged): the old key stays published until its
 * tokens expire. 409 when another rotation happened at the same time. Returns the keys after it.
 */
export async function rotateSigningKeyNow(env: GatewayEnv, actor: string, now: number): Promise<SigningKeyRow[]> {
  const kid = await rotateSigningKey(env, now);
  if (kid === null) throw new Problem(409, 'conflict', 'Another rotation happened at the same time.');
  forgetCachedKeys();
  const outcome = await commitChange(env.DB, [], { at: now, actor, action: 'signing_key.rotate', targetType: 'signing_key', targetId: kid, detail: {} });
  if (!outcome.ok) throw new Problem(409, 'conflict');
  return listAllKeys(env.DB);
}
