/**
 * Decoding a JPEG to upright RGBA pixels, with jpeg-js (pure JavaScript: baseline, extended and
 * progressive Huffman-coded files; no WASM or native code to load in a Worker).
 */
import { decode } from 'jpeg-js';
import { inspectJpeg, JpegError } from '../jpeg.js';
import { MAX_DECODE_MEMORY_MB } from '../limits.js';
import type { RgbaImage } from '@need2know/png';
import { ImageDecodeError } from './errors.js';
import type { Orientation } from './exif-orientation.js';
import { readJpegHeader } from './jpeg-header.js';
import { applyOrientation } from './orient.js';

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
  const image = { width: decoded.width, height: decoded.height, data: decoded.data };
  return { image: applyOrientation(image, header.orientation), orientation: header.orientation };
}
