/**
 * Decoding a JPEG to upright RGBA pixels: at full size with jpeg-js (pure JavaScript: baseline,
 * extended and progressive Huffman-coded files; no WASM or native code to load in a Worker), or,
 * for a photo larger than the gateway works on, at 1/2, 1/4 or 1/8 of its size in the DCT domain
 * (scaled/decode-scaled-jpeg.ts), so that it never exists at full size in memory.
 */
import { decode } from 'jpeg-js';
import { inspectJpeg, JpegError } from '../jpeg.js';
import { MAX_DECODE_COEFFICIENT_BYTES, MAX_DECODE_MEMORY_MB } from '../limits.js';
import type { RgbaImage } from '@need2know/png';
import { ImageDecodeError } from './errors.js';
import type { Orientation } from './exif-orientation.js';
import { type JpegHeader, readJpegHeader } from './jpeg-header.js';
import { applyOrientation } from './orient.js';
import { decodeJpegScaled, type ScaleDenominator } from './scaled/decode-scaled-jpeg.js';

/** Options of {@link decodeJpeg}. */
export interface JpegDecodeOptions {
  /** Largest width × height accepted, checked from the frame header before decoding. */
  readonly maxPixels: number;
  /** jpeg-js's own allocation guard, in MB (benchmarks raise it to measure beyond the deployed limit). */
  readonly maxMemoryMb?: number;
}

/** A decoded JPEG: upright pixels, and the orientation that was applied to make them so. */
export interface DecodedJpeg {
  readonly image: RgbaImage;
  readonly orientation: Orientation;
}

/**
 * Decodes `bytes` to upright 8-bit RGBA: the EXIF orientation is read from the file and applied
 * to the pixels, since the renditions made from them carry no metadata.
 *
 * Security guidance: checks run in order of cost. The header (size, components, coding) is read
 * first, so a decompression bomb or a CMYK file is refused before any allocation; then the whole
 * marker structure (a file cut short, or with bytes after its end, is refused rather than decoded
 * to a partial picture); only then the entropy-coded data, strictly (no tolerant decoding).
 *
 * @example
 * const { image } = decodeJpeg(bytes, { maxPixels: MAX_DECODE_PIXELS });
 * @throws ImageDecodeError `ERR_IMAGE_TOO_LARGE`, `ERR_IMAGE_CMYK`, `ERR_IMAGE_UNSUPPORTED`,
 * `ERR_IMAGE_TRUNCATED`, `ERR_IMAGE_CORRUPT`.
 */
export function decodeJpeg(bytes: Uint8Array, { maxPixels, maxMemoryMb = MAX_DECODE_MEMORY_MB }: JpegDecodeOptions): DecodedJpeg {
  const header = checkedHeader(bytes, maxPixels);
  return { image: applyOrientation(fullDecode(bytes, header, maxPixels, maxMemoryMb), header.orientation), orientation: header.orientation };
}

/** The header once the checks that cost nothing have passed: size, colour layout, EOI last, marker structure. */
function checkedHeader(bytes: Uint8Array, maxPixels: number): JpegHeader {
  const header = readJpegHeader(bytes);
  if (header.width * header.height > maxPixels) throw new ImageDecodeError('ERR_IMAGE_TOO_LARGE', `the picture has more than ${maxPixels} pixels`);
  if (header.components === 4) throw new ImageDecodeError('ERR_IMAGE_CMYK', 'CMYK and YCCK JPEGs are not accepted; export the photo in RGB');
  if (header.components !== 1 && header.components !== 3) throw new ImageDecodeError('ERR_IMAGE_UNSUPPORTED', 'only grey and colour JPEGs are accepted');
  if (bytes[bytes.length - 2] !== 0xff || bytes[bytes.length - 1] !== 0xd9)
    throw new ImageDecodeError('ERR_IMAGE_TRUNCATED', 'the file ends before its picture does');
  try {
    inspectJpeg(bytes);
  } catch (err) {
    if (err instanceof JpegError) throw new ImageDecodeError('ERR_IMAGE_CORRUPT', err.message);
    throw err;
  }
  return header;
}

