/**
 * `media_object_sets`: object sets of the media store that no `media` row names — being written
 * (`writing`, until the row naming them commits) or let go (`dropped`) — with when the sweeper may
 * delete their objects. Together with the order of writes (objects first, the row last, the set
 * taken out of `writing` in the row's batch), this keeps every row pointing at stored objects and
 * every object that no row names on its way out.
 */
import { guardChanged } from './change-guard.js';

/** A set the sweeper may delete now. */
export interface DueObjectSet {
  readonly id: string;
  readonly state: 'writing' | 'dropped';
}

/** Registers `ids` as being written, to be swept at `sweepAfter` unless a row names them by then. */
export async function registerWritingSets(db: D1Database, ids: readonly string[], sweepAfter: number): Promise<void> {
  await db.batch(ids.map((id) => db.prepare("INSERT INTO media_object_sets (id, state, sweep_after) VALUES (?, 'writing', ?)").bind(id, sweepAfter)));
}

/**
 * Statements taking `id` out of `writing` as its row commits, for the row's batch: the guard aborts
 * the batch when the sweeper claimed the set first (so no row ever names objects being deleted).
 */
export function commitWritingSetStatements(db: D1Database, id: string): D1PreparedStatement[] {
  return [db.prepare("DELETE FROM media_object_sets WHERE id = ? AND state = 'writing'").bind(id), ...guardChanged(db)];
}

/** Marks `ids` (sets of a write that did not commit) dropped, due at `due`. */
export async function dropSets(db: D1Database, ids: readonly string[], due: number): Promise<void> {
  await db.batch(ids.map((id) => db.prepare("UPDATE media_object_sets SET state = 'dropped', sweep_after = ? WHERE id = ?").bind(due, id)));
}

/** Sets due at `now`, earliest first, at most `limit`. */
export async function selectDueSets(db: D1Database, now: number, limit: number): Promise<DueObjectSet[]> {
  const { results } = await db
    .prepare('SELECT id, state FROM media_object_sets WHERE sweep_after <= ? ORDER BY sweep_after, id LIMIT ?')
    .bind(now, limit)
    .all<DueObjectSet>();
  return results;
}

/** How many sets are due at `now`. */
export async function countDueSets(db: D1Database, now: number): Promise<number> {
  return (await db.prepare('SELECT count(*) AS n FROM media_object_sets WHERE sweep_after <= ?').bind(now).first<{ n: number }>())?.n ?? 0;
}

/**
 * Claims set `id` for deletion: a `writing` set becomes `dropped` (a late commit is then refused).
 * Returns false when it may not be deleted: it committed meanwhile, or a row names it after all.
 */
export async function claimSet(db: D1Database, id: string): Promise<boolean> {
  const [, counted] = await db.batch<{ held: number; in_use: number }>([
    db.prepare("UPDATE media_object_sets SET state = 'dropped' WHERE id = ?").bind(id),
    db
      .prepare(
        'SELECT (SELECT count(*) FROM media_object_sets WHERE id = ?1) AS held, (SELECT count(*) FROM media WHERE objects = ?1 OR redaction_objects = ?1) AS in_use',
      )
      .bind(id),
  ]);
  const row = counted?.results[0];
  return row?.held === 1 && row.in_use === 0;
}

/** Forgets set `id` once its objects are deleted. */
export async function forgetSet(db: D1Database, id: string): Promise<void> {
  await db.prepare('DELETE FROM media_object_sets WHERE id = ?').bind(id).run();
}
