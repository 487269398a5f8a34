/** `viewer_reveals`: each protected photo an officer revealed from a view, with the reason (stored sealed). */
import type { StoredReveal } from '../ports/oversight.js';
import type { NewReveal } from '../ports/viewer.js';

export type { StoredReveal } from '../ports/oversight.js';

/** A new reveal, its reason already sealed at `keyVersion` (declared with the viewer's port). */
export type { NewReveal } from '../ports/viewer.js';

/** The reason of a reveal as it is re-wrapped: its id, the stored text and its key version. */
export interface StoredReason {
  readonly id: string;
  readonly reason: string;
  readonly keyVersion: number;
}

export async function insertReveal(db: D1Database, r: NewReveal): Promise<void> {
  await db
    .prepare(
      'INSERT INTO viewer_reveals (id, at, view_id, officer_id, grant_id, media_hash, reason, key_version, log_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .bind(r.id, r.at, r.viewId, r.officerId, r.grantId, r.mediaHash, r.reason, r.keyVersion, r.logIndex)
    .run();
}

/** The reveals made from view `viewId`, oldest first. */
export async function listRevealsOfView(db: D1Database, viewId: string): Promise<StoredReveal[]> {
  const { results } = await db
    .prepare('SELECT id, at, reason, key_version, log_index FROM viewer_reveals WHERE view_id = ? ORDER BY at')
    .bind(viewId)
    .all<{ id: string; at: number; reason: string; key_version: number; log_index: number }>();
  return results.map((r) => ({ id: r.id, at: r.at, reason: r.reason, keyVersion: r.key_version, logIndex: r.log_index }));
}

/** Up to `limit` reasons stored below key version `below`. */
export async function reasonsBelow(db: D1Database, below: number, limit: number): Promise<StoredReason[]> {
  const { results } = await db
    .prepare('SELECT id, reason, key_version FROM viewer_reveals WHERE key_version < ? LIMIT ?')
    .bind(below, limit)
    .all<{ id: string; reason: string; key_version: number }>();
  return results.map((r) => ({ id: r.id, reason: r.reason, keyVersion: r.key_version }));
}

/** Statement replacing the reason of reveal `id` by `sealed` at `keyVersion`, only if it still holds `was`. */
export function replaceReasonStatement(db: D1Database, id: string, was: string, sealed: string, keyVersion: number): D1PreparedStatement {
  return db.prepare('UPDATE viewer_reveals SET reason = ?, key_version = ? WHERE id = ? AND reason = ?').bind(sealed, keyVersion, id, was);
}

/** Reasons still below `version` (clear ones included). */
export async function countReasonsBelow(db: D1Database, version: number): Promise<number> {
  return (await db.prepare('SELECT count(*) AS n FROM viewer_reveals WHERE key_version < ?').bind(version).first<{ n: number }>())?.n ?? 0;
}