/** jpeg-js's full-size decode of a checked file, as stored (not yet turned). */
function fullDecode(bytes: Uint8Array, header: JpegHeader, maxPixels: number, maxMemoryMb: number): RgbaImage {
  let decoded: { width: number; height: number; data: Uint8Array };
  try {
    decoded = decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      tolerantDecoding: false,
      maxResolutionInMP: maxPixels / 1_000_000,
      maxMemoryUsageInMB: maxMemoryMb,
    });
  } catch (err) {
    // jpeg-js throws plain Errors with its own wording: the code is what callers get.
    throw new ImageDecodeError('ERR_IMAGE_CORRUPT', `the picture data does not decode (${err instanceof Error ? err.message.slice(0, 80) : 'unknown'})`);
  }
  if (decoded.width !== header.width || decoded.height !== header.height)
    throw new ImageDecodeError('ERR_IMAGE_CORRUPT', 'decoded size differs from the frame header');
  return { width: decoded.width, height: decoded.height, data: decoded.data };
}

/** Options of {@link decodeJpegToFit}. */
export interface FitOptions {
  /** Largest width × height of the decoded (working) picture. */
  readonly maxPixels: number;
  /** Largest width × height of the stored picture, checked from the frame header before decoding. */
  readonly maxOriginalPixels: number;
}

/** A JPEG decoded to fit: upright pixels at 1/`scale` of the upright original's `width` × `height`. */
export interface FittedJpeg extends DecodedJpeg {
  readonly scale: ScaleDenominator;
  readonly width: number;
  readonly height: number;
}

/**
 * The smallest reduction (1, 2, 4 or 8, as libjpeg's `scale_denom`) that brings a `width` ×
 * `height` picture within `maxPixels`, or null when even 1/8 does not.
 *
 * @example
 * fitScale(4000, 3000, 2048 * 2048) // 2: decoded at 2000 × 1500
 */
export function fitScale(width: number, height: number, maxPixels: number): ScaleDenominator | null {
  for (const d of [1, 2, 4, 8] as const) if (Math.ceil(width / d) * Math.ceil(height / d) <= maxPixels) return d;
  return null;
}

/**
 * Decodes `bytes` to upright RGBA within `maxPixels`: at full size when it fits (jpeg-js), and
 * otherwise at the first of 1/2, 1/4 or 1/8 that does, straight from the DCT coefficients, so a
 * 12-megapixel photo costs the memory of a 3-megapixel one. The checks of {@link decodeJpeg} run
 * first, the pixel cap being `maxOriginalPixels` on the stored picture (a decompression bomb).
 *
 * @example
 * const { image, scale } = decodeJpegToFit(phonePhoto, { maxPixels: MAX_MEDIA_PIXELS, maxOriginalPixels: MAX_ORIGINAL_PIXELS }); // 2000 × 1500, 2
 * @throws ImageDecodeError as {@link decodeJpeg}.
 */
export function decodeJpegToFit(bytes: Uint8Array, { maxPixels, maxOriginalPixels }: FitOptions): FittedJpeg {
  const header = checkedHeader(bytes, maxOriginalPixels);
  const scale = fitScale(header.width, header.height, maxPixels);
  if (scale === null) throw new ImageDecodeError('ERR_IMAGE_TOO_LARGE', `the picture does not fit ${maxPixels} pixels even at 1/8`);
  const stored =
    scale === 1
      ? fullDecode(bytes, header, maxPixels, MAX_DECODE_MEMORY_MB)
      : decodeJpegScaled(bytes, { denominator: scale, maxCoefficientBytes: MAX_DECODE_COEFFICIENT_BYTES });
  const turned = header.orientation >= 5;
  return {
    image: applyOrientation(stored, header.orientation),
    orientation: header.orientation,
    scale,
    width: turned ? header.height : header.width,
    height: turned ? header.width : header.height,
  };
}
