/**
 * `media` (the index of every media item: what it is bound to, what its renditions are, where its
 * chunks are) and `media_chunks` (chunks written before migration 0022, read until the scheduled job
 * has moved them to the object store). The statements here are run by the media store
 * (`store/r2/media-store.ts`) in batches that also touch `media_object_sets`.
 */
import type { MediaItem, NewMediaItem, NextRedaction, StoredRendition, StoredScaled } from '../ports/media.js';
import { guardChanged } from './change-guard.js';

export { MEDIA_TYPES, type MediaType, type StoredRendition } from '../ports/media.js';

/** A media item as the index holds it (see {@link MediaItem}). */
export type MediaRow = MediaItem;

interface Raw {
  ref: string;
  owner: string;
  record_type: string;
  record_id: string;
  field: string;
  content_type: MediaItem['contentType'];
  width: number;
  height: number;
  bytes: number;
  chunks: number;
  blurred_type: MediaItem['contentType'] | null;
  blurred_bytes: number | null;
  blurred_chunks: number | null;
  blurred_by: 'gateway' | 'owner' | null;
  redacted_type: MediaItem['contentType'] | null;
  redacted_bytes: number | null;
  redacted_chunks: number | null;
  protected_rendition: 'redacted' | 'blurred' | null;
  scaled_type: MediaItem['contentType'] | null;
  scaled_bytes: number | null;
  scaled_chunks: number | null;
  scaled_width: number | null;
  scaled_height: number | null;
  regions: number | null;
  key_version: number;
  ingested_at: number;
  ingested_by: string;
  objects: string | null;
  redaction_objects: string | null;
}

const toRow = (r: Raw): MediaRow => ({
  ref: r.ref,
  owner: r.owner,
  recordType: r.record_type,
  recordId: r.record_id,
  field: r.field,
  contentType: r.content_type,
  width: r.width,
  height: r.height,
  bytes: r.bytes,
  chunks: r.chunks,
  blurred:
    r.blurred_type === null || r.blurred_chunks === null || r.blurred_by === null
      ? null
      : { contentType: r.blurred_type, bytes: r.blurred_bytes ?? 0, chunks: r.blurred_chunks, by: r.blurred_by },
  redacted:
    r.redacted_type === null || r.redacted_chunks === null ? null : { contentType: r.redacted_type, bytes: r.redacted_bytes ?? 0, chunks: r.redacted_chunks },
  protectedRendition: r.protected_rendition,
  scaled:
    r.scaled_type === null || r.scaled_chunks === null || r.scaled_width === null || r.scaled_height === null
      ? null
      : { contentType: r.scaled_type, bytes: r.scaled_bytes ?? 0, chunks: r.scaled_chunks, width: r.scaled_width, height: r.scaled_height },
  regions: r.regions ?? 0,
  keyVersion: r.key_version,
  ingestedAt: r.ingested_at,
  ingestedBy: r.ingested_by,
  location: { objects: r.objects, redactionObjects: r.redaction_objects },
});

/** The media item stored under `ref`, or null. */
export async function selectMedia(db: D1Database, ref: string): Promise<MediaRow | null> {
  const row = await db.prepare('SELECT * FROM media WHERE ref = ?').bind(ref).first<Raw>();
  return row === null ? null : toRow(row);
}

/** The chunk envelopes of one rendition of `ref` still in `media_chunks` (written before migration 0022), in order. */
export async function selectChunks(db: D1Database, ref: string, rendition: StoredRendition): Promise<string[]> {
  const { results } = await db
    .prepare('SELECT envelope FROM media_chunks WHERE ref = ? AND rendition = ? ORDER BY seq')
    .bind(ref, rendition)
    .all<{ envelope: string }>();
  return results.map((r) => r.envelope);
}

/** Where an item's chunks go: its two object sets. */
export interface ObjectSets {
  readonly objects: string;
  readonly redactionObjects: string;
}

/** Statement dropping (for the sweeper, due at `due`) the set in `column` of the row `where` selects, when it names one. */
function dropNamedSet(db: D1Database, column: 'objects' | 'redaction_objects', where: string, due: number, ...args: unknown[]): D1PreparedStatement {
  return db
    .prepare(
      `INSERT OR IGNORE INTO media_object_sets (id, state, sweep_after) SELECT ${column}, 'dropped', ? FROM media WHERE ${where} AND ${column} IS NOT NULL`,
    )
    .bind(due, ...args);
}

/**
 * Statements storing `item`, its chunks in `sets`, in place of whatever `item.ref` held, for one
 * batch: the sets the old item named are dropped (due at `dropDue`), the row is written only if the
 * reference is new or already the same owner's (the guard after it aborts the batch otherwise, so
 * another owner's media are never replaced), and any chunks left in `media_chunks` go.
 */
