/**
 * Copies at the working size for originals stored before ingest made them (migration 0029): an
 * original larger than a sealed answer carries is delivered as its copy, and one without a copy is
 * refused with `media_too_large`. This job makes the missing copies, a bounded batch per call: each
 * original is opened, decoded upright to the working picture and re-encoded exactly as ingest does
 * (`scaledCopyOf`), sealed like every rendition and stored beside the item's other chunks, only while
 * the item is still the one read (an upload, an edit or a re-wrap in between wins).
 *
 * Run by a privacy officer like the re-wrap job: it changes no one's access (the copy goes out only
 * where the original would), so there is nothing to approve. Idempotent: an item with a copy is never
 * listed again. What it made is logged as an administrative event (counts only, never a reference).
 */
import { CryptoError, envelopeKeyVersion, rewrapField, type KeyRing } from '@need2know/crypto';
import { PngError } from '@need2know/png';
import type { MediaChunks, MediaItem, Stores } from '../../store/ports/index.js';
import { keyRingOpening } from '../keys/key-ring.js';
import { ImageDecodeError } from './decode/errors.js';
import { JpegError } from './jpeg.js';
import { MAX_DELIVERED_MEDIA_BYTES, SCALED_COPY_BATCH } from './limits.js';
import { scaledCopyOf, type PreparedRendition } from './renditions.js';
import { storedSlots } from './rewrap-media.js';
import { chunkContext, openMedia, sealMedia, type StoredRendition } from './seal-media.js';
import { keysOf, type MediaSettings } from './settings.js';

/** What the job reads and writes: the media store, the key state its ring comes from, and the administrative log. */
export type ScaledCopyStores = Pick<Stores, 'media' | 'keyState' | 'changes'>;

/**
 * Why no copy was made of an original: its chunks do not open (`unreadable`, an integrity alarm),
 * it does not decode (`undecodable`), or even its copy would not fit a sealed answer (`copy_too_large`).
 */
export type ScaledCopyFailure = 'unreadable' | 'undecodable' | 'copy_too_large';

/** What one call did. */
export interface ScaledCopyProgress {
  /** Copies made and stored by this call. */
  readonly made: number;
  /** Originals met by this call of which no copy could be made, by reference (reported on every pass that meets them). */
  readonly failed: readonly { readonly ref: string; readonly reason: ScaledCopyFailure }[];
  /** Originals still without a copy, those that failed included. */
  readonly remaining: number;
  /** The reference to continue after, or null when this call reached the end of a pass. */
  readonly next: string | null;
}

/** The item's chunks, each rendition re-sealed under the ring's current version when the item is below it. */
function carried(envelopes: Partial<Record<StoredRendition, string[]>>, item: MediaItem, ring: KeyRing): MediaChunks {
  if (item.keyVersion === ring.currentVersion) return envelopes;
  const out: Partial<Record<StoredRendition, readonly string[]>> = {};
  for (const [rendition, contentType] of storedSlots(item)) {
    const list = envelopes[rendition] ?? [];
    out[rendition] = list.map((envelope, seq) =>
      rewrapField(ring, chunkContext({ owner: item.owner, ref: item.ref, rendition, contentType }, seq, list.length), envelope),
    );
  }
  return out;
}

/**
 * The copy of `item`'s original, made as ingest makes it, or why none can be made. Only the original
 * is held while it is decoded: its envelopes are let go once opened, and the other renditions are
 * read afterwards (a 16 MiB original's envelopes are ≈ 22 MB of text).
 */
