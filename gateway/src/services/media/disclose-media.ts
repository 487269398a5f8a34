/**
 * Finding what a partner may receive for a media reference: the media item, inside the grant, in
 * the rendition the purpose's mode gives for it — decided by `mediaInGrant`, the path videos take
 * too — opened, or nothing. Every way of getting nothing looks the same to the caller; the precise
 * reason goes to the gateway's log.
 */
import { envelopeKeyVersion } from '@need2know/crypto';
import { mayReleaseUnblurredMedia, protectedOriginalAccess, type MediaFacts } from '@need2know/policy';
import type { MediaItem, Stores } from '../../store/ports/index.js';
import { keyRingOpening } from '../keys/key-ring.js';
import { deliveredAsScaledCopy, MAX_DELIVERED_MEDIA_BYTES, type MediaType } from './limits.js';
import { mediaInGrant, type MediaKind, type MediaRequester } from './media-in-grant.js';
import type { Rendition } from './release.js';
import { openMedia } from './seal-media.js';
import { keysOf, type MediaSettings } from './settings.js';

export type { MediaRequester } from './media-in-grant.js';

/** A media item the requester may receive, opened. */
export interface ReleasableMedia {
  readonly row: MediaItem;
  readonly rendition: Rendition;
  readonly contentType: MediaType;
  readonly bytes: Uint8Array;
  /** Ids of the persons the record is about (for limits and the log). */
  readonly subjectIds: readonly string[];
  /** Set when the original went out as its copy at the working size (too large to deliver whole): that copy's pixel size. */
  readonly scaled: { readonly width: number; readonly height: number } | null;
}

/**
 * An original the requester may receive but that cannot be delivered: larger than a sealed answer
 * carries, with no copy at the working size stored (an item uploaded before such copies were made,
 * or one whose copy would itself be too large). Answered `media_too_large`, and logged so.
 */
export interface UndeliverableMedia {
  readonly undeliverable: 'media_too_large';
  readonly row: MediaItem;
}

/** Whether `found` is media to deliver (not null, not an undeliverable original). */
export function isReleasable(found: ReleasableMedia | UndeliverableMedia | null): found is ReleasableMedia {
  return found !== null && !('undeliverable' in found);
}

/** What finding releasable media reads: the media store, the record naming it, the key state. */
export type MediaReadStores = Pick<Stores, 'media' | 'records' | 'keyState'>;

/** Logs why nothing was released (never the reference or anything personal) and returns null. */
function nothing(reason: string): null {
  console.warn(`media not released: ${reason}`);
  return null;
}

/**
 * What `requested` (a reference, or a reference with `#redacted` or `#blurred`) releases to `who` at
 * `now`, or null when nothing: no such item, an item outside the grant, a field the purpose does not
 * disclose (or in `none`), a reference the current record no longer names, a rendition that is
 * not stored. An original larger than `MAX_DELIVERED_MEDIA_BYTES` is never delivered whole: its copy
 * at the working size goes in its place (`scaled` says so), and without one the answer is
 * {@link UndeliverableMedia}.
 *
 * The original of flagged media is in the answer only when `protectedOriginalAccess` says
 * `in_answer` (a partner, under a grant `mayReleaseUnblurredMedia` allows); an officer gets the
 * protected rendition here (redacted, or blurred where no face was found with confidence) and the
 * original through {@link findRevealableOriginal}. The rendition is `renditionToRelease`'s.
 */
export async function findReleasableMedia(
  stores: MediaReadStores,
  settings: MediaSettings,
  who: MediaRequester,
  requested: string,
  now: number,
): Promise<ReleasableMedia | UndeliverableMedia | null> {
  const originals = protectedOriginalAccess(who.clientKind, mayReleaseUnblurredMedia(who.purpose, who.grant)) === 'in_answer';
  return findMedia(stores, settings, who, requested, now, originals);
}

