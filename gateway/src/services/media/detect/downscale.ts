/**
 * Shrinking a picture for the detector, by area averaging. Pure.
 */
import { RGBA_BYTES, type RgbaImage } from '@need2know/png';

/** An RGB picture (3 bytes per pixel), as the detector's input tensor takes it, and the factor it was shrunk by. */
export interface RgbInput {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
  /** Original size ÷ this size (≥ 1). */
  readonly scale: number;
}

/**
 * `image` as RGB, shrunk so that its longer side is at most `maxSide` (never enlarged). Each output
 * pixel is the mean of the source pixels it covers, so small faces fade rather than alias away.
 *
 * The detector resizes its input to a small square anyway; handing it the full picture would make
 * it build and resize tensors of millions of values first, most of its cost on large photos.
 */
export function downscaleToRgb(image: RgbaImage, maxSide: number): RgbInput {
  const { width: w, height: h, data } = image;
  const scale = Math.max(1, Math.max(w, h) / maxSide);
  const ow = Math.max(1, Math.round(w / scale));
  const oh = Math.max(1, Math.round(h / scale));
  const out = new Uint8Array(ow * oh * 3);
  for (let y = 0; y < oh; y++) {
    const y0 = Math.floor((y * h) / oh);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * h) / oh));
    for (let x = 0; x < ow; x++) {
      const x0 = Math.floor((x * w) / ow);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * w) / ow));
      let r = 0;
      let g = 0;
      let b = 0;
      for (let sy = y0; sy < y1; sy++) {
        for (let o = (sy * w + x0) * RGBA_BYTES, end = (sy * w + x1) * RGBA_BYTES; o < end; o += RGBA_BYTES) {
          r += data[o] as number;
          g += data[o + 1] as number;
          b += data[o + 2] as number;
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      const o = (y * ow + x) * 3;
      out[o] = r / n;
      out[o + 1] = g / n;
      out[o + 2] = b / n;
    }
  }
  return { width: ow, height: oh, data: out, scale: w / ow };
}