async function copyOf(stores: ScaledCopyStores, settings: MediaSettings, item: MediaItem): Promise<PreparedRendition | ScaledCopyFailure> {
  let envelopes: string[] | null = await stores.media.chunks(item, 'original');
  const ring = await keyRingOpening(keysOf(stores, settings), [item.keyVersion, ...envelopes.map(envelopeKeyVersion)]);
  try {
    const original = openMedia(ring, { owner: item.owner, ref: item.ref, rendition: 'original', contentType: item.contentType }, envelopes);
    envelopes = null;
    return (await scaledCopyOf(original, item.contentType)) ?? 'copy_too_large';
  } catch (err) {
    if (err instanceof CryptoError) return 'unreadable';
    if (err instanceof ImageDecodeError || err instanceof JpegError || err instanceof PngError) return 'undecodable';
    throw err;
  }
}

/** Makes and stores the copy of one item: `made`, `changed` (the item changed since read: nothing written), or why no copy can be made. */
async function copyOne(stores: ScaledCopyStores, settings: MediaSettings, item: MediaItem, now: number): Promise<ScaledCopyFailure | 'made' | 'changed'> {
  const copy = await copyOf(stores, settings, item);
  if (typeof copy === 'string') return copy;
  const envelopes: Partial<Record<StoredRendition, string[]>> = {};
  for (const [rendition] of storedSlots(item)) envelopes[rendition] = await stores.media.chunks(item, rendition);
  const versions = Object.values(envelopes).flatMap((list) => list.map(envelopeKeyVersion));
  const ring = await keyRingOpening(keysOf(stores, settings), [item.keyVersion, ...versions]);
  const scaled = sealMedia(ring, { owner: item.owner, ref: item.ref, rendition: 'scaled', contentType: copy.contentType }, copy.bytes);
  let chunks: MediaChunks;
  try {
    chunks = { ...carried(envelopes, item, ring), scaled };
  } catch (err) {
    if (err instanceof CryptoError) return 'unreadable';
    throw err;
  }
  const outcome = await stores.media.addScaled(
    item,
    { contentType: copy.contentType, bytes: copy.bytes.length, chunks: scaled.length, width: copy.width, height: copy.height },
    chunks,
    ring.currentVersion,
    now,
  );
  return outcome.ok ? 'made' : 'changed';
}

/**
 * Makes the missing copies of up to `limit` originals after the reference `after` (a pass starts
 * without it), as `actor` at `now`. Resumable and safe beside uploads: an item's state is its row.
 * Call again with `next` until it is null, then start a new pass while a pass still makes something;
 * what then remains is what failed, reported in `failed` on every pass.
 *
 * @example
 * const { made, failed, next } = await makeScaledCopies(stores, settings, 'po-1', now);
 */
export async function makeScaledCopies(
  stores: ScaledCopyStores,
  settings: MediaSettings,
  actor: string,
  now: number,
  limit = SCALED_COPY_BATCH,
  after?: string,
): Promise<ScaledCopyProgress> {
  const items = await stores.media.withoutScaled(MAX_DELIVERED_MEDIA_BYTES, limit, after);
  let made = 0;
  const failed: { ref: string; reason: ScaledCopyFailure }[] = [];
  for (const item of items) {
    const outcome = await copyOne(stores, settings, item, now);
    if (outcome === 'made') made++;
    else if (outcome !== 'changed') {
      // The reason, never the content: which original is for the response, not the console log.
      console.error(`scaled copies: no copy made of a stored original (${outcome})`);
      failed.push({ ref: item.ref, reason: outcome });
    }
  }
  if (made > 0 || failed.length > 0) {
    const count = (reason: ScaledCopyFailure) => failed.filter((f) => f.reason === reason).length;
    await stores.changes.commit([], {
      at: now,
      actor,
      action: 'media.scaled_copies',
      targetType: 'media',
      targetId: 'scaled-copies',
      detail: { made, unreadable: count('unreadable'), undecodable: count('undecodable'), copy_too_large: count('copy_too_large') },
    });
  }
  const last = items.at(-1);
  return {
    made,
    failed,
    remaining: await stores.media.countWithoutScaled(MAX_DELIVERED_MEDIA_BYTES),
    next: items.length < limit || last === undefined ? null : last.ref,
  };
}
