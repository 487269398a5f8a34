/**
 * Moving videos to the current field-key version after a rotation, part by part: each upload's
 * manifest and every chunk of its original and renditions, and the key of each play not yet ended,
 * are opened under their own version and sealed again under the current one in the same place (the
 * same additional data), then switched in by the store only while the part is still the one read.
 *
 * Which videos: every upload but an `open` one past its expiry — a completed video, one replaced and
 * waiting for the sweeper (a play that started before the replacement may still read it), and an
 * upload still being filled (its later chunks are sealed under the current version anyway). An
 * expired upload is refused to everyone and swept, so it never holds up retiring a version.
 *
 * A cancelled upload is not re-wrapped (its chunks are deleted, its manifest erased); one cancelled
 * after the list was read is skipped, not reported as damaged.
 *
 * Plays in progress keep working across a rotation and a retirement: their keys are re-wrapped like
 * the rest (a play's key is what its chunks are re-sealed under for the caller), so a viewer in the
 * middle of a clip sees nothing of it.
 */
import { CryptoError, rewrapField, type KeyRing } from '@need2know/crypto';
import { systemClock } from '../../platform/env.js';
import type { Stores, VideoSealedPart } from '../../store/ports/index.js';
import { VIDEO_REWRAP_BATCH, VIDEO_REWRAP_SCAN } from './limits.js';
import { playKeyContext, rewrapManifest, videoChunkContext, type VideoPlace } from './seal-video.js';

/** What one call moved, and which parts did not open (an integrity alarm: skipped, never half-written, reported again each call). */
export interface VideoRewrapProgress {
  readonly moved: number;
  /** Each as `<reference>#manifest`, `<reference>#<file>/<n>` or `<reference>#play/<play id>` (a reference never holds `#`). */
  readonly unreadable: readonly string[];
}

/** Where `part` is, as reported when it does not open. */
export function partName(part: VideoSealedPart): string {
  switch (part.kind) {
    case 'manifest':
      return `${part.upload.ref}#manifest`;
    case 'chunk':
      return `${part.upload.ref}#${part.file}/${part.seq}`;
    case 'play_key':
      return `${part.upload.ref}#play/${part.play.id}`;
  }
}

/**
 * `envelope` (the part's envelope as read) re-sealed under the ring's current version, in its own place.
 *
 * @throws CryptoError when it does not open there (tampered, moved, or under a retired version).
 */
export function rewrapPartEnvelope(ring: KeyRing, part: VideoSealedPart, envelope: string): string {
  const place: VideoPlace = { owner: part.upload.owner, ref: part.upload.ref, uploadId: part.upload.id };
  switch (part.kind) {
    case 'manifest':
      return rewrapManifest(ring, place, envelope);
    case 'chunk': {
      const count = part.upload.chunks[part.file];
      if (count === null) throw new CryptoError('ERR_ENVELOPE_MALFORMED', 'a chunk of a file the upload does not hold');
      return rewrapField(ring, videoChunkContext(place, part.file, part.seq, count), envelope);
    }
    case 'play_key':
      return rewrapField(ring, playKeyContext(place, part.play.id, part.play.clientId), envelope);
  }
}

/**
 * Whether a chunk whose object was missing went for a reason other than damage, between the list
 * and the read: its upload cancelled or swept, or the chunk written again (re-sent, or moved by
 * another re-wrap). Such a part is skipped, not reported; if still below, the next call lists it again.
 */
async function goneMeanwhile(stores: Pick<Stores, 'videos'>, part: VideoSealedPart): Promise<boolean> {
  if (part.kind !== 'chunk') return false;
  const upload = await stores.videos.upload(part.upload.id);
  if (upload === null || upload.state === 'cancelled') return true;
  return (await stores.videos.chunk(part.upload.id, part.file, part.seq)) !== null;
}

/**
 * Re-wraps up to `limit` video parts below the ring's current version, at `now` (which uploads and
 * plays still count). Parts that do not open are reported and skipped: the call looks at no more
 * than {@link VIDEO_REWRAP_SCAN} parts, so a few unreadable ones never stop the rest from moving.
 * Resumable and crash-safe: each part's version is in its index row, and a part is switched only
 * after its new envelope is stored; calling again picks up what is left.
 */
export async function rewrapVideoBatch(
  stores: Pick<Stores, 'videos'>,
  ring: KeyRing,
  limit = VIDEO_REWRAP_BATCH,
  now = systemClock(),
): Promise<VideoRewrapProgress> {
  let moved = 0;
  let scanned = 0;
  const unreadable: string[] = [];
  let after: VideoSealedPart | undefined;
  while (moved < limit && scanned < VIDEO_REWRAP_SCAN) {
    const asked = Math.min(limit, VIDEO_REWRAP_SCAN - scanned);
    const parts = await stores.videos.partsBelowKeyVersion(ring.currentVersion, now, asked, after);
    for (const part of parts) {
      scanned++;
      after = part;
      const envelope = await stores.videos.envelope(part);
      if (envelope === null && (await goneMeanwhile(stores, part))) continue;
      try {
        if (envelope === null) throw new CryptoError('ERR_ENVELOPE_MALFORMED', 'the object the index names is missing');
        const outcome = await stores.videos.rewrapPart(part, rewrapPartEnvelope(ring, part, envelope), ring.currentVersion);
        // A conflict: an upload, a re-send or another re-wrap changed the part since it was read; it is counted again if still below.
        if (outcome.ok) moved++;
      } catch (err) {
        if (!(err instanceof CryptoError)) throw err;
        console.error(`re-wrap: a video part does not open (${err.code})`);
        unreadable.push(partName(part));
      }
      if (moved >= limit) break;
    }
    if (parts.length < asked) break; // the end of the list
  }
  return { moved, unreadable };
}

/** How many video parts are still below field-key version `current` at `now`. */
export function countVideoPartsBelow(stores: Pick<Stores, 'videos'>, current: number, now = systemClock()): Promise<number> {
  return stores.videos.countBelowKeyVersion(current, now);
}
