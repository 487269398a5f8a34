/**
 * Media at rest: each rendition is split into chunks of {@link MEDIA_CHUNK_BYTES} and every chunk
 * sealed with the field envelope of @need2know/crypto under the `media` key class. Pure.
 *
 * The additional data binds a chunk to its owner and reference (as the envelope's owner and record
 * id, under the record type `media`, which no schema type uses) and, in the field name, to its
 * rendition, content type, position and the chunk count. So a chunk opens only in its own place:
 * a blurred chunk cannot be swapped for an original one, chunks cannot be reordered, dropped or
 * moved to another reference or owner, and a rendition cannot be cut short.
 */
import { openField, sealField, type FieldContext, type KeyRing } from '@need2know/crypto';
import { MEDIA_CHUNK_BYTES, type MediaType } from './limits.js';
import type { StoredRendition } from '../../store/ports/index.js';

/** Envelope record type of media chunks: not a record type of the schema, so no field envelope can pass for one. */
export const MEDIA_AAD_TYPE = 'media';
/** Key class media are sealed under (as declared for media fields in the schema). */
export const MEDIA_KEY_CLASS = 'media';

export type { StoredRendition } from '../../store/ports/index.js';

/** Content type of the sealed detection manifest. */
export const DETECTION_CONTENT_TYPE = 'application/json';

/** Where a rendition is stored: the item's owner and reference, which rendition, and its content type. */
export interface MediaSlot {
  readonly owner: string;
  readonly ref: string;
  readonly rendition: StoredRendition;
  readonly contentType: MediaType | typeof DETECTION_CONTENT_TYPE;
}

/** The envelope context of chunk `seq` of `count` in `slot`. */
export function chunkContext(slot: MediaSlot, seq: number, count: number): FieldContext {
  return {
    owner: slot.owner,
    recordType: MEDIA_AAD_TYPE,
    recordId: slot.ref,
    field: `${slot.rendition}:${slot.contentType}:${seq}/${count}`,
    fieldClass: MEDIA_KEY_CLASS,
  };
}

/**
 * Seals `bytes` for `slot`: the envelopes of its chunks, in order (at least one), all under the
 * ring's current key version.
 */
export function sealMedia(ring: KeyRing, slot: MediaSlot, bytes: Uint8Array): string[] {
  const count = Math.max(1, Math.ceil(bytes.length / MEDIA_CHUNK_BYTES));
  return Array.from({ length: count }, (_, seq) =>
    sealField(ring, chunkContext(slot, seq, count), bytes.subarray(seq * MEDIA_CHUNK_BYTES, (seq + 1) * MEDIA_CHUNK_BYTES)),
  );
}

/**
 * Opens the chunk envelopes of `slot` (all of them, in order) back into the file.
 *
 * @throws CryptoError `ERR_ENVELOPE_AUTH` when any chunk is missing, reordered, from another slot or tampered with.
 */
export function openMedia(ring: KeyRing, slot: MediaSlot, envelopes: readonly string[]): Uint8Array {
  return openChunks(ring, envelopes, (seq, count) => chunkContext(slot, seq, count));
}

/**
 * Opens chunk envelopes, each under the context `contextAt` gives its place (position and count),
 * and joins them in order: a photo's file, or a video's sealed manifest.
 *
 * @throws CryptoError `ERR_ENVELOPE_AUTH` when any chunk is missing, reordered, out of its place or tampered with.
 */
export function openChunks(ring: KeyRing, envelopes: readonly string[], contextAt: (seq: number, count: number) => FieldContext): Uint8Array {
  const parts = envelopes.map((envelope, seq) => openField(ring, contextAt(seq, envelopes.length), envelope));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
