/**
 * The video store's share of the scheduled job: uploads never completed are deleted once expired
 * (their chunks first, then their rows), and so are the chunks of a video replaced by a new upload
 * once their grace is over; plays past their end are forgotten. Nothing disclosable is touched: a
 * completed upload a reference names is never swept.
 */
import type { Stores } from '../../store/ports/index.js';
import { VIDEO_SWEEP_BATCH } from './limits.js';

/** Deletes up to `limit` due uploads at `now`; returns how many. */
export async function keepVideoStore(stores: Pick<Stores, 'videos'>, now: number, limit = VIDEO_SWEEP_BATCH): Promise<number> {
  return stores.videos.sweep(now, limit);
}
