/**
 * What is stored for an upload: the original without its metadata, and a blurred rendition — made
 * here for PNG (decode, blur, re-encode), supplied by the data owner for JPEG (which the gateway
 * cannot decode without a dependency) and stripped of its metadata, thumbnail included. Pure (the
 * runtime's zlib streams aside).
 */
import { blurImage } from './blur.js';
import { hasJpegSignature, inspectJpeg, JpegError } from './jpeg.js';
import { MAX_MEDIA_BYTES, MAX_MEDIA_PIXELS, MEDIA_TYPES, type MediaType } from './limits.js';
import { hasPngSignature, stripPngMetadata } from './png/chunks.js';
import { decodePng } from './png/decode.js';
import { encodePng } from './png/encode.js';
import { PngError } from './png/errors.js';

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

/** What {@link prepareRenditions} gives: the original, and the blurred rendition with who made it (null: none). */
export interface PreparedMedia {
  readonly original: PreparedRendition;
  readonly blurred: (PreparedRendition & { readonly by: 'gateway' | 'owner' }) | null;
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
  if (!(MEDIA_TYPES as readonly string[]).includes(declared)) throw new MediaInputError('unsupported_content_type', part, `${part}: only ${MEDIA_TYPES.join(' and ')} are accepted`);
  if (file.bytes.length === 0) throw new MediaInputError('empty', part, `${part}: the file is empty`);
  if (file.bytes.length > MAX_MEDIA_BYTES) throw new MediaInputError('too_large', part, `${part}: larger than ${MAX_MEDIA_BYTES} bytes`);
  if (sniffMediaType(file.bytes) !== declared) throw new MediaInputError('content_type_mismatch', part, `${part}: the file is not ${declared}`);
  return declared as MediaType;
}

/** Reads a file of a checked type: metadata stripped, size known; PNG fully decoded (so a file that does not decode is refused). */
async function readFile(bytes: Uint8Array, type: MediaType, part: UploadPart): Promise<PreparedRendition & { pixels?: Awaited<ReturnType<typeof decodePng>> }> {
  try {
    if (type === 'image/png') {
      const stripped = stripPngMetadata(bytes);
      const pixels = await decodePng(stripped, { maxPixels: MAX_MEDIA_PIXELS });
      return { bytes: stripped, contentType: type, width: pixels.width, height: pixels.height, pixels };
    }
    const { stripped, width, height } = inspectJpeg(bytes);
    return { bytes: stripped, contentType: type, width, height };
  } catch (err) {
    if (err instanceof PngError || err instanceof JpegError) {
      const code = err.code === 'ERR_PNG_TOO_LARGE' ? 'too_large' : 'unreadable';
      throw new MediaInputError(code, part, `${part}: ${err.message}`, err.code);
    }
    throw err;
  }
}

/**
 * Checks and prepares an upload. PNG: the gateway blurs it, so a blurred file sent along is refused
 * (one way to blur, the gateway's). JPEG: the blurred file is the data owner's, PNG or JPEG, and is
 * optional here; whether the item needs one is the caller's decision (it depends on the record).
 *
 * @throws MediaInputError naming the part and a stable code.
 */
export async function prepareRenditions(original: UploadedFile, blurred: UploadedFile | undefined): Promise<PreparedMedia> {
  const type = checkFile(original, 'original');
  const blurredType = blurred === undefined ? undefined : checkFile(blurred, 'blurred');
  const read = await readFile(original.bytes, type, 'original');
  const { pixels, ...prepared } = read;
  if (pixels !== undefined) {
    if (blurred !== undefined) throw new MediaInputError('blurred_not_accepted', 'blurred', 'blurred: PNG media are blurred by the gateway; send the original only');
    const png = await encodePng(blurImage(pixels));
    return { original: prepared, blurred: { bytes: png, contentType: 'image/png', width: pixels.width, height: pixels.height, by: 'gateway' } };
  }
  if (blurred === undefined || blurredType === undefined) return { original: prepared, blurred: null };
  const { pixels: ownerPixels, ...owner } = await readFile(blurred.bytes, blurredType, 'blurred');
  // A blurred PNG from the owner is blurred again here: then how well the owner blurred does not matter.
  if (ownerPixels !== undefined) return { original: prepared, blurred: { bytes: await encodePng(blurImage(ownerPixels)), contentType: 'image/png', width: owner.width, height: owner.height, by: 'gateway' } };
  return { original: prepared, blurred: { ...owner, by: 'owner' } };
}
