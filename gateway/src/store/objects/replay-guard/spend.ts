import type { GatewayEnv } from '../../../env.js';
import type { Nonce } from './replay-guard.js';

/**
 * Spends single-use values in the replay guard of `scope` (a client id or a DPoP key thumbprint).
 * Returns the key of the first one already spent (the request is a replay), or null when all were
 * fresh and are now spent.
 */
export async function spendNonces(env: GatewayEnv, scope: string, nonces: readonly Nonce[], now: number): Promise<string | null> {
  const guard = env.REPLAY_GUARD.get(env.REPLAY_GUARD.idFromName(scope));
  return guard.consume(nonces, now);
}
