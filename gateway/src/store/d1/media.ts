import type { ReleasedRendition } from '@need2know/policy';
import { guardChanged } from './change-guard.js';

/** Media types the media store accepts, for originals and renditions alike. */
export const MEDIA_TYPES = ['image/png', 'image/jpeg'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

/**
 * What an item's chunks can hold: a rendition partners may receive, the face detection behind the
 * redacted one, or the data owner's manual regions and face removals with their reasons (both JSON,
 * never released: they are kept for audit and to re-make the redacted rendition).
 */
export type StoredRendition = ReleasedRendition | 'detection' | 'regions';

/** A blurred rendition as stored: its type, size, chunk count and who made it. */
export interface StoredBlurred {
  readonly contentType: MediaType;
  readonly bytes: number;
  readonly chunks: number;
  /** `gateway` (blurred here, PNG) or `owner` (supplied by the data owner, JPEG). */
  readonly by: 'gateway' | 'owner';
}

/** The redacted rendition as stored: its type, size and chunk count. */
export interface StoredRedacted {
  readonly contentType: MediaType;
  readonly bytes: number;
  readonly chunks: number;
}

/** A media item: what it is bound to and what is stored (chunks are in `media_chunks`). */
export interface MediaRow {
  readonly ref: string;
  readonly owner: string;
  readonly recordType: string;
  readonly recordId: string;
  readonly field: string;
  readonly contentType: MediaType;
  readonly width: number;
  readonly height: number;
  readonly bytes: number;
  readonly chunks: number;
  readonly blurred: StoredBlurred | null;
  /** The redacted rendition (faces blurred, scene kept), made at ingest for a flagged photo on which a face was found; null otherwise. */
  readonly redacted: StoredRedacted | null;
  /** What a flagged photo goes out as when faces may not be shown; null when no detection ran (not flagged at ingest). A sealed detection manifest is stored whenever this is set. */
  readonly protectedRendition: 'redacted' | 'blurred' | null;
  /** Manual regions plus face removals the data owner made (sealed in the `regions` chunks; 0 when none). */
  readonly regions: number;
  readonly keyVersion: number;
  readonly ingestedAt: number;
  readonly ingestedBy: string;
}

interface Raw {
  ref: string;
  owner: string;
  record_type: string;
  record_id: string;
  field: string;
  content_type: MediaType;
  width: number;
  height: number;
  bytes: number;
  chunks: number;
  blurred_type: MediaType | null;
  blurred_bytes: number | null;
  blurred_chunks: number | null;
  blurred_by: 'gateway' | 'owner' | null;
  redacted_type: MediaType | null;
  redacted_bytes: number | null;
  redacted_chunks: number | null;
  protected_rendition: 'redacted' | 'blurred' | null;
  regions: number | null;
  key_version: number;
  ingested_at: number;
  ingested_by: string;
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
  regions: r.regions ?? 0,
  keyVersion: r.key_version,
  ingestedAt: r.ingested_at,
  ingestedBy: r.ingested_by,
});

/** The media item stored under `ref`, or null. */
export async function selectMedia(db: D1Database, ref: string): Promise<MediaRow | null> {
  const row = await db.prepare('SELECT * FROM media WHERE ref = ?').bind(ref).first<Raw>();
  return row === null ? null : toRow(row);
}

/** The chunk envelopes of one rendition of `ref`, in order. */
export async function selectChunks(db: D1Database, ref: string, rendition: StoredRendition): Promise<string[]> {
  const { results } = await db
    .prepare('SELECT envelope FROM media_chunks WHERE ref = ? AND rendition = ? ORDER BY seq')
    .bind(ref, rendition)
    .all<{ envelope: string }>();
  return results.map((r) => r.envelope);
}

/**
 * Statements that store `row` and its chunks in place of whatever `ref` held, for the caller to run
 * as one `db.batch` (a transaction). The first statement stores the row only if `ref` is new or
 * already the same owner's; the guard after it then aborts the whole batch when it did not, so
 * another owner's media are never replaced.
 */
export function replaceMediaStatements(
  db: D1Database,
  row: MediaRow,
  chunks: {
    readonly original: readonly string[];
    readonly blurred: readonly string[];
    readonly redacted?: readonly string[];
    readonly detection?: readonly string[];
    readonly regions?: readonly string[];
  },
): D1PreparedStatement[] {
  const b = row.blurred;
  const r = row.redacted;
  const statements = [
    db
      .prepare(
        `INSERT INTO media (ref, owner, record_type, record_id, field, content_type, width, height, bytes, chunks, blurred_type, blurred_bytes, blurred_chunks, blurred_by, key_version, ingested_at, ingested_by,
           redacted_type, redacted_bytes, redacted_chunks, protected_rendition, regions)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)
         ON CONFLICT (ref) DO UPDATE SET record_type = ?3, record_id = ?4, field = ?5, content_type = ?6, width = ?7, height = ?8, bytes = ?9, chunks = ?10,
           blurred_type = ?11, blurred_bytes = ?12, blurred_chunks = ?13, blurred_by = ?14, key_version = ?15, ingested_at = ?16, ingested_by = ?17,
           redacted_type = ?18, redacted_bytes = ?19, redacted_chunks = ?20, protected_rendition = ?21, regions = ?22
         WHERE media.owner = ?2`,
      )
      .bind(
        row.ref,
        row.owner,
        row.recordType,
        row.recordId,
        row.field,
        row.contentType,
        row.width,
        row.height,
        row.bytes,
        row.chunks,
        b?.contentType ?? null,
        b?.bytes ?? null,
        b?.chunks ?? null,
        b?.by ?? null,
        row.keyVersion,
        row.ingestedAt,
        row.ingestedBy,
        r?.contentType ?? null,
        r?.bytes ?? null,
        r?.chunks ?? null,
        row.protectedRendition,
        row.regions,
      ),
    // Aborts the batch (CHECK ok = 1) when the row above was not written: the ref is another owner's.
    ...guardChanged(db),
    db.prepare('DELETE FROM media_chunks WHERE ref = ?').bind(row.ref),
  ];
  const insert = (rendition: StoredRendition, envelope: string, seq: number) =>
    db.prepare('INSERT INTO media_chunks (ref, rendition, seq, envelope) VALUES (?, ?, ?, ?)').bind(row.ref, rendition, seq, envelope);
  // One statement per chunk: each carries up to ≈ 700 KB, and D1 caps a statement's values at 2 MB.
  const stored: ReadonlyArray<readonly [StoredRendition, readonly string[] | undefined]> = [
    ['original', chunks.original],
    ['blurred', chunks.blurred],
    ['redacted', chunks.redacted],
    ['detection', chunks.detection],
    ['regions', chunks.regions],
  ];
  for (const [rendition, envelopes] of stored) for (const [seq, envelope] of (envelopes ?? []).entries()) statements.push(insert(rendition, envelope, seq));
  return statements;
}

