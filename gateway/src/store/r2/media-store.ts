/**
 * The media store over R2 and D1: the chunks of every rendition as R2 objects (`media-objects.ts`),
 * the `media` row in D1 as their index, and `media_object_sets` as the ledger of objects no row names.
 *
 * Order of every write: draw new object sets and register them as being written, put the objects,
 * then commit the row naming them, in one D1 batch that also takes the sets out of the ledger and
 * drops the sets the row named before. A crash before the commit leaves only objects the ledger
 * lists, which the sweeper deletes once their grace is over; a commit never names an object that is
 * not stored, and objects are never overwritten (readers of the old row still find theirs until the
 * drop grace is over). Items written before migration 0022 keep their chunks in `media_chunks` until
 * `moveToObjects` has moved them; reads take each rendition from wherever the row says it is.
 */
import { MEDIA_DROP_GRACE, MEDIA_WRITE_GRACE } from '../../platform/config.js';
import type { MediaChunks, MediaItem, MediaStore, MediaWriteOutcome, StoredRendition } from '../ports/media.js';
import { STORED_RENDITIONS } from '../ports/media.js';
import {
  addScaledStatements,
  countMediaBelowKeyVersion,
  countMediaWithoutScaled,
  countUnmovedMedia,
  isGuardConflict,
  type ObjectSets,
  relocateMediaStatements,
  replaceMediaStatements,
  replaceRedactionStatements,
  selectChunks,
  selectMedia,
  selectMediaBelowKeyVersion,
  selectMediaWithoutScaled,
  selectUnmovedMedia,
} from '../d1/media.js';
import { claimSet, commitWritingSetStatements, countDueSets, forgetSet, registerWritingSets, selectDueSets } from '../d1/media-object-sets.js';
import { deleteSet, getRendition, newObjectSetId, putRendition } from './media-objects.js';

/** The renditions a region edit re-makes: kept in a set of their own, so that an edit never rewrites the original. */
const REDACTION_RENDITIONS: readonly StoredRendition[] = ['redacted', 'regions'];

const inRedactionSet = (rendition: StoredRendition) => REDACTION_RENDITIONS.includes(rendition);

/** Whether `item`'s metadata says `rendition` is stored (then a missing object is an integrity failure, not an absence). */
function isStored(item: MediaItem, rendition: StoredRendition): boolean {
  switch (rendition) {
    case 'original':
      return true;
    case 'blurred':
      return item.blurred !== null;
    case 'redacted':
      return item.redacted !== null;
    case 'detection':
      return item.protectedRendition !== null;
    case 'regions':
      return item.regions > 0;
    case 'scaled':
      return item.scaled !== null;
  }
}

const CONFLICT: MediaWriteOutcome = { ok: false, reason: 'conflict' };
const OK: MediaWriteOutcome = { ok: true };

