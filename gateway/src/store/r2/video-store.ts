/**
 * The video store over R2 and D1: every chunk's envelope as one R2 object
 * (`video/<upload id>/<file>/<n>/<sha-256 of the chunk>`: the upload id is random and names no
 * owner, record or reference), the rows of `d1/videos.ts` as the index. A chunk's object is put
 * before its row is recorded (guarded on the upload being open), so a row never names a missing
 * object; and since the key holds the chunk's hash, a chunk arriving after completion (refused by
 * the guard) can never overwrite the content that was checked. An object no row names (a chunk
 * refused late, or sent again with other content) goes with its upload when the sweeper takes it.
 */
import { isGuardConflict } from '../d1/media.js';
import {
  claimUpload,
  completeStatements,
  countUploadsOpenedBy,
  deleteExpiredPlays,
  deleteUpload,
  insertPlay,
  insertUpload,
  recordChunkStatements,
  selectChunk,
  selectChunks,
  selectDueUploads,
  selectPlay,
  selectUpload,
  selectVideo,
} from '../d1/videos.js';
import type { VideoFile, VideoStore, VideoWriteOutcome } from '../ports/videos.js';

/** Key prefix of every video object. */
export const VIDEO_OBJECT_PREFIX = 'video/';

/** The key of chunk `seq` of `file` of upload `uploadId` whose plaintext hashes to `sha256` (hex). */
export const videoChunkKey = (uploadId: string, file: VideoFile, seq: number, sha256: string) => `${VIDEO_OBJECT_PREFIX}${uploadId}/${file}/${seq}/${sha256}`;

const CONFLICT: VideoWriteOutcome = { ok: false, reason: 'conflict' };
const OK: VideoWriteOutcome = { ok: true };

/** Deletes every object of upload `uploadId` (listed by prefix, a page at a time). */
async function deleteObjects(bucket: R2Bucket, uploadId: string): Promise<void> {
  const prefix = `${VIDEO_OBJECT_PREFIX}${uploadId}/`;
  for (;;) {
    const page = await bucket.list({ prefix });
    if (page.objects.length === 0) return;
    await bucket.delete(page.objects.map((o) => o.key));
    if (!page.truncated) return;
  }
}

/** The video store over one D1 database (the index) and one R2 bucket (the chunks). */
export function r2VideoStore(db: D1Database, bucket: R2Bucket): VideoStore {
  return {
    openUpload: (upload) => insertUpload(db, upload),
    upload: (id) => selectUpload(db, id),

    putChunk: async (upload, chunk, envelope, now) => {
      if (upload.state !== 'open' || upload.expiresAt <= now) return CONFLICT;
      const before = await selectChunk(db, upload.id, chunk.file, chunk.seq);
      await bucket.put(videoChunkKey(upload.id, chunk.file, chunk.seq, chunk.sha256), envelope);
      try {
        await db.batch(recordChunkStatements(db, upload.id, chunk, now));
      } catch (err) {
        if (isGuardConflict(err)) return CONFLICT;
        throw err;
      }
      // Sent again with other content: the first object is named by no row any more.
      if (before !== null && before.sha256 !== chunk.sha256) await bucket.delete(videoChunkKey(upload.id, chunk.file, chunk.seq, before.sha256));
      return OK;
    },

    receivedChunks: (uploadId) => selectChunks(db, uploadId),

    chunk: async (uploadId, file, seq) => {
      const row = await selectChunk(db, uploadId, file, seq);
      const object = row === null ? null : await bucket.get(videoChunkKey(uploadId, file, seq, row.sha256));
      return object === null ? null : object.text();
    },

    complete: async (upload, logIndex, now, dropAfter) => {
      try {
        await db.batch(completeStatements(db, upload, logIndex, now, dropAfter));
        return OK;
      } catch (err) {
        if (isGuardConflict(err)) return CONFLICT;
        throw err;
      }
    },

    video: (ref) => selectVideo(db, ref),
    startPlay: (play) => insertPlay(db, play),
    play: (id) => selectPlay(db, id),

    countOpenedBy: (at) => countUploadsOpenedBy(db, at),

    sweep: async (now, limit) => {
      let done = 0;
      for (const upload of await selectDueUploads(db, now, limit)) {
        try {
          // Claimed first: a chunk or completion arriving meanwhile is refused by its guard.
          if (!(await claimUpload(db, upload.id, now))) continue;
          await deleteObjects(bucket, upload.id);
          await deleteUpload(db, upload.id);
          done++;
        } catch (err) {
          console.error(`video store: an upload could not be swept (${err instanceof Error ? err.name : 'error'})`);
        }
      }
      await deleteExpiredPlays(db, now);
      return done;
    },
  };
}