/**
 * The original of `ref` for an officer's reveal, or null when the officer may not have it: the grant
 * does not release originals to officers by reveal, the item is outside the grant, or the reference
 * (one ending in `#redacted` or `#blurred`, or under a `redacted` or `blurred` purpose) does not name an original the grant releases. The caller logs the
 * reveal before anything of the answer leaves.
 */
export async function findRevealableOriginal(
  stores: MediaReadStores,
  settings: MediaSettings,
  who: MediaRequester,
  ref: string,
  now: number,
): Promise<ReleasableMedia | null> {
  if (protectedOriginalAccess(who.clientKind, mayReleaseUnblurredMedia(who.purpose, who.grant)) !== 'by_reveal') return nothing('no reveal under this grant');
  const found = await findMedia(stores, settings, who, ref, now, true);
  return isReleasable(found) && found.rendition === 'original' ? found : null;
}

/** The photo's protected rendition as stored: `redacted` only where a redacted rendition is stored, `blurred` where a detection ran, null where none did. */
function storedProtection(row: MediaItem): MediaFacts['protectedRendition'] {
  if (row.protectedRendition === null) return null;
  return row.protectedRendition === 'redacted' && row.redacted !== null ? 'redacted' : 'blurred';
}

/** The content type a stored rendition has, or undefined when it is not stored. */
function contentTypeOf(row: MediaItem, rendition: Rendition): MediaType | undefined {
  if (rendition === 'original') return row.contentType;
  return rendition === 'redacted' ? row.redacted?.contentType : row.blurred?.contentType;
}

/**
 * The stored slot that delivers `rendition` of `row`: the rendition itself, or, for an original over
 * {@link MAX_DELIVERED_MEDIA_BYTES}, its copy at the working size (`scaled`); null when that original
 * has no such copy (it is never delivered whole).
 */
function deliveredSlot(row: MediaItem, rendition: Rendition, contentType: MediaType): { rendition: Rendition | 'scaled'; contentType: MediaType } | null {
  if (rendition !== 'original' || !deliveredAsScaledCopy(row.bytes)) return { rendition, contentType };
  return row.scaled === null ? null : { rendition: 'scaled', contentType: row.scaled.contentType };
}

/** Photos as `mediaInGrant` reads them: the media store's item, and the protection decided at ingest. */
const photos = (stores: MediaReadStores): MediaKind<MediaItem, { readonly protectedRendition: MediaFacts['protectedRendition'] }> => ({
  name: 'media',
  item: (ref) => stores.media.item(ref),
  facts: async (row) => ({ protectedRendition: storedProtection(row) }),
});

async function findMedia(
  stores: MediaReadStores,
  settings: MediaSettings,
  who: MediaRequester,
  requested: string,
  now: number,
  originals: boolean,
): Promise<ReleasableMedia | UndeliverableMedia | null> {
  const found = await mediaInGrant(stores, settings, who, requested, now, originals, photos(stores));
  if (found === null) return null;
  const { item: row, rendition } = found;
  const contentType = contentTypeOf(row, rendition);
  if (contentType === undefined) return nothing(`no ${rendition} rendition stored`);
  // A phone's original can be far larger than a sealed answer can carry within a Worker's memory:
  // its copy at the working size goes in its place (the renditions, made at that size, always fit).
  const slot = deliveredSlot(row, rendition, contentType);
  if (slot === null) {
    console.warn('media not released: original too large to deliver whole, and no copy at the working size');
    return { undeliverable: 'media_too_large', row };
  }

  // A rendition that does not open is an integrity failure: it throws, never a partial answer.
  const chunks = await stores.media.chunks(row, slot.rendition);
  const opening = await keyRingOpening(keysOf(stores, settings), [row.keyVersion, ...chunks.map(envelopeKeyVersion)]);
  const bytes = openMedia(opening, { owner: row.owner, ref: row.ref, rendition: slot.rendition, contentType: slot.contentType }, chunks);
  const scaled = slot.rendition === 'scaled' && row.scaled !== null ? { width: row.scaled.width, height: row.scaled.height } : null;
  return { row, rendition, contentType: slot.contentType, bytes, subjectIds: found.subjectIds, scaled };
}
