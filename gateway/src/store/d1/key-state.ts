/**
 * `key_state` (the field-key versions: `field_current` seals new data, `field_oldest` is the lowest
 * still accepted) and `key_check` (the root secret's key-check value stored at first start).
 */
import { guardChanged } from './change-guard.js';

/** The field-key versions as recorded (1 for a version never written). */
export async function readKeyVersions(db: D1Database): Promise<{ current: number; oldest: number }> {
  const { results } = await db
    .prepare("SELECT name, value FROM key_state WHERE name IN ('field_current', 'field_oldest')")
    .all<{ name: string; value: number }>();
  const get = (name: string) => results.find((r) => r.name === name)?.value ?? 1;
  return { current: get('field_current'), oldest: get('field_oldest') };
}

/** When the current version was last raised (unix seconds; 0 if never). */
export async function currentVersionSetAt(db: D1Database): Promise<number> {
  return (await db.prepare("SELECT updated_at FROM key_state WHERE name = 'field_current'").first<{ updated_at: number }>())?.updated_at ?? 0;
}

/** Statements raising the current version to `version`; the batch aborts unless it was `version - 1`. */
export function raiseCurrentVersionStatements(db: D1Database, version: number, now: number): D1PreparedStatement[] {
  return [
    db.prepare("UPDATE key_state SET value = ?1, updated_at = ?2 WHERE name = 'field_current' AND value = ?1 - 1").bind(version, now),
    ...guardChanged(db),
  ];
}

/** Statements raising the oldest accepted version to `version`; the batch aborts unless it was lower. */
export function raiseOldestVersionStatements(db: D1Database, version: number, now: number): D1PreparedStatement[] {
  return [db.prepare("UPDATE key_state SET value = ?1, updated_at = ?2 WHERE name = 'field_oldest' AND value < ?1").bind(version, now), ...guardChanged(db)];
}

/** The stored key-check value, or null before the first start stored one. */
export async function readKeyCheck(db: D1Database): Promise<string | null> {
  return (await db.prepare('SELECT value FROM key_check WHERE id = 1').first<{ value: string }>())?.value ?? null;
}

/** Stores `value` as the key-check value unless one is stored already (two first starts may race). */
export async function storeKeyCheckIfMissing(db: D1Database, value: string, now: number): Promise<void> {
  await db.prepare('INSERT OR IGNORE INTO key_check (id, value, created_at) VALUES (1, ?, ?)').bind(value, now).run();
}
