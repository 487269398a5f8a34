/**
 * Turning decoded pixels upright by their EXIF orientation. Pure.
 */
import { RGBA_BYTES, type RgbaImage } from '@need2know/png';
import type { Orientation } from './exif-orientation.js';

/**
 * `image` as a viewer honouring `orientation` would show it. Orientations 5–8 swap width and height.
 * Orientation 1 returns `image` itself; the others return a new picture.
 *
 * @example
 * applyOrientation({ width: 4032, height: 3024, data }, 6) // 3024 × 4032, turned 90° clockwise
 */
export function applyOrientation(image: RgbaImage, orientation: Orientation): RgbaImage {
  if (orientation === 1) return image;
  const { width: w, height: h, data } = image;
  const swap = orientation >= 5;
  const [ow, oh] = swap ? [h, w] : [w, h];
  // One 32-bit word per pixel; a view needs 4-byte alignment, so an unaligned buffer is copied first.
  const aligned = data.byteOffset % RGBA_BYTES === 0 ? data : data.slice();
  const src = new Uint32Array(aligned.buffer, aligned.byteOffset, w * h);
  const outBytes = new Uint8Array(w * h * RGBA_BYTES);
  const out = new Uint32Array(outBytes.buffer);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      // The stored pixel shown at (x, y), per EXIF's definition of each value.
      let sx: number;
      let sy: number;
      switch (orientation) {
        case 2:
          [sx, sy] = [w - 1 - x, y];
          break;
        case 3:
          [sx, sy] = [w - 1 - x, h - 1 - y];
          break;
        case 4:
          [sx, sy] = [x, h - 1 - y];
          break;
        case 5:
          [sx, sy] = [y, x];
          break;
        case 6:
          [sx, sy] = [y, h - 1 - x];
          break;
        case 7:
          [sx, sy] = [w - 1 - y, h - 1 - x];
          break;
        default:
          [sx, sy] = [w - 1 - y, x];
          break;
      }
      out[y * ow + x] = src[sy * w + sx] as number;
    }
  }
  return { width: ow, height: oh, data: outBytes };
}
