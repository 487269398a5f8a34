/**
 * Media chunks as R2 objects. One object holds one rendition of one item: the field envelopes of its
 * chunks, in order, one a line (an envelope is base64url text and never holds a line break). The key
 * is `media/<set>/<rendition>`, where the set is a random 128-bit id drawn per write: it names no
 * owner, record or reference, so the bucket alone says nothing about whose picture an object is; the
 * `media` row in D1 is the only link. Objects are never overwritten: a new write draws a new set.
 */
import type { StoredRendition } from '../ports/media.js';
import { STORED_RENDITIONS } from '../ports/media.js';

/** Key prefix of every media object (the bucket may hold other things one day). */
export const MEDIA_OBJECT_PREFIX = 'media/';

/** A new object-set id: 128 random bits, hex. */
export function newObjectSetId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The key of `rendition` in object set `set`. */
export const objectKey = (set: string, rendition: StoredRendition) => `${MEDIA_OBJECT_PREFIX}${set}/${rendition}`;

/** Stores `envelopes` as `rendition` of set `set` (nothing for an empty list). */
export async function putRendition(bucket: R2Bucket, set: string, rendition: StoredRendition, envelopes: readonly string[]): Promise<void> {
  if (envelopes.length === 0) return;
  if (envelopes.some((e) => e.includes('\n'))) throw new TypeError('a media chunk envelope holds a line break');
  await bucket.put(objectKey(set, rendition), envelopes.join('\n'));
}

/** The envelopes of `rendition` in set `set`, or null when no such object is stored. */
export async function getRendition(bucket: R2Bucket, set: string, rendition: StoredRendition): Promise<string[] | null> {
  const object = await bucket.get(objectKey(set, rendition));
  return object === null ? null : (await object.text()).split('\n');
}

/** Deletes every object a set can hold (absent ones are no error). */
export async function deleteSet(bucket: R2Bucket, set: string): Promise<void> {
  await bucket.delete(STORED_RENDITIONS.map((r) => objectKey(set, r)));
}
