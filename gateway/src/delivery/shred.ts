import type { GatewayEnv } from '../env.js';
import { commitChange } from '../store/d1/admin-events.js';
import { shredViewerKeys } from './viewer-seal.js';

/**
 * Destroys every viewer key of a grant that has ended (revoked or expired) and records it: after
 * this, nothing delivered under the grant can be opened in a viewer again. Idempotent: a grant
 * already shredded is left alone.
 */
export async function shredGrantKeys(env: GatewayEnv, grantId: string, now: number, actor: string): Promise<boolean> {
  const destroyed = await shredViewerKeys(env, grantId);
  const outcome = await commitChange(
    env.DB,
    [env.DB.prepare("UPDATE grants SET keys_shredded_at = ? WHERE id = ? AND keys_shredded_at IS NULL AND status IN ('revoked', 'expired')").bind(now, grantId)],
    { at: now, actor, action: 'grant.shred_keys', targetType: 'grant', targetId: grantId, detail: { keys_destroyed: destroyed } },
  );
  return outcome.ok;
}

/** Ended grants whose viewer keys have not been destroyed yet (for the scheduled job). */
export async function grantsToShred(db: D1Database, limit: number): Promise<string[]> {
  const { results } = await db.prepare("SELECT id FROM grants WHERE status IN ('revoked', 'expired') AND keys_shredded_at IS NULL ORDER BY updated_at LIMIT ?").bind(limit).all<{ id: string }>();
  return results.map((r) => r.id);
}
