/**
 * SQL of the video store: `video_uploads` (one row per upload, the index of a completed video),
 * `video_upload_chunks` (what was received), `videos` (the upload each reference names) and
 * `video_plays`. The chunks' envelopes are R2 objects (`store/r2/video-store.ts`).
 */
import type { NewVideoUpload, ReceivedChunk, VideoFile, VideoPlay, VideoUploadRow } from '../ports/videos.js';
import { guardChanged, guardCount } from './change-guard.js';

/** A `video_uploads` row as D1 returns it. */
export interface UploadRaw {
  id: string;
  owner: string;
  client_id: string;
  record_type: string;
  record_id: string;
  field: string;
  ref: string;
  manifest: string;
  manifest_key_version: number | null;
  manifest_sha256: string;
  chunk_bytes: number;
  original_bytes: number;
  redacted_bytes: number | null;
  blurred_bytes: number;
  original_chunks: number;
  redacted_chunks: number | null;
  blurred_chunks: number;
  created_at: number;
  expires_at: number;
  state: 'open' | 'complete' | 'dropped';
  log_index: number | null;
  cancelled_at: number | null;
  cancelled_chunks: number | null;
  cancelled_bytes: number | null;
  completed_at: number | null;
}

/** The upload a `video_uploads` row holds. */
export const toUpload = (r: UploadRaw): VideoUploadRow => ({
  id: r.id,
  owner: r.owner,
  clientId: r.client_id,
  recordType: r.record_type,
  recordId: r.record_id,
  field: r.field,
  ref: r.ref,
  manifest: r.manifest,
  manifestKeyVersion: r.manifest_key_version,
  manifestSha256: r.manifest_sha256,
  chunkBytes: r.chunk_bytes,
  bytes: { original: r.original_bytes, redacted: r.redacted_bytes, blurred: r.blurred_bytes },
  chunks: { original: r.original_chunks, redacted: r.redacted_chunks, blurred: r.blurred_chunks },
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  // A cancelled upload is stored `dropped` (for the sweeper) with `cancelled_at` set (migration 0031);
  // a replaced one, `dropped` with `completed_at` set (only a completion sets it).
  state: r.state !== 'dropped' ? r.state : r.cancelled_at !== null ? 'cancelled' : r.completed_at !== null ? 'replaced' : 'dropped',
  logIndex: r.log_index,
  cancelled: r.cancelled_at === null ? null : { at: r.cancelled_at, chunks: r.cancelled_chunks ?? 0, bytes: r.cancelled_bytes ?? 0 },
});

/** Inserts an open upload. */
export async function insertUpload(db: D1Database, u: NewVideoUpload): Promise<void> {
  await db
    .prepare(
      `INSERT INTO video_uploads (id, owner, client_id, record_type, record_id, field, ref, manifest, manifest_key_version, manifest_sha256, chunk_bytes,
         original_bytes, redacted_bytes, blurred_bytes, original_chunks, redacted_chunks, blurred_chunks, created_at, expires_at, state)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')`,
    )
    .bind(
      u.id,
      u.owner,
      u.clientId,
      u.recordType,
      u.recordId,
      u.field,
      u.ref,
      u.manifest,
      u.manifestKeyVersion,
      u.manifestSha256,
      u.chunkBytes,
      u.bytes.original,
      u.bytes.redacted,
      u.bytes.blurred,
      u.chunks.original,
      u.chunks.redacted,
      u.chunks.blurred,
      u.createdAt,
      u.expiresAt,
    )
    .run();
}

/** The upload `id`, or null. */
export async function selectUpload(db: D1Database, id: string): Promise<VideoUploadRow | null> {
  const row = await db.prepare('SELECT * FROM video_uploads WHERE id = ?').bind(id).first<UploadRaw>();
  return row === null ? null : toUpload(row);
}

/** The completed upload `ref` names, or null. */
export async function selectVideo(db: D1Database, ref: string): Promise<VideoUploadRow | null> {
  const row = await db
    .prepare("SELECT u.* FROM videos v JOIN video_uploads u ON u.id = v.upload_id WHERE v.ref = ? AND u.state = 'complete'")
    .bind(ref)
    .first<UploadRaw>();
  return row === null ? null : toUpload(row);
}

