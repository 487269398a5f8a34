import type { Stores } from '../../store/ports/index.js';

/**
 * Destroys every viewer key of a grant that has ended (revoked or expired) and records it, with the
 * administrative event `grant.shred_keys` by `actor`: after this, nothing delivered under the grant
 * can be opened in a viewer again. Idempotent: a grant already shredded is left alone (its mark is
 * not moved). Returns whether the record was committed.
 */
export async function shredGrantKeys(stores: Pick<Stores, 'grantKeys' | 'changes'>, grantId: string, now: number, actor: string): Promise<boolean> {
  const destroyed = await stores.grantKeys.of(grantId).shred();
  const outcome = await stores.changes.commit([{ op: 'grant.keys_shredded', grantId, at: now }], {
    at: now,
    actor,
    action: 'grant.shred_keys',
    targetType: 'grant',
    targetId: grantId,
    detail: { keys_destroyed: destroyed },
  });
  return outcome.ok;
}