export function replaceMediaStatements(db: D1Database, item: NewMediaItem, sets: ObjectSets, dropDue: number): D1PreparedStatement[] {
  const b = item.blurred;
  const r = item.redacted;
  const sc = item.scaled;
  return [
    dropNamedSet(db, 'objects', 'ref = ? AND owner = ?', dropDue, item.ref, item.owner),
    dropNamedSet(db, 'redaction_objects', 'ref = ? AND owner = ?', dropDue, item.ref, item.owner),
    db
      .prepare(
        `INSERT INTO media (ref, owner, record_type, record_id, field, content_type, width, height, bytes, chunks, blurred_type, blurred_bytes, blurred_chunks, blurred_by, key_version, ingested_at, ingested_by,
           redacted_type, redacted_bytes, redacted_chunks, protected_rendition, regions, objects, redaction_objects,
           scaled_type, scaled_bytes, scaled_chunks, scaled_width, scaled_height)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29)
         ON CONFLICT (ref) DO UPDATE SET record_type = ?3, record_id = ?4, field = ?5, content_type = ?6, width = ?7, height = ?8, bytes = ?9, chunks = ?10,
           blurred_type = ?11, blurred_bytes = ?12, blurred_chunks = ?13, blurred_by = ?14, key_version = ?15, ingested_at = ?16, ingested_by = ?17,
           redacted_type = ?18, redacted_bytes = ?19, redacted_chunks = ?20, protected_rendition = ?21, regions = ?22, objects = ?23, redaction_objects = ?24,
           scaled_type = ?25, scaled_bytes = ?26, scaled_chunks = ?27, scaled_width = ?28, scaled_height = ?29
         WHERE media.owner = ?2`,
      )
      .bind(
        item.ref,
        item.owner,
        item.recordType,
        item.recordId,
        item.field,
        item.contentType,
        item.width,
        item.height,
        item.bytes,
        item.chunks,
        b?.contentType ?? null,
        b?.bytes ?? null,
        b?.chunks ?? null,
        b?.by ?? null,
        item.keyVersion,
        item.ingestedAt,
        item.ingestedBy,
        r?.contentType ?? null,
        r?.bytes ?? null,
        r?.chunks ?? null,
        item.protectedRendition,
        item.regions,
        sets.objects,
        sets.redactionObjects,
        sc?.contentType ?? null,
        sc?.bytes ?? null,
        sc?.chunks ?? null,
        sc?.width ?? null,
        sc?.height ?? null,
      ),
    // Aborts the batch (CHECK ok = 1) when the row above was not written: the ref is another owner's.
    ...guardChanged(db),
    db.prepare('DELETE FROM media_chunks WHERE ref = ?').bind(item.ref),
  ];
}

/**
 * Statements replacing the redaction of the item `item` was read as — its redacted rendition, its
 * protection and its regions, now in `redactionObjects` — for one batch. The update applies only
 * while the item is the same upload of the same owner (`ingested_at`): a new upload in between
 * aborts the whole batch. The set the row named before is dropped (due at `dropDue`).
 */
export function replaceRedactionStatements(
  db: D1Database,
  item: MediaItem,
  next: NextRedaction,
  redactionObjects: string,
  dropDue: number,
): D1PreparedStatement[] {
  const r = next.redacted;
  const same = 'ref = ? AND owner = ? AND ingested_at = ?';
  return [
    dropNamedSet(db, 'redaction_objects', same, dropDue, item.ref, item.owner, item.ingestedAt),
    db
      .prepare(
        `UPDATE media SET redacted_type = ?, redacted_bytes = ?, redacted_chunks = ?, protected_rendition = ?, regions = ?, redaction_objects = ? WHERE ${same}`,
      )
      .bind(
        r?.contentType ?? null,
        r?.bytes ?? null,
        r?.chunks ?? null,
        next.protectedRendition,
        next.regions,
        redactionObjects,
        item.ref,
        item.owner,
        item.ingestedAt,
      ),
    // Aborts the batch when the row above was not updated: the item was replaced since it was read.
    ...guardChanged(db),
    db.prepare("DELETE FROM media_chunks WHERE ref = ? AND rendition IN ('redacted', 'regions')").bind(item.ref),
  ];
}

/**
 * Statements pointing `item` at `sets` and recording `keyVersion`, for one batch, only while the row
 * is exactly the one read (same upload, key version and sets; the guard aborts the batch otherwise).
 * The sets it named are dropped (due at `dropDue`) and its chunks in `media_chunks` go.
 */
export function relocateMediaStatements(db: D1Database, item: MediaItem, sets: ObjectSets, keyVersion: number, dropDue: number): D1PreparedStatement[] {
  const dropped = [item.location.objects, item.location.redactionObjects].filter((id): id is string => id !== null);
  return [
    ...dropped.map((id) => db.prepare("INSERT OR IGNORE INTO media_object_sets (id, state, sweep_after) VALUES (?, 'dropped', ?)").bind(id, dropDue)),
    db
      .prepare(
        `UPDATE media SET key_version = ?, objects = ?, redaction_objects = ?
         WHERE ref = ? AND owner = ? AND ingested_at = ? AND key_version = ? AND objects IS ? AND redaction_objects IS ?`,
      )
      .bind(
        keyVersion,
        sets.objects,
        sets.redactionObjects,
        item.ref,
        item.owner,
        item.ingestedAt,
        item.keyVersion,
        item.location.objects,
        item.location.redactionObjects,
      ),
    ...guardChanged(db),
    db.prepare('DELETE FROM media_chunks WHERE ref = ?').bind(item.ref),
  ];
}

