/**
 * The picture the gateway works on: an upright photo decoded within {@link MAX_MEDIA_PIXELS}, at
 * 1/`scale` of the original's size, and the mapping of boxes between the two. Face boxes and manual
 * regions are kept and logged in the upright original's pixels; renditions are made on the working
 * picture, so boxes are mapped down just before they are blurred.
 */
import { decodePng, type RgbaImage } from '@need2know/png';
import type { Box } from '../detect/manifest.js';
import { MAX_MEDIA_PIXELS, MAX_ORIGINAL_PIXELS, type MediaType } from '../limits.js';
import { decodeJpegToFit } from './decode-jpeg.js';
import type { Orientation } from './exif-orientation.js';
import type { ScaleDenominator } from './scaled/decode-scaled-jpeg.js';

/** A decoded photo: the working pixels, their scale, and the upright original's size. */
export interface WorkingPicture {
  readonly image: RgbaImage;
  /** The original is `scale` times the working picture along each side (1 when decoded at full size). */
  readonly scale: ScaleDenominator;
  /** Size of the upright original, in its pixels. */
  readonly width: number;
  readonly height: number;
  readonly orientation: Orientation;
}

/**
 * Decodes an original of a checked `type` to its working picture: a JPEG at the first of 1, 1/2,
 * 1/4 or 1/8 that fits {@link MAX_MEDIA_PIXELS} (originals up to {@link MAX_ORIGINAL_PIXELS}), a PNG
 * at full size within {@link MAX_MEDIA_PIXELS}.
 *
 * @example
 * const picture = await decodeWorkingPicture(phoneJpeg, 'image/jpeg'); // 2000 × 1500 of a 4000 × 3000 photo, scale 2
 * @throws ImageDecodeError (JPEG) or PngError (PNG) for a file the gateway will not decode.
 */
export async function decodeWorkingPicture(bytes: Uint8Array, type: MediaType): Promise<WorkingPicture> {
  if (type === 'image/png') {
    const image = await decodePng(bytes, { maxPixels: MAX_MEDIA_PIXELS });
    return { image, scale: 1, width: image.width, height: image.height, orientation: 1 };
  }
  return decodeJpegToFit(bytes, { maxPixels: MAX_MEDIA_PIXELS, maxOriginalPixels: MAX_ORIGINAL_PIXELS });
}

/**
 * `box` (in the working picture's pixels) in the original's pixels.
 *
 * @example
 * toOriginalBox({ x: 10, y: 20, width: 30, height: 40, score: 0.9 }, 2) // { x: 20, y: 40, width: 60, height: 80, score: 0.9 }
 */
export function toOriginalBox<B extends Box>(box: B, scale: number): B {
  return { ...box, x: box.x * scale, y: box.y * scale, width: box.width * scale, height: box.height * scale };
}

/** `box` (in the original's pixels) in the working picture's pixels: the inverse of {@link toOriginalBox}. */
export function toWorkingBox<B extends Box>(box: B, scale: number): B {
  return { ...box, x: box.x / scale, y: box.y / scale, width: box.width / scale, height: box.height / scale };
}