/**
 * Statements that replace the redaction of the item `row` was read as — its redacted rendition, its
 * protection and its sealed regions — for the caller to run as one `db.batch`. The update applies
 * only while the item is the same upload of the same owner (`ingested_at`): a new upload in between
 * aborts the whole batch, so regions drawn on one picture never land on another. The original, the
 * blurred rendition and the detection are not touched.
 */
export function replaceRedactionStatements(
  db: D1Database,
  row: MediaRow,
  next: { readonly redacted: StoredRedacted | null; readonly protectedRendition: 'redacted' | 'blurred'; readonly regions: number },
  chunks: { readonly redacted: readonly string[]; readonly regions: readonly string[] },
): D1PreparedStatement[] {
  const r = next.redacted;
  const statements = [
    db
      .prepare(
        'UPDATE media SET redacted_type = ?, redacted_bytes = ?, redacted_chunks = ?, protected_rendition = ?, regions = ? WHERE ref = ? AND owner = ? AND ingested_at = ?',
      )
      .bind(r?.contentType ?? null, r?.bytes ?? null, r?.chunks ?? null, next.protectedRendition, next.regions, row.ref, row.owner, row.ingestedAt),
    // Aborts the batch when the row above was not updated: the item was replaced since it was read.
    ...guardChanged(db),
    db.prepare("DELETE FROM media_chunks WHERE ref = ? AND rendition IN ('redacted', 'regions')").bind(row.ref),
  ];
  const insert = (rendition: StoredRendition, envelope: string, seq: number) =>
    db.prepare('INSERT INTO media_chunks (ref, rendition, seq, envelope) VALUES (?, ?, ?, ?)').bind(row.ref, rendition, seq, envelope);
  for (const [seq, envelope] of chunks.redacted.entries()) statements.push(insert('redacted', envelope, seq));
  for (const [seq, envelope] of chunks.regions.entries()) statements.push(insert('regions', envelope, seq));
  return statements;
}

/** True when a failed batch of {@link replaceRedactionStatements} failed because the item changed since it was read. */
export function isChangedSinceRead(err: unknown): boolean {
  return err instanceof Error && /CHECK constraint failed: ok = 1/i.test(err.message);
}

/** True when a failed batch of {@link replaceMediaStatements} failed because the ref is another owner's. */
export function isOwnerConflict(err: unknown): boolean {
  return err instanceof Error && /CHECK constraint failed: ok = 1/i.test(err.message);
}

/** Media items whose chunks are sealed below field-key version `current`, oldest first (the re-wrap job's work list). */
export async function selectMediaBelowKeyVersion(db: D1Database, current: number, limit: number): Promise<MediaRow[]> {
  const { results } = await db.prepare('SELECT * FROM media WHERE key_version < ? ORDER BY key_version, ref LIMIT ?').bind(current, limit).all<Raw>();
  return results.map(toRow);
}

/** How many media items are sealed below field-key version `current`. */
export async function countMediaBelowKeyVersion(db: D1Database, current: number): Promise<number> {
  return (await db.prepare('SELECT count(*) AS n FROM media WHERE key_version < ?').bind(current).first<{ n: number }>())?.n ?? 0;
}

/** Statement replacing chunk `seq` of `ref`'s `rendition` by `moved`, only if it still holds `was` (an upload in between wins). */
export function rewrapChunkStatement(db: D1Database, ref: string, rendition: StoredRendition, seq: number, was: string, moved: string): D1PreparedStatement {
  return db.prepare('UPDATE media_chunks SET envelope = ? WHERE ref = ? AND rendition = ? AND seq = ? AND envelope = ?').bind(moved, ref, rendition, seq, was);
}

/** Statement recording that `row`'s chunks are now sealed at `keyVersion`, only if the item is still the one read. */
export function setMediaKeyVersionStatement(db: D1Database, row: MediaRow, keyVersion: number): D1PreparedStatement {
  return db
    .prepare('UPDATE media SET key_version = ? WHERE ref = ? AND key_version = ? AND ingested_at = ?')
    .bind(keyVersion, row.ref, row.keyVersion, row.ingestedAt);
}
