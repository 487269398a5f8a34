import { CLOCK_TOLERANCE } from '../../platform/config.js';
import { OAuthError } from '../../platform/errors/oauth-error.js';
import type { Client, Stores } from '../../store/ports/index.js';
import { authenticateClient } from './client-auth.js';

/**
 * Authenticates the caller of introspection or revocation by `private_key_jwt` and spends its
 * assertion's `jti` in the client's replay guard (remembered for as long as the assertion verifies,
 * clock tolerance included). Throws {@link OAuthError} `invalid_client` on a replay.
 */
export async function authenticateCaller(
  stores: Pick<Stores, 'registry' | 'replayGuard'>,
  publicUrl: string,
  form: ReadonlyMap<string, string>,
  endpoint: string,
  now: number,
): Promise<Client> {
  const { client, jti, exp } = await authenticateClient(stores, publicUrl, form, endpoint, now);
  const replayed = await stores.replayGuard.spend(`client:${client.id}`, [{ key: `assertion:${jti}`, expiresAt: exp + CLOCK_TOLERANCE }], now);
  if (replayed !== null) throw new OAuthError('invalid_client', 'assertion jti replayed');
  return client;
}
