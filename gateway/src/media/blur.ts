/**
 * The blurred rendition of a picture: pixelate to a coarse grid, then box-blur the grid away. Pure.
 *
 * Pixelation replaces each block of pixels by its mean colour, so everything smaller than a block
 * — eyes, mouth, the shape of a face, a tattoo, a name tag — is gone: the result is a function of the
 * block means alone, and two pictures with the same block means blur to the same bytes. The box
 * blur (three passes, which approximate a Gaussian) then smears the block edges, so the mosaic
 * cannot be read back as a low-resolution photo. There is no face detection: the whole picture is
 * blurred, which is what "never released unblurred" asks for.
 */
import { checkImage, RGBA_BYTES, type RgbaImage } from './png/image.js';

/**
 * Blocks across the shorter side of the picture. With a portrait, a face spans at most about half
 * of it, so it ends up at most five blocks wide: too few for a person, or face-recognition software,
 * to recognise anyone (faces need roughly 16 or more samples across to be identified).
 */
export const BLUR_BLOCKS_ACROSS = 10;
/** Smallest block, in pixels: even a thumbnail loses its detail. */
export const BLUR_MIN_BLOCK = 6;
/** Box-blur passes after pixelation: three give a near-Gaussian smear (central limit). */
export const BLUR_PASSES = 3;

/** The block size, in pixels, for a picture of `width` × `height`. */
export function blurBlockSize(width: number, height: number): number {
  return Math.max(BLUR_MIN_BLOCK, Math.ceil(Math.min(width, height) / BLUR_BLOCKS_ACROSS));
}

/** Replaces every `block` × `block` tile (smaller at the right and bottom edges) with its mean, per channel. */
function pixelate(image: RgbaImage, block: number): Uint8Array {
  const { width, height, data } = image;
  const out = new Uint8Array(data.length);
  const sum = new Float64Array(RGBA_BYTES);
  for (let by = 0; by < height; by += block) {
    const yEnd = Math.min(height, by + block);
    for (let bx = 0; bx < width; bx += block) {
      const xEnd = Math.min(width, bx + block);
      sum.fill(0);
      for (let y = by; y < yEnd; y++) {
        for (let x = bx; x < xEnd; x++) {
          const o = (y * width + x) * RGBA_BYTES;
          for (let c = 0; c < RGBA_BYTES; c++) sum[c] = (sum[c] as number) + (data[o + c] as number);
        }
      }
      const n = (yEnd - by) * (xEnd - bx);
      const mean = Array.from(sum, (s) => Math.round(s / n));
      for (let y = by; y < yEnd; y++) {
        for (let x = bx; x < xEnd; x++) out.set(mean, (y * width + x) * RGBA_BYTES);
      }
    }
  }
  return out;
}

/**
 * One box-blur pass of radius `r` along rows (`horizontal`) or columns, edges clamped: each output
 * sample is the mean of the 2r + 1 samples around it. Running sums make it O(pixels) whatever `r`.
 */
function boxPass(src: Uint8Array, dst: Uint8Array, width: number, height: number, r: number, horizontal: boolean): void {
  const lines = horizontal ? height : width;
  const length = horizontal ? width : height;
  const step = (horizontal ? 1 : width) * RGBA_BYTES;
  const window = 2 * r + 1;
  for (let line = 0; line < lines; line++) {
    const base = (horizontal ? line * width : line) * RGBA_BYTES;
    for (let c = 0; c < RGBA_BYTES; c++) {
      const first = base + c;
      let sum = 0;
      for (let i = -r; i <= r; i++) sum += src[first + Math.min(length - 1, Math.max(0, i)) * step] as number;
      for (let i = 0; i < length; i++) {
        dst[first + i * step] = Math.round(sum / window);
        const enter = i + r + 1 < length ? i + r + 1 : length - 1;
        const leave = i - r > 0 ? i - r : 0;
        sum += (src[first + enter * step] as number) - (src[first + leave * step] as number);
      }
    }
  }
}

/**
 * The blurred rendition of `image`, same size: pixelated into blocks of {@link blurBlockSize}, then
 * {@link BLUR_PASSES} box-blur passes each way with a radius of half a block.
 *
 * Security guidance: use the result in place of the picture, never alongside it; re-encode it (the
 * encoder writes no metadata) rather than patching the original file.
 *
 * @example
 * const blurred = blurImage(await decodePng(bytes, { maxPixels }));
 * const png = await encodePng(blurred);
 * @throws TypeError when `image` is malformed.
 */
export function blurImage(image: RgbaImage): RgbaImage {
  checkImage(image);
  const { width, height } = image;
  const block = blurBlockSize(width, height);
  const radius = Math.ceil(block / 2);
  const a = pixelate(image, block);
  const b = new Uint8Array(a.length);
  for (let pass = 0; pass < BLUR_PASSES; pass++) {
    boxPass(a, b, width, height, radius, true);
    boxPass(b, a, width, height, radius, false);
  }
  return { width, height, data: a };
}