/**
 * Records a received chunk (its object `objectKey`, sealed under `keyVersion`), guarded: aborts the
 * batch unless the upload is open and unexpired at `now`.
 */
export function recordChunkStatements(
  db: D1Database,
  uploadId: string,
  c: ReceivedChunk,
  stored: { readonly objectKey: string; readonly keyVersion: number },
  now: number,
): D1PreparedStatement[] {
  return [
    ...guardCount(db, "SELECT count(*) FROM video_uploads WHERE id = ? AND state = 'open' AND expires_at > ?", uploadId, now),
    db
      .prepare('INSERT OR REPLACE INTO video_upload_chunks (upload_id, file, seq, bytes, sha256, key_version, object_key) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .bind(uploadId, c.file, c.seq, c.bytes, c.sha256, stored.keyVersion, stored.objectKey),
  ];
}

/** Chunks received for `uploadId`, by file then position. */
export async function selectChunks(db: D1Database, uploadId: string): Promise<ReceivedChunk[]> {
  const { results } = await db
    .prepare('SELECT file, seq, bytes, sha256 FROM video_upload_chunks WHERE upload_id = ? ORDER BY file, seq')
    .bind(uploadId)
    .all<{ file: VideoFile; seq: number; bytes: number; sha256: string }>();
  return results;
}

/** SQL of a chunk row's object key: its own, or the key of migration 0025 when it has none (`videoChunkKey`). */
export const CHUNK_OBJECT_KEY_SQL = "coalesce(object_key, 'video/' || upload_id || '/' || file || '/' || seq || '/' || sha256)";

/** Chunk `seq` of `file` of `uploadId` as received, with the key of its object, or null. */
export async function selectChunk(
  db: D1Database,
  uploadId: string,
  file: VideoFile,
  seq: number,
): Promise<(ReceivedChunk & { readonly objectKey: string }) | null> {
  return db
    .prepare(`SELECT file, seq, bytes, sha256, ${CHUNK_OBJECT_KEY_SQL} AS objectKey FROM video_upload_chunks WHERE upload_id = ? AND file = ? AND seq = ?`)
    .bind(uploadId, file, seq)
    .first<ReceivedChunk & { objectKey: string }>();
}

/**
 * The completion's batch: the upload becomes `complete` (only from `open`), the reference names it
 * (only if new or the same owner's), and the upload it named before is dropped for the sweeper.
 */
export function completeStatements(db: D1Database, u: VideoUploadRow, logIndex: number, now: number, dropAfter: number): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `UPDATE video_uploads SET state = 'dropped', sweep_after = ?
         WHERE id = (SELECT upload_id FROM videos WHERE ref = ? AND owner = ?) AND state = 'complete'`,
      )
      .bind(dropAfter, u.ref, u.owner),
    db.prepare("UPDATE video_uploads SET state = 'complete', completed_at = ?, log_index = ? WHERE id = ? AND state = 'open'").bind(now, logIndex, u.id),
    ...guardChanged(db),
    db
      .prepare(
        'INSERT INTO videos (ref, owner, upload_id) VALUES (?, ?, ?) ON CONFLICT (ref) DO UPDATE SET upload_id = excluded.upload_id WHERE owner = excluded.owner',
      )
      .bind(u.ref, u.owner, u.id),
    ...guardChanged(db),
  ];
}

/** Uploads the sweeper may delete at `now`: open past expiry or dropped past grace. */
export async function selectDueUploads(db: D1Database, now: number, limit: number): Promise<VideoUploadRow[]> {
  const { results } = await db
    .prepare(
      `SELECT * FROM video_uploads WHERE (state = 'open' AND expires_at <= ?1) OR (state = 'dropped' AND sweep_after <= ?1)
       ORDER BY created_at, id LIMIT ?2`,
    )
    .bind(now, limit)
    .all<UploadRaw>();
  return results.map(toUpload);
}

/**
 * Claims a due upload for deletion: an open one becomes dropped (a late chunk or completion is then
 * refused by its guard). False when it completed meanwhile (then it is kept).
 */
export async function claimUpload(db: D1Database, id: string, now: number): Promise<boolean> {
  const result = await db
    .prepare(
      "UPDATE video_uploads SET state = 'dropped', sweep_after = ?2 WHERE id = ?1 AND state IN ('open', 'dropped') AND id NOT IN (SELECT upload_id FROM videos)",
    )
    .bind(id, now)
    .run();
  return result.meta.changes === 1;
}

