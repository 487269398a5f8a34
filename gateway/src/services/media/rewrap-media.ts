/**
 * Moving media to the current field-key version after a rotation, item by item: every chunk of
 * every stored rendition (original, blurred, redacted), of the detection manifest and of the owner's regions is opened under its own version and sealed again under the current one, in the
 * same slot, and replaced only if it is still the one read (an upload in between wins).
 */
import { CryptoError, rewrapField, type KeyRing } from '@need2know/crypto';
import type { GatewayEnv } from '../../platform/env.js';
import { rewrapChunkStatement, selectChunks, selectMediaBelowKeyVersion, setMediaKeyVersionStatement, type MediaRow } from '../../store/d1/media.js';
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

/** The statements replacing one item's chunks and version, each guarded by what was read. */
async function rewrapItem(env: GatewayEnv, ring: KeyRing, row: MediaRow): Promise<D1PreparedStatement[]> {
  const statements: D1PreparedStatement[] = [];
  const renditions: [StoredRendition, MediaSlot['contentType'] | undefined][] = [
    ['original', row.contentType],
    ['blurred', row.blurred?.contentType],
    ['redacted', row.redacted?.contentType],
    ['detection', row.protectedRendition === null ? undefined : DETECTION_CONTENT_TYPE],
    ['regions', row.regions === 0 ? undefined : DETECTION_CONTENT_TYPE],
  ];
  for (const [rendition, contentType] of renditions) {
    if (contentType === undefined) continue;
    const envelopes = await selectChunks(env.DB, row.ref, rendition);
    envelopes.forEach((envelope, seq) => {
      const moved = rewrapField(ring, chunkContext({ owner: row.owner, ref: row.ref, rendition, contentType }, seq, envelopes.length), envelope);
      statements.push(rewrapChunkStatement(env.DB, row.ref, rendition, seq, envelope, moved));
    });
  }
  statements.push(setMediaKeyVersionStatement(env.DB, row, ring.currentVersion));
  return statements;
}

/**
 * Re-wraps up to `limit` media items below the ring's current version. Resumable and crash-safe:
 * an item's state is in its row, so calling again picks up what is left.
 */
export async function rewrapMediaBatch(env: GatewayEnv, ring: KeyRing, limit = MEDIA_REWRAP_BATCH): Promise<MediaRewrapProgress> {
  let moved = 0;
  const unreadable: string[] = [];
  for (const row of await selectMediaBelowKeyVersion(env.DB, ring.currentVersion, limit)) {
    try {
      const results = await env.DB.batch(await rewrapItem(env, ring, row));
      if ((results.at(-1)?.meta.changes ?? 0) > 0) moved++;
    } catch (err) {
      if (!(err instanceof CryptoError)) throw err;
      console.error(`re-wrap: a media item does not open (${err.code})`);
      unreadable.push(row.ref);
    }
  }
  return { moved, unreadable };
}
