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
import { checkImage, RGBA_BYTES, type RgbaImage } from '@need2know/png';

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
  for (let by = 0; by < height; by += block) {
    const yEnd = Math.min(height, by + block);
    for (let bx = 0; bx < width; bx += block) {
      const xEnd = Math.min(width, bx + block);
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let y = by; y < yEnd; y++) {
        for (let o = (y * width + bx) * RGBA_BYTES, end = (y * width + xEnd) * RGBA_BYTES; o < end; o += RGBA_BYTES) {
          r += data[o] as number;
          g += data[o + 1] as number;
          b += data[o + 2] as number;
          a += data[o + 3] as number;
        }
      }
      const n = (yEnd - by) * (xEnd - bx);
      [r, g, b, a] = [Math.round(r / n), Math.round(g / n), Math.round(b / n), Math.round(a / n)];
      for (let y = by; y < yEnd; y++) {
        for (let o = (y * width + bx) * RGBA_BYTES, end = (y * width + xEnd) * RGBA_BYTES; o < end; o += RGBA_BYTES) {
          out[o] = r;
          out[o + 1] = g;
          out[o + 2] = b;
          out[o + 3] = a;
        }
      }
    }
  }
  return out;
}

/**
 * One box-blur pass of radius `r` along rows (`horizontal`) or columns, edges clamped, in place: each
 * output sample is the mean of the 2r + 1 samples around it. Each line is copied into `line` first
 * (room for the longer side), so the picture needs no second full-size buffer; running sums make it
 * O(pixels) whatever `r`.
 */
function boxPass(data: Uint8Array, line: Uint8Array, width: number, height: number, r: number, horizontal: boolean): void {
  const lines = horizontal ? height : width;
  const length = horizontal ? width : height;
  const step = (horizontal ? 1 : width) * RGBA_BYTES;
  const end = length * RGBA_BYTES;
  const lastSample = end - RGBA_BYTES;
  const inverse = 1 / (2 * r + 1);
  for (let l = 0; l < lines; l++) {
    const first = (horizontal ? l * width : l) * RGBA_BYTES;
    for (let k = 0, o = first; k < end; k += RGBA_BYTES, o += step) {
      line[k] = data[o] as number;
      line[k + 1] = data[o + 1] as number;
      line[k + 2] = data[o + 2] as number;
      line[k + 3] = data[o + 3] as number;
    }
    // The four channels side by side: one pass over the line, four running sums.
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let i = -r; i <= r; i++) {
      const k = Math.min(length - 1, Math.max(0, i)) * RGBA_BYTES;
      s0 += line[k] as number;
      s1 += line[k + 1] as number;
      s2 += line[k + 2] as number;
      s3 += line[k + 3] as number;
    }
    for (let k = 0, o = first; k < end; k += RGBA_BYTES, o += step) {
      data[o] = (s0 * inverse + 0.5) | 0;
      data[o + 1] = (s1 * inverse + 0.5) | 0;
      data[o + 2] = (s2 * inverse + 0.5) | 0;
      data[o + 3] = (s3 * inverse + 0.5) | 0;
      const enter = Math.min(lastSample, k + (r + 1) * RGBA_BYTES);
      const leave = Math.max(0, k - r * RGBA_BYTES);
      s0 += (line[enter] as number) - (line[leave] as number);
      s1 += (line[enter + 1] as number) - (line[leave + 1] as number);
      s2 += (line[enter + 2] as number) - (line[leave + 2] as number);
      s3 += (line[enter + 3] as number) - (line[leave + 3] as number);
    }
  }
}

/**
 * `image` pixelated into blocks of `block` pixels, then {@link BLUR_PASSES} box-blur passes each way
 * with a radius of half a block: the result depends on the block means alone. Used for the whole
 * frame ({@link blurImage}) and for each redacted region (`redact/redact-regions.ts`).
 *
 * @throws TypeError when `image` is malformed or `block` is not a positive integer.
 */
export function pixelateAndBlur(image: RgbaImage, block: number): RgbaImage {
  checkImage(image);
  if (!Number.isSafeInteger(block) || block < 1) throw new TypeError('block must be a positive integer');
  const { width, height } = image;
  const radius = Math.ceil(block / 2);
  const a = pixelate(image, block);
  // One line of the longer side: the passes work in place (a second full-size buffer was 16 MB at 2048 × 2048).
  const line = new Uint8Array(Math.max(width, height) * RGBA_BYTES);
  for (let pass = 0; pass < BLUR_PASSES; pass++) {
    boxPass(a, line, width, height, radius, true);
    boxPass(a, line, width, height, radius, false);
  }
  return { width, height, data: a };
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
  return pixelateAndBlur(image, blurBlockSize(image.width, image.height));
}
