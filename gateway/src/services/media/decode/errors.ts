/**
 * The one error every photo decoder throws: a stable code for what was wrong with the file, never
 * its content. `TypeError` stays for callers misusing the API.
 */

/** Stable codes of {@link ImageDecodeError}. */
export type ImageDecodeCode =
  /** The bytes are not the type the upload declared (a PNG sent as `image/jpeg`, a GIF as either). */
  | 'ERR_IMAGE_TYPE_MISMATCH'
  /** The file ends before its picture does (a cut-off upload). */
  | 'ERR_IMAGE_TRUNCATED'
  /** The file's structure or entropy-coded data is broken. */
  | 'ERR_IMAGE_CORRUPT'
  /** A CMYK (or YCCK) JPEG: print files, whose colours the gateway would get wrong. */
  | 'ERR_IMAGE_CMYK'
  /** A colour layout other than grey or three-component colour, or a JPEG coding the decoder lacks. */
  | 'ERR_IMAGE_UNSUPPORTED'
  /** More pixels than the gateway decodes (a decompression bomb), read from the header before decoding. */
  | 'ERR_IMAGE_TOO_LARGE';

/** A photo the gateway will not decode. */
export class ImageDecodeError extends Error {
  readonly code: ImageDecodeCode;

  constructor(code: ImageDecodeCode, message: string) {
    super(message);
    this.name = 'ImageDecodeError';
    this.code = code;
  }
}
