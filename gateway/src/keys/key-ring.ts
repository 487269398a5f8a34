import { KeyRing } from '@need2know/crypto';
import type { GatewayEnv } from '../env.js';

let cached: { secret: string; ring: KeyRing } | undefined;

/**
 * The key ring derived from the Worker secret `N2K_ROOT_SECRET`, built once per isolate. Fails
 * closed: without a root secret nothing can be sealed or opened.
 */
export function keyRing(env: GatewayEnv): KeyRing {
  const secret = env.N2K_ROOT_SECRET;
  if (typeof secret !== 'string' || secret.length === 0) throw new Error('N2K_ROOT_SECRET is not set');
  if (cached?.secret !== secret) cached = { secret, ring: KeyRing.fromBase64url(secret, { currentVersion: 1 }) };
  return cached.ring;
}
