/**
 * Encoding a rendition as a baseline JPEG with jpeg-js: no metadata is written (no EXIF, no
 * thumbnail), only JFIF, tables and the picture.
 */
import { encode } from 'jpeg-js';
import { checkImage, type RgbaImage } from '@need2know/png';

/**
 * Quality of redacted and blurred JPEG renditions (libjpeg scale): high enough that the parts of the
 * picture kept as they were stay faithful (mean absolute difference under 3 levels on photographs,
 * see the quality test), well below 100 to keep the files near the original's size.
 */
export const RENDITION_JPEG_QUALITY = 88;

/** What jpeg-js's encoder returns once bundled: a Node `Buffer` or, without one, a `Uint8Array`. */
type Encoded = { data: Uint8Array };

/**
 * Encodes `image` (alpha ignored) as a JPEG of `quality`.
 *
 * jpeg-js ends its encoder with `Buffer.from(bytes)` whenever it sees a CommonJS `module`, which it
 * always does once bundled; a Worker without `nodejs_compat` has no `Buffer`. For the duration of
 * this synchronous call only, a missing `Buffer` is stood in for by a `from` that copies into a
 * `Uint8Array` (the one member the encoder uses), and removed again.
 *
 * @example
 * const jpeg = encodeJpeg(redacted, RENDITION_JPEG_QUALITY);
 * @throws TypeError when `image` is malformed or `quality` is not 1–100.
 */
export function encodeJpeg(image: RgbaImage, quality: number = RENDITION_JPEG_QUALITY): Uint8Array {
  checkImage(image);
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) throw new TypeError('quality must be an integer from 1 to 100');
  const scope = globalThis as { Buffer?: unknown };
  const lend = scope.Buffer === undefined;
  if (lend) scope.Buffer = { from: (bytes: ArrayLike<number>) => Uint8Array.from(bytes) };
  try {
    const { data } = encode({ width: image.width, height: image.height, data: image.data }, quality) as Encoded;
    // A Node Buffer is a Uint8Array over a shared pool: copy out exactly its bytes.
    return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  } finally {
    if (lend) delete scope.Buffer;
  }
}