/** The media store over one D1 database (the index) and one R2 bucket (the chunks). */
export function r2MediaStore(db: D1Database, bucket: R2Bucket): MediaStore {
  /** Puts `chunks` into `sets` (each rendition into the set it belongs to). */
  const putAll = async (sets: Partial<ObjectSets>, chunks: MediaChunks) => {
    const puts: Promise<void>[] = [];
    for (const rendition of STORED_RENDITIONS) {
      const set = inRedactionSet(rendition) ? sets.redactionObjects : sets.objects;
      const envelopes = chunks[rendition] ?? [];
      if (envelopes.length > 0 && set === undefined) throw new TypeError(`no object set for ${rendition}`);
      if (set !== undefined) puts.push(putRendition(bucket, set, rendition, envelopes));
    }
    await Promise.all(puts);
  };

  /** Writes `chunks` into fresh sets, then runs `commit` (the row's batch); on a lost guard the fresh objects go at once. */
  const writeThenCommit = async (
    ids: readonly string[],
    sets: Partial<ObjectSets>,
    chunks: MediaChunks,
    now: number,
    commit: () => D1PreparedStatement[],
  ): Promise<MediaWriteOutcome> => {
    await registerWritingSets(db, ids, now + MEDIA_WRITE_GRACE);
    await putAll(sets, chunks);
    try {
      await db.batch([...commit(), ...ids.flatMap((id) => commitWritingSetStatements(db, id))]);
      return OK;
    } catch (err) {
      if (!isGuardConflict(err)) throw err;
      // Never named by a row, so never read: deleted now (the sweeper would, after the grace).
      for (const id of ids) {
        await deleteSet(bucket, id);
        await forgetSet(db, id);
      }
      return CONFLICT;
    }
  };

  const store: MediaStore = {
    item: (ref) => selectMedia(db, ref),

    chunks: async (item, rendition) => {
      const set = inRedactionSet(rendition) ? item.location.redactionObjects : item.location.objects;
      // Not moved yet: still in the table (migration 0022).
      if (set === null) return selectChunks(db, item.ref, rendition);
      if (!isStored(item, rendition)) return [];
      const envelopes = await getRendition(bucket, set, rendition);
      if (envelopes === null) throw new Error(`media store: an object the index names is missing (${rendition})`);
      return envelopes;
    },

    replace: (item, chunks) => {
      const sets: ObjectSets = { objects: newObjectSetId(), redactionObjects: newObjectSetId() };
      const now = item.ingestedAt;
      return writeThenCommit([sets.objects, sets.redactionObjects], sets, chunks, now, () => replaceMediaStatements(db, item, sets, now + MEDIA_DROP_GRACE));
    },

    replaceRedaction: (item, next, chunks, now) => {
      const redactionObjects = newObjectSetId();
      return writeThenCommit([redactionObjects], { redactionObjects }, chunks, now, () =>
        replaceRedactionStatements(db, item, next, redactionObjects, now + MEDIA_DROP_GRACE),
      );
    },

    belowKeyVersion: (current, limit) => selectMediaBelowKeyVersion(db, current, limit),
    countBelowKeyVersion: (current) => countMediaBelowKeyVersion(db, current),

    rewrap: (item, chunks, keyVersion, now) => {
      const sets: ObjectSets = { objects: newObjectSetId(), redactionObjects: newObjectSetId() };
      return writeThenCommit([sets.objects, sets.redactionObjects], sets, chunks, now, () =>
        relocateMediaStatements(db, item, sets, keyVersion, now + MEDIA_DROP_GRACE),
      );
    },

    withoutScaled: (minBytes, limit, after) => selectMediaWithoutScaled(db, minBytes, limit, after),
    countWithoutScaled: (minBytes) => countMediaWithoutScaled(db, minBytes),

    // Objects are never overwritten: every chunk goes into fresh sets, as a re-wrap writes them.
    addScaled: (item, scaled, chunks, keyVersion, now) => {
      const sets: ObjectSets = { objects: newObjectSetId(), redactionObjects: newObjectSetId() };
      return writeThenCommit([sets.objects, sets.redactionObjects], sets, chunks, now, () =>
        addScaledStatements(db, item, sets, scaled, keyVersion, now + MEDIA_DROP_GRACE),
      );
    },

    moveToObjects: async (now, limit, moved) => {
      let done = 0;
      for (const item of await selectUnmovedMedia(db, limit)) {
        try {
          // Every chunk the item holds, wherever it is: the envelopes move as they are (same key version).
          const chunks: Partial<Record<StoredRendition, readonly string[]>> = {};
          for (const rendition of STORED_RENDITIONS) chunks[rendition] = await store.chunks(item, rendition);
          const outcome = await store.rewrap(item, chunks, item.keyVersion, now);
          if (outcome.ok) {
            done++;
            moved?.(item.ref);
          }
        } catch (err) {
          // One item that cannot move now (the bucket unreachable, say) stays readable where it is and is tried again next run.
          console.error(`media store: an item could not be moved to the object store (${err instanceof Error ? err.name : 'error'})`);
        }
      }
      return { done, remaining: await countUnmovedMedia(db) };
    },

    sweep: async (now, limit) => {
      let done = 0;
      for (const set of await selectDueSets(db, now, limit)) {
        try {
          // Claimed first: a write still holding the set then cannot commit a row naming it.
          if (await claimSet(db, set.id)) {
            await deleteSet(bucket, set.id);
            done++;
          }
          // Forgotten only once its objects are gone: a failure above leaves it for the next run.
          await forgetSet(db, set.id);
        } catch (err) {
          console.error(`media store: an object set could not be swept (${err instanceof Error ? err.name : 'error'})`);
        }
      }
      return { done, remaining: await countDueSets(db, now) };
    },
  };
  return store;
}