/**
 * Statements pointing `item` at `sets` with its scaled copy `scaled` and `keyVersion` recorded, for one batch, only
 * while the row is exactly the one read (as {@link relocateMediaStatements}) and still holds no scaled
 * copy: the guard aborts the batch otherwise. The sets it named are dropped (due at `dropDue`).
 */
export function addScaledStatements(
  db: D1Database,
  item: MediaItem,
  sets: ObjectSets,
  scaled: StoredScaled,
  keyVersion: number,
  dropDue: number,
): D1PreparedStatement[] {
  const dropped = [item.location.objects, item.location.redactionObjects].filter((id): id is string => id !== null);
  return [
    ...dropped.map((id) => db.prepare("INSERT OR IGNORE INTO media_object_sets (id, state, sweep_after) VALUES (?, 'dropped', ?)").bind(id, dropDue)),
    db
      .prepare(
        `UPDATE media SET key_version = ?, objects = ?, redaction_objects = ?, scaled_type = ?, scaled_bytes = ?, scaled_chunks = ?, scaled_width = ?, scaled_height = ?
         WHERE ref = ? AND owner = ? AND ingested_at = ? AND key_version = ? AND objects IS ? AND redaction_objects IS ? AND scaled_type IS NULL`,
      )
      .bind(
        keyVersion,
        sets.objects,
        sets.redactionObjects,
        scaled.contentType,
        scaled.bytes,
        scaled.chunks,
        scaled.width,
        scaled.height,
        item.ref,
        item.owner,
        item.ingestedAt,
        item.keyVersion,
        item.location.objects,
        item.location.redactionObjects,
      ),
    ...guardChanged(db),
    db.prepare('DELETE FROM media_chunks WHERE ref = ?').bind(item.ref),
  ];
}

/** True when a failed batch of the statements above failed because a guard did not hold (another owner, or the item changed since read). */
export function isGuardConflict(err: unknown): boolean {
  return err instanceof Error && /CHECK constraint failed: ok = 1/i.test(err.message);
}

/** Media items sealed below field-key version `current`, oldest first (the re-wrap job's work list). */
export async function selectMediaBelowKeyVersion(db: D1Database, current: number, limit: number): Promise<MediaRow[]> {
  const { results } = await db.prepare('SELECT * FROM media WHERE key_version < ? ORDER BY key_version, ref LIMIT ?').bind(current, limit).all<Raw>();
  return results.map(toRow);
}

/** How many media items are sealed below field-key version `current`. */
export async function countMediaBelowKeyVersion(db: D1Database, current: number): Promise<number> {
  return (await db.prepare('SELECT count(*) AS n FROM media WHERE key_version < ?').bind(current).first<{ n: number }>())?.n ?? 0;
}

/** The condition of an item some of whose chunks are still in `media_chunks`. */
const UNMOVED = 'objects IS NULL OR redaction_objects IS NULL';

/** Media items with chunks still in `media_chunks`, at most `limit` (the move's work list). */
export async function selectUnmovedMedia(db: D1Database, limit: number): Promise<MediaRow[]> {
  const { results } = await db.prepare(`SELECT * FROM media WHERE ${UNMOVED} ORDER BY ref LIMIT ?`).bind(limit).all<Raw>();
  return results.map(toRow);
}

/** How many media items have chunks still in `media_chunks`. */
export async function countUnmovedMedia(db: D1Database): Promise<number> {
  return (await db.prepare(`SELECT count(*) AS n FROM media WHERE ${UNMOVED}`).first<{ n: number }>())?.n ?? 0;
}

/** The condition of an item whose original is larger than a bound (`?`) and that holds no scaled copy. */
const WITHOUT_SCALED = 'scaled_type IS NULL AND bytes > ?';

/** Items with an original larger than `minBytes` and no scaled copy, by reference after `after`, at most `limit` (the scaled-copy job's work list). */
export async function selectMediaWithoutScaled(db: D1Database, minBytes: number, limit: number, after = ''): Promise<MediaRow[]> {
  const { results } = await db.prepare(`SELECT * FROM media WHERE ${WITHOUT_SCALED} AND ref > ? ORDER BY ref LIMIT ?`).bind(minBytes, after, limit).all<Raw>();
  return results.map(toRow);
}

/** How many items have an original larger than `minBytes` and no scaled copy. */
export async function countMediaWithoutScaled(db: D1Database, minBytes: number): Promise<number> {
  return (await db.prepare(`SELECT count(*) AS n FROM media WHERE ${WITHOUT_SCALED}`).bind(minBytes).first<{ n: number }>())?.n ?? 0;
}
