/**
 * The video store over R2 and D1: every chunk's envelope as one R2 object
 * (`video/<upload id>/<file>/<n>/<sha-256 of the chunk>.<random>`: the upload id is random and names
 * no owner, record or reference), the rows of `d1/videos.ts` as the index. Every write puts a new
 * object under a key drawn for it, then records it in its row (guarded), then deletes the object the
 * row named before: an object is never overwritten, a row never names a missing object, and a chunk
 * arriving after completion (refused by the guard) can never replace the content that was checked.
 * The re-wrap job moves a chunk the same way (`rewrapPart`); a reader that finds the object of the
 * row it read already gone reads the row again. An object no row names (a write that crashed
 * between its put and its row) goes with its upload when the sweeper takes it.
 *
 * A cancel (`cancelUpload`, then `discardChunks`) first closes the upload to writes (the guard every
 * chunk's row is written under), then deletes the rows, then the objects: a chunk or a re-wrap racing
 * it either recorded its object before (deleted with the others) or finds its guard failed and
 * deletes its own object. Only a write that crashes between its put and that delete leaves an object
 * no row names; the sweeper deletes it with the cancelled upload's row at the upload's expiry.
 */
import { isGuardConflict } from '../d1/media.js';
import { countPartsBelow, selectPartsBelow, switchPartStatements } from '../d1/video-parts.js';
import {
  cancelOpenUpload,
  claimUpload,
  completeStatements,
  deleteCancelledChunkRows,
  deleteExpiredPlays,
  deleteUpload,
  insertPlay,
  insertUpload,
  recordCancelLogIndex,
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

/** The key of migration 0025 of chunk `seq` of `file` of upload `uploadId` whose plaintext hashes to `sha256` (hex). */
export const videoChunkKey = (uploadId: string, file: VideoFile, seq: number, sha256: string) => `${VIDEO_OBJECT_PREFIX}${uploadId}/${file}/${seq}/${sha256}`;

const randomSuffix = () => Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');

/** A key for a new object of that chunk: {@link videoChunkKey} and 64 random bits, so that no write overwrites another's object. */
export const freshVideoChunkKey = (uploadId: string, file: VideoFile, seq: number, sha256: string) =>
  `${videoChunkKey(uploadId, file, seq, sha256)}.${randomSuffix()}`;

/** A key for a new object of the chunk whose object is at `key` (of either form). */
const anotherKeyOf = (key: string) => `${key.replace(/\.[0-9a-f]{16}$/, '')}.${randomSuffix()}`;

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

    putChunk: async (upload, chunk, envelope, keyVersion, now) => {
      if (upload.state !== 'open' || upload.expiresAt <= now) return CONFLICT;
      const before = await selectChunk(db, upload.id, chunk.file, chunk.seq);
      const objectKey = freshVideoChunkKey(upload.id, chunk.file, chunk.seq, chunk.sha256);
      await bucket.put(objectKey, envelope);
      try {
        await db.batch(recordChunkStatements(db, upload.id, chunk, { objectKey, keyVersion }, now));
      } catch (err) {
        if (!isGuardConflict(err)) throw err;
        await bucket.delete(objectKey); // named by no row, so never read
        return CONFLICT;
      }
      // Sent again: the first object is named by no row any more.
      if (before !== null) await bucket.delete(before.objectKey);
      return OK;
    },

    receivedChunks: (uploadId) => selectChunks(db, uploadId),

    chunk: async (uploadId, file, seq) => {
      // Twice at most: the re-wrap job may have switched the row and deleted the object read from it.
      for (let attempt = 0; attempt < 2; attempt++) {
        const row = await selectChunk(db, uploadId, file, seq);
        if (row === null) return null;
        const object = await bucket.get(row.objectKey);
        if (object !== null) return object.text();
      }
      return null;
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

    cancelUpload: async (id, now, keepUntil) => ((await cancelOpenUpload(db, id, now, keepUntil)) ? OK : CONFLICT),
    cancelLogged: (id, logIndex) => recordCancelLogIndex(db, id, logIndex),

    discardChunks: async (id) => {
      // Rows first: from then on no row names an object, and a re-wrap's switch of one finds it gone
      // (conflict: it deletes the object it wrote). Then every object under the upload's prefix,
      // including one a write put but never recorded.
      if (!(await deleteCancelledChunkRows(db, id))) return CONFLICT;
      await deleteObjects(bucket, id);
      return OK;
    },

    video: (ref) => selectVideo(db, ref),
    startPlay: (play) => insertPlay(db, play),
    play: (id) => selectPlay(db, id),

    partsBelowKeyVersion: (current, now, limit, after) => selectPartsBelow(db, current, now, limit, after),
    countBelowKeyVersion: (current, now) => countPartsBelow(db, current, now),

    envelope: async (part) => {
      if (part.kind !== 'chunk') return part.location;
      const object = await bucket.get(part.location);
      return object === null ? null : object.text();
    },

    rewrapPart: async (part, envelope, keyVersion) => {
      const commit = async (stored: string) => {
        try {
          await db.batch(switchPartStatements(db, part, stored, keyVersion));
          return true;
        } catch (err) {
          if (isGuardConflict(err)) return false;
          throw err;
        }
      };
      if (part.kind !== 'chunk') return (await commit(envelope)) ? OK : CONFLICT;
      const objectKey = anotherKeyOf(part.location);
      await bucket.put(objectKey, envelope);
      if (!(await commit(objectKey))) {
        await bucket.delete(objectKey); // named by no row, so never read
        return CONFLICT;
      }
      await bucket.delete(part.location);
      return OK;
    },

    sweep: async (now, limit) => {
      let done = 0;
      for (const upload of await selectDueUploads(db, now, limit)) {
        try {
          // Claimed first: a chunk or completion arriving meanwhile is refused by its guard.
          if (!(await claimUpload(db, upload.id, now))) continue;
          await deleteObjects(bucket, upload.id);
          await deleteUpload(db, upload.id);
          // Once more: an object a re-wrap put (and switched to) while the first pass ran.
          await deleteObjects(bucket, upload.id);
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
