import type { GatewayEnv } from '../../platform/env.js';
import { insertRevocation } from '../../store/d1/revocations.js';
import { verifyAccessToken } from './access-token.js';
import { authenticateCaller } from './caller.js';

/**
 * `POST /oauth/revoke` (RFC 7009): authenticates the caller (spending its assertion) and revokes
 * `token` if it is a valid token of the caller, or any token when the caller is a privacy officer.
 * Invalid tokens and tokens of other clients change nothing and are not told apart (RFC 7009 §2.2).
 * Throws {@link OAuthError} when the caller is not authenticated.
 */
export async function revokeToken(env: GatewayEnv, form: ReadonlyMap<string, string>, token: string, now: number): Promise<void> {
  const caller = await authenticateCaller(env, form, '/oauth/revoke', now);
  const claims = await verifyAccessToken(env, token, now);
  if (claims !== null && (claims.client_id === caller.id || caller.kind === 'privacy_officer')) {
    await insertRevocation(env.DB, claims.jti, claims.client_id, now, claims.exp).run();
  }
}
