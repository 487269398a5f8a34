import type { GatewayEnv } from '../../platform/env.js';
import { commitChange } from '../../store/d1/admin-events.js';
import { markKeysShredded } from '../../store/d1/grants.js';
import { shredViewerKeys } from './viewer-seal.js';

/**
 * Destroys every viewer key of a grant that has ended (revoked or expired) and records it: after
 * this, nothing delivered under the grant can be opened in a viewer again. Idempotent: a grant
 * already shredded is left alone.
 */
export async function shredGrantKeys(env: GatewayEnv, grantId: string, now: number, actor: string): Promise<boolean> {
  const destroyed = await shredViewerKeys(env, grantId);
  const outcome = await commitChange(env.DB, [markKeysShredded(env.DB, grantId, now)], {
    at: now,
    actor,
    action: 'grant.shred_keys',
    targetType: 'grant',
    targetId: grantId,
    detail: { keys_destroyed: destroyed },
  });
  return outcome.ok;
}
