import { CLOCK_TOLERANCE } from '../../platform/config.js';
import type { GatewayEnv } from '../../platform/env.js';
import { OAuthError } from '../../platform/errors/oauth-error.js';
import type { Client } from '../../store/d1/clients.js';
import { spendNonces } from '../../store/objects/replay-guard/spend.js';
import { authenticateClient } from './client-auth.js';

/**
 * Authenticates the caller of introspection or revocation by `private_key_jwt` and spends its
 * assertion's `jti` (remembered for as long as the assertion verifies, clock tolerance included).
 * Throws {@link OAuthError} `invalid_client` on a replay.
 */
export async function authenticateCaller(env: GatewayEnv, form: ReadonlyMap<string, string>, endpoint: string, now: number): Promise<Client> {
  const { client, jti, exp } = await authenticateClient(env, form, endpoint, now);
  const replayed = await spendNonces(env, `client:${client.id}`, [{ key: `assertion:${jti}`, expiresAt: exp + CLOCK_TOLERANCE }], now);
  if (replayed !== null) throw new OAuthError('invalid_client', 'assertion jti replayed');
  return client;
}
