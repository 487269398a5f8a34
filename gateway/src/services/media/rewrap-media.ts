/**
 * Moving media to the current field-key version after a rotation, item by item: every chunk of
 * every stored rendition (original, blurred, redacted, the scaled original), of the detection manifest and of the owner's
 * regions is opened under its own version and sealed again under the current one, in the same slot,
 * and the item is replaced only if it is still the one read (an upload or an edit in between wins).
 */
import { CryptoError, rewrapField, type KeyRing } from '@need2know/crypto';
import { systemClock } from '../../platform/env.js';
import type { MediaChunks, MediaItem, Stores } from '../../store/ports/index.js';
import { chunkContext, DETECTION_CONTENT_TYPE, type MediaSlot, type StoredRendition } from './seal-media.js';

/**
 * Media items re-wrapped per call. An item holds up to three renditions of 2 MiB, ≈ 8.4 MB of
 * envelopes: a few per call keep a call's memory and time small; items go one at a time.
 */
export const MEDIA_REWRAP_BATCH = 8;

/** What one call moved, and which items did not open (an integrity alarm; skipped, never half-written). */
export interface MediaRewrapProgress {
  readonly moved: number;
  readonly unreadable: readonly string[];
}

/** The renditions `item` holds, with the content type each is sealed for. */
export function storedSlots(item: MediaItem): [StoredRendition, MediaSlot['contentType']][] {
  const slots: [StoredRendition, MediaSlot['contentType'] | undefined][] = [
    ['original', item.contentType],
    ['blurred', item.blurred?.contentType],
    ['redacted', item.redacted?.contentType],
    ['detection', item.protectedRendition === null ? undefined : DETECTION_CONTENT_TYPE],
    ['regions', item.regions === 0 ? undefined : DETECTION_CONTENT_TYPE],
    ['scaled', item.scaled?.contentType],
  ];
  return slots.filter((s): s is [StoredRendition, MediaSlot['contentType']] => s[1] !== undefined);
}

/** Every chunk of `item`, re-sealed under the ring's current version. */
async function rewrapItem(stores: Pick<Stores, 'media'>, ring: KeyRing, item: MediaItem): Promise<MediaChunks> {
  const chunks: Partial<Record<StoredRendition, readonly string[]>> = {};
  for (const [rendition, contentType] of storedSlots(item)) {
    const envelopes = await stores.media.chunks(item, rendition);
    chunks[rendition] = envelopes.map((envelope, seq) =>
      rewrapField(ring, chunkContext({ owner: item.owner, ref: item.ref, rendition, contentType }, seq, envelopes.length), envelope),
    );
  }
  return chunks;
}

/**
 * Re-wraps up to `limit` media items below the ring's current version (`now` dates the objects it
 * lets go, for the sweeper). Resumable and crash-safe: an item's state is in its row, so calling
 * again picks up what is left.
 */
export async function rewrapMediaBatch(
  stores: Pick<Stores, 'media'>,
  ring: KeyRing,
  limit = MEDIA_REWRAP_BATCH,
  now = systemClock(),
): Promise<MediaRewrapProgress> {
  let moved = 0;
  const unreadable: string[] = [];
  for (const item of await stores.media.belowKeyVersion(ring.currentVersion, limit)) {
    try {
      const outcome = await stores.media.rewrap(item, await rewrapItem(stores, ring, item), ring.currentVersion, now);
      if (outcome.ok) moved++;
    } catch (err) {
      if (!(err instanceof CryptoError)) throw err;
      console.error(`re-wrap: a media item does not open (${err.code})`);
      unreadable.push(item.ref);
    }
  }
  return { moved, unreadable };
}