/** Forgets a swept upload (its objects are gone). */
export async function deleteUpload(db: D1Database, id: string): Promise<void> {
  await db.batch([
    db.prepare('DELETE FROM video_upload_chunks WHERE upload_id = ?').bind(id),
    db.prepare("DELETE FROM video_uploads WHERE id = ? AND state = 'dropped'").bind(id),
    db.prepare('DELETE FROM video_plays WHERE upload_id = ?').bind(id),
  ]);
}

/**
 * Cancels the open upload `id` at `now` (true) or changes nothing (false: no longer open). One
 * statement: the chunks counted are exactly those stored before it, since a chunk's batch is guarded
 * on the upload being open. The manifest is erased; the row waits for the sweeper until `keepUntil`.
 */
export async function cancelOpenUpload(db: D1Database, id: string, now: number, keepUntil: number): Promise<boolean> {
  const result = await db
    .prepare(
      `UPDATE video_uploads SET state = 'dropped', cancelled_at = ?2, sweep_after = ?3, manifest = '',
         cancelled_chunks = (SELECT count(*) FROM video_upload_chunks WHERE upload_id = ?1),
         cancelled_bytes = (SELECT coalesce(sum(bytes), 0) FROM video_upload_chunks WHERE upload_id = ?1)
       WHERE id = ?1 AND state = 'open'`,
    )
    .bind(id, now, keepUntil)
    .run();
  return result.meta.changes === 1;
}

/** Records the log index of a cancel, once. */
export async function recordCancelLogIndex(db: D1Database, id: string, logIndex: number): Promise<void> {
  await db.prepare('UPDATE video_uploads SET log_index = ?2 WHERE id = ?1 AND cancelled_at IS NOT NULL AND log_index IS NULL').bind(id, logIndex).run();
}

/** Forgets the chunk rows of a cancelled upload (none of another); true when the upload is cancelled. */
export async function deleteCancelledChunkRows(db: D1Database, id: string): Promise<boolean> {
  const [cancelled] = await db.batch([
    db.prepare("SELECT 1 AS yes FROM video_uploads WHERE id = ?1 AND state = 'dropped' AND cancelled_at IS NOT NULL").bind(id),
    db
      .prepare(
        "DELETE FROM video_upload_chunks WHERE upload_id = ?1 AND EXISTS (SELECT 1 FROM video_uploads WHERE id = ?1 AND state = 'dropped' AND cancelled_at IS NOT NULL)",
      )
      .bind(id),
  ]);
  return (cancelled?.results.length ?? 0) > 0;
}

/** Inserts a play. */
export async function insertPlay(db: D1Database, p: VideoPlay): Promise<void> {
  await db
    .prepare(
      'INSERT INTO video_plays (id, ref, upload_id, rendition, client_id, grant_id, play_key, key_version, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .bind(p.id, p.ref, p.uploadId, p.rendition, p.clientId, p.grantId, p.playKey, p.keyVersion, p.expiresAt)
    .run();
}

/** The play `id`, or null. */
export async function selectPlay(db: D1Database, id: string): Promise<VideoPlay | null> {
  const r = await db.prepare('SELECT * FROM video_plays WHERE id = ?').bind(id).first<PlayRaw>();
  return r === null ? null : toPlay(r);
}

/** A `video_plays` row as D1 returns it. */
export interface PlayRaw {
  id: string;
  ref: string;
  upload_id: string;
  rendition: VideoFile;
  client_id: string;
  grant_id: string;
  play_key: string;
  key_version: number | null;
  expires_at: number;
}

/** The play a `video_plays` row holds. */
export const toPlay = (r: PlayRaw): VideoPlay => ({
  id: r.id,
  ref: r.ref,
  uploadId: r.upload_id,
  rendition: r.rendition,
  clientId: r.client_id,
  grantId: r.grant_id,
  playKey: r.play_key,
  keyVersion: r.key_version,
  expiresAt: r.expires_at,
});

/** Forgets plays past expiry. */
export async function deleteExpiredPlays(db: D1Database, now: number): Promise<void> {
  await db.prepare('DELETE FROM video_plays WHERE expires_at <= ?').bind(now).run();
}
