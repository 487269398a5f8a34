import type { Stores } from '../../store/ports/index.js';
import { verifyAccessToken } from './access-token.js';
import { authenticateCaller } from './caller.js';
import type { Issuer } from './issuer.js';

/**
 * `POST /oauth/revoke` (RFC 7009): authenticates the caller (spending its assertion) and revokes
 * `token` if it is a valid token of the caller, or any token when the caller is a privacy officer.
 * Invalid tokens and tokens of other clients change nothing and are not told apart (RFC 7009 §2.2).
 * Throws {@link OAuthError} when the caller is not authenticated.
 */
export async function revokeToken(
  stores: Pick<Stores, 'registry' | 'replayGuard' | 'signingKeys' | 'revocations'>,
  gateway: Issuer,
  form: ReadonlyMap<string, string>,
  token: string,
  now: number,
): Promise<void> {
  const caller = await authenticateCaller(stores, gateway.publicUrl, form, '/oauth/revoke', now);
  const claims = await verifyAccessToken(stores, gateway, token, now);
  if (claims !== null && (claims.client_id === caller.id || caller.kind === 'privacy_officer')) {
    await stores.revocations.revoke(claims.jti, claims.client_id, now, claims.exp);
  }
}
