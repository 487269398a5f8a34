/**
 * Videos at rest: each chunk of each file, the manifest and each play's key are sealed with the
 * field envelope of @need2know/crypto under the `media` key class, bound in the additional data to
 * their owner, reference, upload and place (`video:<upload>:<file>:<n>/<count>`), so a chunk opens
 * only in its own place: it cannot be moved to another file, position, upload, reference or owner,
 * and a file cannot be cut short. Pure.
 */
import { rewrapField, sealField, type FieldContext, type KeyRing } from '@need2know/crypto';
import { MEDIA_CHUNK_BYTES } from '../media/limits.js';
import { MEDIA_AAD_TYPE, MEDIA_KEY_CLASS, openChunks } from '../media/seal-media.js';
import type { VideoFile } from '../../store/ports/index.js';

/** Where an upload's sealed parts belong: its owner, reference and id. */
export interface VideoPlace {
  readonly owner: string;
  readonly ref: string;
  readonly uploadId: string;
}

/** The envelope context of chunk `seq` of `count` of `file`. */
export function videoChunkContext(place: VideoPlace, file: VideoFile, seq: number, count: number): FieldContext {
  return {
    owner: place.owner,
    recordType: MEDIA_AAD_TYPE,
    recordId: place.ref,
    field: `video:${place.uploadId}:${file}:${seq}/${count}`,
    fieldClass: MEDIA_KEY_CLASS,
  };
}

/** The envelope context of piece `seq` of `count` of the upload's manifest. */
function manifestContext(place: VideoPlace, seq: number, count: number): FieldContext {
  return {
    owner: place.owner,
    recordType: MEDIA_AAD_TYPE,
    recordId: place.ref,
    field: `video:${place.uploadId}:manifest:${seq}/${count}`,
    fieldClass: MEDIA_KEY_CLASS,
  };
}

/** Seals the manifest's bytes: envelopes of pieces of {@link MEDIA_CHUNK_BYTES}, one a line (envelopes hold no line break). */
export function sealManifest(ring: KeyRing, place: VideoPlace, bytes: Uint8Array): string {
  const count = Math.max(1, Math.ceil(bytes.length / MEDIA_CHUNK_BYTES));
  return Array.from({ length: count }, (_, seq) =>
    sealField(ring, manifestContext(place, seq, count), bytes.subarray(seq * MEDIA_CHUNK_BYTES, (seq + 1) * MEDIA_CHUNK_BYTES)),
  ).join('\n');
}

/** Opens what {@link sealManifest} sealed back into the manifest's bytes. */
export function openManifest(ring: KeyRing, place: VideoPlace, sealed: string): Uint8Array {
  return openChunks(ring, sealed.split('\n'), (seq, count) => manifestContext(place, seq, count));
}

/**
 * What {@link sealManifest} sealed, every piece opened and sealed again under the ring's current
 * version (a piece already under it is kept as it is).
 *
 * @throws CryptoError when any piece does not open in its place (tampered, moved or cut short).
 */
export function rewrapManifest(ring: KeyRing, place: VideoPlace, sealed: string): string {
  const pieces = sealed.split('\n');
  return pieces.map((envelope, seq) => rewrapField(ring, manifestContext(place, seq, pieces.length), envelope)).join('\n');
}

/** The envelope context of a play's key (bound to the play and the client it was sealed for). */
export function playKeyContext(place: VideoPlace, playId: string, clientId: string): FieldContext {
  return {
    owner: place.owner,
    recordType: MEDIA_AAD_TYPE,
    recordId: place.ref,
    field: `video:${place.uploadId}:play:${playId}:${clientId}`,
    fieldClass: MEDIA_KEY_CLASS,
  };
}
