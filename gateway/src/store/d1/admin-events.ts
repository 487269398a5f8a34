import { canonicalJson } from '@need2know/schema';
import { sha256hex } from '../../platform/lib/digest.js';
import type { AdminEvent, ChangeOutcome, NewAdminEvent } from '../ports/changes.js';
import { parseJson } from './rows.js';

/** Hash that precedes the first event of the chain. */
export const GENESIS_HASH = '0'.repeat(64);

export type { AdminEvent, ChangeOutcome, NewAdminEvent } from '../ports/changes.js';

interface Raw {
  seq: number;
  at: number;
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

const toEvent = (r: Raw): AdminEvent => ({
  seq: r.seq,
  at: r.at,
  actor: r.actor,
  action: r.action,
  targetType: r.target_type,
  targetId: r.target_id,
  detail: parseJson<Record<string, unknown>>(r.detail),
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** The chain hash of an event: SHA-256 over the canonical JSON of every field but `hash`. */
export function eventHash(e: Omit<AdminEvent, 'hash'>): Promise<string> {
  return sha256hex(
    canonicalJson({
      seq: e.seq,
      at: e.at,
      actor: e.actor,
      action: e.action,
      target_type: e.targetType,
      target_id: e.targetId,
      detail: e.detail,
      prev_hash: e.prevHash,
    }),
  );
}

/** Events after `afterSeq`, oldest first. */
export async function listAdminEvents(db: D1Database, opts: { afterSeq?: number; targetId?: string; limit: number }): Promise<AdminEvent[]> {
  const { results } = await db
    .prepare('SELECT * FROM admin_events WHERE seq > ?1 AND (?2 IS NULL OR target_id = ?2) ORDER BY seq LIMIT ?3')
    .bind(opts.afterSeq ?? 0, opts.targetId ?? null, opts.limit)
    .all<Raw>();
  return results.map(toEvent);
}

/** A row that must still carry `etag` after the change's own update, or the change is aborted. */
export interface ChangeGuard {
  readonly table: 'grants' | 'purposes' | 'clients';
  readonly id: string;
  readonly etag: string;
}

const SEQ_RACE_RETRIES = 8;

/**
 * Commits `statements` and the event recording them as one transaction (a D1 batch): all or
 * nothing. With `guard`, the batch aborts unless the guarded row carries the new etag afterwards,
 * i.e. unless this change's own conditional update applied. Concurrent changes race for the next
 * `seq`; the loser retries on the new chain head, so the chain never forks.
 */
export async function commitChange(
  db: D1Database,
  statements: readonly D1PreparedStatement[],
  event: NewAdminEvent,
  guard?: ChangeGuard,
): Promise<ChangeOutcome> {
  for (let attempt = 0; attempt < SEQ_RACE_RETRIES; attempt++) {
    const head = await db.prepare('SELECT seq, hash FROM admin_events ORDER BY seq DESC LIMIT 1').first<{ seq: number; hash: string }>();
    const draft = { ...event, seq: (head?.seq ?? 0) + 1, prevHash: head?.hash ?? GENESIS_HASH };
    const full: AdminEvent = { ...draft, hash: await eventHash(draft) };
    const batch: D1PreparedStatement[] = [...statements];
    if (guard !== undefined) {
      // Table names come from the closed union above, never from input.
      batch.push(db.prepare(`INSERT INTO change_guard (ok) SELECT count(*) FROM ${guard.table} WHERE id = ? AND etag = ?`).bind(guard.id, guard.etag));
      batch.push(db.prepare('DELETE FROM change_guard'));
    }
    batch.push(
      db
        .prepare('INSERT INTO admin_events (seq, at, actor, action, target_type, target_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .bind(full.seq, full.at, full.actor, full.action, full.targetType, full.targetId, JSON.stringify(full.detail), full.prevHash, full.hash),
    );
    try {
      await db.batch(batch);
      return { ok: true, event: full };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (/admin_events\.(seq|hash)/.test(message)) continue; // lost the race for this seq: retry on the new head
      if (/CHECK constraint failed|UNIQUE constraint failed|PRIMARY KEY/i.test(message)) return { ok: false, reason: 'conflict' };
      throw err;
    }
  }
  return { ok: false, reason: 'conflict' };
}
