/**
 * SQL of the video store's re-wrap work list: the sealed parts of videos (each upload's manifest and
 * chunks, each play's key) below a field-key version, and the guarded switches that record a part
 * re-sealed (migration 0028). A part of no recorded version (NULL: stored before 0028) counts as below.
 */
import type { VideoFile, VideoSealedPart } from '../ports/videos.js';
import { guardChanged } from './change-guard.js';
import { CHUNK_OBJECT_KEY_SQL, toPlay, toUpload, type PlayRaw, type UploadRaw } from './videos.js';

/**
 * Uploads whose parts still matter at `?2`: all but an `open` one past its expiry (refused to
 * everyone, then swept) and a cancelled one (its manifest erased, its chunks deleted by the cancel).
 */
const LIVE_UPLOAD = (u: string) => `(NOT (${u}.state = 'open' AND ${u}.expires_at <= ?2) AND ${u}.cancelled_at IS NULL)`;
const BELOW = (column: string) => `(${column} IS NULL OR ${column} < ?1)`;

/** Manifests and chunks below `?1`, as (upload_id, file, seq, location): a manifest sorts first in its upload (file '', seq -1). */
const UPLOAD_PARTS = `
  SELECT id AS upload_id, 'manifest' AS part, '' AS file, -1 AS seq, NULL AS location FROM video_uploads u
   WHERE ${BELOW('manifest_key_version')} AND ${LIVE_UPLOAD('u')}
  UNION ALL
  SELECT c.upload_id, 'chunk', c.file, c.seq, ${CHUNK_OBJECT_KEY_SQL} FROM video_upload_chunks c JOIN video_uploads v ON v.id = c.upload_id
   WHERE ${BELOW('c.key_version')} AND ${LIVE_UPLOAD('v')}`;

/** Plays not ended at `?2` whose key is below `?1`. */
const PLAY_PARTS = `FROM video_plays p JOIN video_uploads u ON u.id = p.upload_id WHERE ${BELOW('p.key_version')} AND p.expires_at > ?2`;

type UploadPartRaw = UploadRaw & { part: 'manifest' | 'chunk'; file: VideoFile | ''; seq: number; location: string | null };
type PlayPartRaw = UploadRaw & { [K in keyof PlayRaw as `play_${K}`]: PlayRaw[K] };

/** Where `part` stands in the work list's order. */
function position(part: VideoSealedPart | undefined): { uploads: [string, string, number] | null; plays: string } {
  if (part === undefined) return { uploads: ['', '', -2], plays: '' };
  if (part.kind === 'play_key') return { uploads: null, plays: part.play.id };
  return { uploads: [part.upload.id, part.kind === 'manifest' ? '' : part.file, part.kind === 'manifest' ? -1 : part.seq], plays: '' };
}

/** Up to `limit` parts below `current` at `now` after `after`: manifests and chunks by upload, then play keys. */
export async function selectPartsBelow(db: D1Database, current: number, now: number, limit: number, after?: VideoSealedPart): Promise<VideoSealedPart[]> {
  const from = position(after);
  const parts: VideoSealedPart[] = [];
  if (from.uploads !== null) {
    const { results } = await db
      .prepare(
        `SELECT p.part, p.file, p.seq, p.location, u.* FROM (${UPLOAD_PARTS}) p JOIN video_uploads u ON u.id = p.upload_id
         WHERE (p.upload_id, p.file, p.seq) > (?3, ?4, ?5) ORDER BY p.upload_id, p.file, p.seq LIMIT ?6`,
      )
      .bind(current, now, ...from.uploads, limit)
      .all<UploadPartRaw>();
    for (const r of results) {
      const upload = toUpload(r);
      parts.push(
        r.part === 'manifest' || r.file === ''
          ? { kind: 'manifest', upload, location: upload.manifest }
          : { kind: 'chunk', upload, file: r.file, seq: r.seq, location: r.location ?? '' },
      );
    }
  }
  if (parts.length >= limit) return parts;
  const { results } = await db
    .prepare(
      `SELECT p.id AS play_id, p.ref AS play_ref, p.upload_id AS play_upload_id, p.rendition AS play_rendition, p.client_id AS play_client_id,
              p.grant_id AS play_grant_id, p.play_key AS play_play_key, p.key_version AS play_key_version, p.expires_at AS play_expires_at, u.*
       ${PLAY_PARTS} AND p.id > ?3 ORDER BY p.id LIMIT ?4`,
    )
    .bind(current, now, from.plays, limit - parts.length)
    .all<PlayPartRaw>();
  for (const r of results) {
    const play = toPlay({
      id: r.play_id,
      ref: r.play_ref,
      upload_id: r.play_upload_id,
      rendition: r.play_rendition,
      client_id: r.play_client_id,
      grant_id: r.play_grant_id,
      play_key: r.play_play_key,
      key_version: r.play_key_version,
      expires_at: r.play_expires_at,
    });
    parts.push({ kind: 'play_key', upload: toUpload(r), play, location: play.playKey });
  }
  return parts;
}

/** How many parts {@link selectPartsBelow} would list in all. */
export async function countPartsBelow(db: D1Database, current: number, now: number): Promise<number> {
  const row = await db
    .prepare(`SELECT (SELECT count(*) FROM (${UPLOAD_PARTS})) + (SELECT count(*) ${PLAY_PARTS}) AS n`)
    .bind(current, now)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/**
 * The switch recording `part` re-sealed (`envelope` under `keyVersion`; for a chunk, `envelope` is the
 * key of the object now holding it), guarded: aborts the batch unless the part still holds what was read.
 */
export function switchPartStatements(db: D1Database, part: VideoSealedPart, envelope: string, keyVersion: number): D1PreparedStatement[] {
  switch (part.kind) {
    case 'manifest':
      return [
        db
          .prepare('UPDATE video_uploads SET manifest = ?1, manifest_key_version = ?2 WHERE id = ?3 AND manifest = ?4')
          .bind(envelope, keyVersion, part.upload.id, part.location),
        ...guardChanged(db),
      ];
    case 'play_key':
      return [
        db
          .prepare('UPDATE video_plays SET play_key = ?1, key_version = ?2 WHERE id = ?3 AND play_key = ?4')
          .bind(envelope, keyVersion, part.play.id, part.location),
        ...guardChanged(db),
      ];
    case 'chunk':
      return [
        db
          .prepare(
            `UPDATE video_upload_chunks SET object_key = ?1, key_version = ?2 WHERE upload_id = ?3 AND file = ?4 AND seq = ?5 AND ${CHUNK_OBJECT_KEY_SQL} = ?6`,
          )
          .bind(envelope, keyVersion, part.upload.id, part.file, part.seq, part.location),
        ...guardChanged(db),
      ];
  }
}
