/**
 * What is stored for an upload: the original without its metadata, and a blurred rendition made
 * here — decode (a large JPEG at a reduced scale), blur, re-encode — for PNG and JPEG alike (one way
 * to blur, the gateway's). Pure
 * (the runtime's zlib streams aside).
 */
import { blurImage } from './blur.js';
import { encodeJpeg } from './decode/encode-jpeg.js';
import { ImageDecodeError } from './decode/errors.js';
import { orientationSegment } from './decode/exif-orientation.js';
import { hasJpegSignature, inspectJpeg, JpegError } from './jpeg.js';
import { decodeWorkingPicture } from './decode/working-picture.js';
import type { ScaleDenominator } from './decode/scaled/decode-scaled-jpeg.js';
import { deliveredAsScaledCopy, MAX_DELIVERED_MEDIA_BYTES, MAX_MEDIA_BYTES, MEDIA_TYPES, type MediaType } from './limits.js';
import { encodePng, hasPngSignature, PngError, stripPngMetadata, type RgbaImage } from '@need2know/png';

/** Which part of an upload a problem is about. */
export type UploadPart = 'original' | 'blurred';

/** Stable codes of {@link MediaInputError}. */
export type MediaInputCode = 'unsupported_content_type' | 'content_type_mismatch' | 'too_large' | 'empty' | 'unreadable' | 'blurred_not_accepted';

/** An uploaded file the gateway will not store, with the part it concerns and, for unreadable files, the decoder's code. */
export class MediaInputError extends Error {
  readonly code: MediaInputCode;
  readonly part: UploadPart;
  readonly reason: string | undefined;

  constructor(code: MediaInputCode, part: UploadPart, message: string, reason?: string) {
    super(message);
    this.name = 'MediaInputError';
    this.code = code;
    this.part = part;
    this.reason = reason;
  }
}

/** One uploaded file: its bytes and the content type the upload declared for it. */
export interface UploadedFile {
  readonly bytes: Uint8Array;
  readonly declaredType: string;
}

/** A rendition ready to seal. */
export interface PreparedRendition {
  readonly bytes: Uint8Array;
  readonly contentType: MediaType;
  readonly width: number;
  readonly height: number;
}

/**
 * What {@link prepareRenditions} gives: the original (its size the upright original's), the blurred
 * rendition with who made it (null: none), and the upright working pixels (for face redaction), at
 * 1/`scale` of the original's size.
 */
export interface PreparedMedia {
  readonly original: PreparedRendition;
  readonly blurred: (PreparedRendition & { readonly by: 'gateway' | 'owner' }) | null;
  /** The original's picture at the working size, for an original too large to deliver whole (see {@link scaledOriginal}); null otherwise. */
  readonly scaled: PreparedRendition | null;
  readonly pixels: RgbaImage;
  readonly scale: ScaleDenominator;
}

/** The media type `bytes` really are, from their signature, or null. */
export function sniffMediaType(bytes: Uint8Array): MediaType | null {
  if (hasPngSignature(bytes)) return 'image/png';
  if (hasJpegSignature(bytes)) return 'image/jpeg';
  return null;
}

/** The declared type (parameters ignored) once checked against the bytes and the size cap. */
function checkFile(file: UploadedFile, part: UploadPart): MediaType {
  const declared = file.declaredType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!(MEDIA_TYPES as readonly string[]).includes(declared))
    throw new MediaInputError('unsupported_content_type', part, `${part}: only ${MEDIA_TYPES.join(' and ')} are accepted`);
  if (file.bytes.length === 0) throw new MediaInputError('empty', part, `${part}: the file is empty`);
  if (file.bytes.length > MAX_MEDIA_BYTES) throw new MediaInputError('too_large', part, `${part}: larger than ${MAX_MEDIA_BYTES} bytes`);
  if (sniffMediaType(file.bytes) !== declared) throw new MediaInputError('content_type_mismatch', part, `${part}: the file is not ${declared}`);
  return declared as MediaType;
}

/** `jpeg` with `segment` inserted right after its SOI marker. */
function afterSoi(jpeg: Uint8Array, segment: Uint8Array): Uint8Array {
  const out = new Uint8Array(jpeg.length + segment.length);
  out.set(jpeg.subarray(0, 2));
  out.set(segment, 2);
  out.set(jpeg.subarray(2), 2 + segment.length);
  return out;
}

/**
 * Reads a file of a checked type: metadata stripped, pixels decoded upright at the working scale (so
 * a file that does not decode is refused). A JPEG's EXIF orientation survives the stripping as a
 * segment of its own, so the original still shows upright.
 */
