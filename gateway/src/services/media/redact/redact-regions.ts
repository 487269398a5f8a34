/**
 * The redacted rendition of a picture: every face box and every manual region, widened by a
 * margin, pixelated and blurred beyond recognition; every other pixel kept as it was. Pure.
 */
import { BLUR_MIN_BLOCK, pixelateAndBlur } from '../blur.js';
import type { Box } from '../detect/manifest.js';
import { checkImage, RGBA_BYTES, type RgbaImage } from '@need2know/png';

/**
 * Blocks across the longer side of a redacted region. A region is a face plus its margin on every
 * side, so the face itself spans about five blocks: too few for a person, or face-recognition
 * software, to recognise anyone (faces need roughly 16 or more samples across to be identified).
 */
export const REDACT_BLOCKS_ACROSS = 8;

/**
 * `box` widened by `margin` × its larger side on every side, rounded outwards to whole pixels and
 * clipped to a `width` × `height` picture; null when nothing of it lies inside.
 *
 * @example
 * widen({ x: 100, y: 100, width: 40, height: 50 }, 0.2, 640, 480) // { x: 90, y: 90, width: 60, height: 70 }
 */
export function widen(box: Box, margin: number, width: number, height: number): Box | null {
  const pad = margin * Math.max(box.width, box.height);
  const x0 = Math.max(0, Math.floor(box.x - pad));
  const y0 = Math.max(0, Math.floor(box.y - pad));
  const x1 = Math.min(width, Math.ceil(box.x + box.width + pad));
  const y1 = Math.min(height, Math.ceil(box.y + box.height + pad));
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
}

/** The pixels of `image` inside `box`, as a picture of their own. */
function crop(image: RgbaImage, box: Box): RgbaImage {
  const data = new Uint8Array(box.width * box.height * RGBA_BYTES);
  for (let y = 0; y < box.height; y++) {
    const from = ((box.y + y) * image.width + box.x) * RGBA_BYTES;
    data.set(image.data.subarray(from, from + box.width * RGBA_BYTES), y * box.width * RGBA_BYTES);
  }
  return { width: box.width, height: box.height, data };
}

/** Writes `patch` into `target` at `box`. */
function paste(target: Uint8Array, width: number, patch: RgbaImage, box: Box): void {
  for (let y = 0; y < box.height; y++) {
    target.set(patch.data.subarray(y * box.width * RGBA_BYTES, (y + 1) * box.width * RGBA_BYTES), ((box.y + y) * width + box.x) * RGBA_BYTES);
  }
}

/**
 * `image` with every box of `boxes`, widened by `margin` (see {@link widen}), pixelated into about
 * {@link REDACT_BLOCKS_ACROSS} blocks and box-blurred; a new picture, `image` untouched.
 *
 * Each region is cut out before it is blurred, so nothing from outside it bleeds in and nothing of
 * it leaks out: outside the widened boxes the result is `image` pixel for pixel. Overlapping
 * regions are each blurred from the original pixels in turn; the later one's blocks win where they
 * overlap, and both are block means of the original only.
 *
 * Security guidance: release the result only where a face was found with confidence (see
 * `policy/media-redaction.ts`); a face the detector missed is kept as is.
 *
 * @example
 * const redacted = redactRegions(image, [...faces, ...manualRegions], REDACT_MARGIN);
 * @throws TypeError when `image` is malformed or `margin` is negative.
 */
export function redactRegions(image: RgbaImage, boxes: readonly Box[], margin: number): RgbaImage {
  checkImage(image);
  if (!(margin >= 0)) throw new TypeError('margin must be zero or more');
  const out = image.data.slice();
  for (const box of boxes) {
    const region = widen(box, margin, image.width, image.height);
    if (region === null) continue;
    const block = Math.max(BLUR_MIN_BLOCK, Math.ceil(Math.max(region.width, region.height) / REDACT_BLOCKS_ACROSS));
    paste(out, image.width, pixelateAndBlur(crop(image, region), block), region);
  }
  return { width: image.width, height: image.height, data: out };
}
