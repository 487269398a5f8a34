/**
 * The demo's media: synthetic PNG pictures for some of the persons' photo references and the cases'
 * evidence photos, so the gateway's media store and its blurring can be seen working. Deterministic:
 * the same dataset gives the same items and the same bytes.
 */
import type { Dataset } from '../dataset.js';
import { seedKey, streamRng } from '../lib/prng.js';
import type { Canvas } from './canvas.js';
import { encodeRgbPng } from './png.js';
import { portraitPixels, scenePixels } from './pictures.js';

/** Items made by default: enough to browse, few enough to load in a few seconds (a few KB each). */
export const DEFAULT_MEDIA_ITEMS = 300;

/** Random stream of the pictures (apart from the records' streams, so records never change because of them). */
const MEDIA_STREAM = 101;

const encoded = (c: Canvas) => encodeRgbPng(c.width, c.height, c.rgb);

/** One picture to upload: the record that names it, its reference, and its file (made on demand). */
export interface DemoMediaItem {
  readonly recordType: 'person' | 'case';
  readonly recordId: string;
  readonly ref: string;
  readonly contentType: 'image/png';
  /** The PNG file. */
  png(): Promise<Uint8Array>;
}

/**
 * Up to `limit` pictures for `data`: half identity photos of the first persons that have a
 * `photo_ref` (minors among them, whose photos the gateway blurs), half evidence photos of the first
 * cases (flagged or not; evidence flagged as showing people gets figures in it). Only persons and
 * cases in the dataset are used; refs are the records' own.
 *
 * @example
 * for (const item of demoMedia(generateDataset({ persons: 1000 }))) await upload(item.recordType, item.recordId, item.ref, await item.png());
 */
export function demoMedia(data: Dataset, limit = DEFAULT_MEDIA_ITEMS): DemoMediaItem[] {
  if (!Number.isSafeInteger(limit) || limit < 0) throw new TypeError('limit must be a whole number');
  const key = seedKey(`${data.seed}/media`);
  const items: DemoMediaItem[] = [];
  const half = Math.ceil(limit / 2);
  for (let i = 0; i < data.sizes.persons && items.length < half; i++) {
    const person = data.personAt(i);
    if (person.photo_ref === undefined) continue;
    const n = items.length;
    items.push({
      recordType: 'person',
      recordId: person.id,
      ref: person.photo_ref,
      contentType: 'image/png',
      png: () => encoded(portraitPixels(streamRng(key, MEDIA_STREAM, n))),
    });
  }
  for (let i = 0; i < data.sizes.cases && items.length < limit; i++) {
    const record = data.caseAt(i);
    for (const item of record.evidence ?? []) {
      if (item.kind !== 'photo' || items.length >= limit) continue;
      const n = items.length;
      const figures =
        (item.shows_minor ? 1 : 0) + (item.shows_restrained ? 1 : 0) + (item.shows_victim === true ? 1 : 0) + (item.shows_witness === true ? 1 : 0);
      items.push({
        recordType: 'case',
        recordId: record.id,
        ref: item.media_ref,
        contentType: 'image/png',
        png: () => encoded(scenePixels(streamRng(key, MEDIA_STREAM, n), figures)),
      });
    }
  }
  return items;
}