async function readFile(bytes: Uint8Array, type: MediaType, part: UploadPart): Promise<PreparedRendition & { pixels: RgbaImage; scale: ScaleDenominator }> {
  try {
    if (type === 'image/png') {
      const stripped = stripPngMetadata(bytes);
      const { image } = await decodeWorkingPicture(stripped, type);
      return { bytes: stripped, contentType: type, width: image.width, height: image.height, pixels: image, scale: 1 };
    }
    const { image, orientation, scale, width, height } = await decodeWorkingPicture(bytes, type);
    const { stripped } = inspectJpeg(bytes);
    const kept = orientation === 1 ? stripped : afterSoi(stripped, orientationSegment(orientation));
    return { bytes: kept, contentType: type, width, height, pixels: image, scale };
  } catch (err) {
    if (err instanceof PngError || err instanceof JpegError || err instanceof ImageDecodeError) {
      const code = err.code === 'ERR_PNG_TOO_LARGE' || err.code === 'ERR_IMAGE_TOO_LARGE' ? 'too_large' : 'unreadable';
      throw new MediaInputError(code, part, `${part}: ${err.message}`, err.code);
    }
    throw err;
  }
}

/** The blurred rendition of decoded pixels, in the original's format. */
async function blurredOf(pixels: RgbaImage, type: MediaType): Promise<Uint8Array> {
  const blurred = blurImage(pixels);
  return type === 'image/png' ? encodePng(blurred) : encodeJpeg(blurred);
}

/**
 * The clear picture delivered in place of an original larger than {@link MAX_DELIVERED_MEDIA_BYTES}:
 * the upright working picture (at most MAX_MEDIA_PIXELS: a 12-megapixel photo at 2000 × 1500),
 * re-encoded as JPEG at the renditions' quality, with no metadata. Null when the original is small
 * enough to deliver whole, or when even this copy would not fit a sealed answer (then the original
 * is refused with `media_too_large` when asked for, never delivered whole).
 *
 * @example
 * scaledOriginal(fiveMegabyteJpeg, working) // { bytes: …, contentType: 'image/jpeg', width: 2000, height: 1500 }
 */
export function scaledOriginal(original: PreparedRendition, pixels: RgbaImage): PreparedRendition | null {
  if (!deliveredAsScaledCopy(original.bytes.length)) return null;
  const bytes = encodeJpeg(pixels);
  if (bytes.length > MAX_DELIVERED_MEDIA_BYTES) return null;
  return { bytes, contentType: 'image/jpeg', width: pixels.width, height: pixels.height };
}

/**
 * The copy at the working size of an original already stored (its metadata stripped at ingest), made
 * as ingest makes it: decoded upright to the working picture, then {@link scaledOriginal}. Null when
 * the original is small enough to deliver whole, or the copy would not fit a sealed answer either.
 *
 * @example
 * await scaledCopyOf(storedOriginal, 'image/jpeg') // { bytes: …, contentType: 'image/jpeg', width: 2000, height: 1500 }
 * @throws ImageDecodeError, JpegError or PngError for a file the gateway does not decode.
 */
export async function scaledCopyOf(original: Uint8Array, type: MediaType): Promise<PreparedRendition | null> {
  if (!deliveredAsScaledCopy(original.length)) return null;
  const { image, width, height } = await decodeWorkingPicture(original, type);
  return scaledOriginal({ bytes: original, contentType: type, width, height }, image);
}

/**
 * Checks and prepares an upload: the gateway decodes every original and blurs it itself, so a
 * blurred file sent along is refused (one way to blur, the gateway's, whatever the owner's tool did).
 *
 * @throws MediaInputError naming the part and a stable code.
 */
export async function prepareRenditions(original: UploadedFile, blurred: UploadedFile | undefined): Promise<PreparedMedia> {
  const type = checkFile(original, 'original');
  if (blurred !== undefined)
    throw new MediaInputError('blurred_not_accepted', 'blurred', 'blurred: the gateway blurs every photo itself; send the original only');
  const { pixels, scale, ...prepared } = await readFile(original.bytes, type, 'original');
  return {
    original: prepared,
    // Made from the working picture: at most MAX_MEDIA_PIXELS, whatever the original's size.
    blurred: { bytes: await blurredOf(pixels, type), contentType: type, width: pixels.width, height: pixels.height, by: 'gateway' },
    scaled: scaledOriginal(prepared, pixels),
    pixels,
    scale,
  };
}
