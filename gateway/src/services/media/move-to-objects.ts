/**
 * The media store's share of the scheduled job: moving items written before the object store
 * (migration 0022: chunks in D1's `media_chunks`) into it, a few per run, and deleting the objects no
 * item names any more (a replaced upload, a re-made redaction, a re-wrap, or a write that died before
 * its row committed).
 *
 * Run by housekeeping, not by an officer: a move changes where sealed bytes sit, not who may see
 * them (the envelopes move as they are, same key, same binding), so there is nothing to approve; the
 * job is resumable (an item's state is its row), bounded per run, and safe beside uploads (an upload
 * or an edit in between wins, the move of that item is then simply not needed). Readers take each
 * rendition from wherever the row says it is, so disclosure works throughout.
 */
import { MEDIA_MOVE_BATCH, MEDIA_SWEEP_BATCH } from '../../platform/config.js';
import type { Stores } from '../../store/ports/index.js';

/** What one run did to the media store. */
export interface MediaUpkeep {
  /** Items moved from D1 chunks into the object store by this run. */
  readonly movedToObjects: number;
  /** Items whose chunks are still (partly) in D1. */
  readonly leftToMove: number;
  /** Object sets no item names, deleted by this run. */
  readonly sweptObjectSets: number;
}

/**
 * Moves up to `moveLimit` items into the object store and sweeps up to `sweepLimit` due object sets
 * at `now`. A run that moved anything appends one administrative event (`media.move_to_objects`,
 * counts only: never a reference), which housekeeping carries into the tamper-evident log.
 */
export async function keepMediaStore(
  stores: Pick<Stores, 'media' | 'changes'>,
  now: number,
  moveLimit = MEDIA_MOVE_BATCH,
  sweepLimit = MEDIA_SWEEP_BATCH,
): Promise<MediaUpkeep> {
  const moved = await stores.media.moveToObjects(now, moveLimit, () => console.info('media: an item moved to the object store'));
  if (moved.done > 0) {
    await stores.changes.commit([], {
      at: now,
      actor: 'system',
      action: 'media.move_to_objects',
      targetType: 'media',
      targetId: 'object-store',
      detail: { moved: moved.done, remaining: moved.remaining },
    });
  }
  const swept = await stores.media.sweep(now, sweepLimit);
  return { movedToObjects: moved.done, leftToMove: moved.remaining, sweptObjectSets: swept.done };
}
