/**
 * Decoding an uploaded photo, whatever its type: the one entry point for ingest, so that every
 * photo — JPEG or PNG — can be redacted and blurred by the gateway.
 */
import { MEDIA_TYPES, type MediaType } from '../limits.js';
import { hasJpegSignature } from '../jpeg.js';
import { decodePng, hasPngSignature, PngError, type RgbaImage } from '@need2know/png';
import { decodeJpeg, type JpegDecodeOptions } from './decode-jpeg.js';
import { ImageDecodeError } from './errors.js';
import type { Orientation } from './exif-orientation.js';

/** A decoded photo: its checked type, upright pixels, and the EXIF orientation applied (1 for PNG). */
export interface DecodedImage {
  readonly type: MediaType;
  readonly image: RgbaImage;
  readonly orientation: Orientation;
}

/** The media type `bytes` really are, from their signature, or null. */
export function sniffImageType(bytes: Uint8Array): MediaType | null {
  if (hasPngSignature(bytes)) return 'image/png';
  if (hasJpegSignature(bytes)) return 'image/jpeg';
  return null;
}

/** PNG codes that mean the file was cut short, or too large; every other PNG code is corruption. */
function fromPng(err: PngError): ImageDecodeError {
  if (err.code === 'ERR_PNG_TOO_LARGE') return new ImageDecodeError('ERR_IMAGE_TOO_LARGE', err.message);
  if (err.code === 'ERR_PNG_UNSUPPORTED') return new ImageDecodeError('ERR_IMAGE_UNSUPPORTED', err.message);
  return new ImageDecodeError(
    err.code === 'ERR_PNG_CHUNK' && /past the end|truncat/i.test(err.message) ? 'ERR_IMAGE_TRUNCATED' : 'ERR_IMAGE_CORRUPT',
    err.message,
  );
}

/**
 * Decodes `bytes`, declared as `declaredType` (parameters ignored), to upright RGBA.
 *
 * Security guidance: the declared type must match the bytes (no decoder is ever run on a file
 * under another type's name), and the size limit is checked from the header before decoding.
 *
 * @example
 * const { image } = await decodeImage(upload.bytes, 'image/jpeg', { maxPixels: MAX_DECODE_PIXELS });
 * @throws ImageDecodeError with a stable code (see `ImageDecodeCode`).
 */
export async function decodeImage(bytes: Uint8Array, declaredType: string, options: JpegDecodeOptions): Promise<DecodedImage> {
  const declared = declaredType.split(';')[0]?.trim().toLowerCase() ?? '';
  const actual = sniffImageType(bytes);
  if (actual === null || actual !== declared || !(MEDIA_TYPES as readonly string[]).includes(declared)) {
    throw new ImageDecodeError('ERR_IMAGE_TYPE_MISMATCH', `the file is not ${declared || 'a declared type'}`);
  }
  if (actual === 'image/jpeg') return { type: actual, ...decodeJpeg(bytes, options) };
  try {
    return { type: actual, image: await decodePng(bytes, { maxPixels: options.maxPixels }), orientation: 1 };
  } catch (err) {
    if (err instanceof PngError) throw fromPng(err);
    throw err;
  }
}
