/**
 * Sizes that matter for media, in one place, each with its reason.
 */

export { MEDIA_TYPES, type MediaType } from '../../store/ports/index.js';

/**
 * Largest original (and largest blurred rendition), in bytes: a photo downscaled for sharing. A
 * delivery carries the file base64-encoded inside a signed JWT inside a JWE (and, for the viewer, a
 * further JWE): about 2.4 × the file, several copies of which are in memory while it is sealed, so
 * this keeps a delivery well inside a Worker's 128 MB.
 */
export const MAX_MEDIA_BYTES = 2 * 1024 * 1024;

/** Largest upload body: an original and a blurred rendition at most, plus the form's other fields. */
export const MAX_MEDIA_UPLOAD_BYTES = 2 * MAX_MEDIA_BYTES + 64 * 1024;

/**
 * Largest photo (PNG or JPEG) the gateway decodes to redact and blur, in pixels (2048 × 2048),
 * checked from the file's header before anything is decoded, so that a small file claiming a huge
 * frame (a decompression bomb) costs nothing: decoded to RGBA that is about 17 MB per buffer and a
 * handful of buffers, within a Worker's memory (see {@link MAX_DECODE_MEMORY_MB}).
 */
export const MAX_MEDIA_PIXELS = 2048 * 2048;

/**
 * Plaintext bytes sealed per stored chunk: a chunk's envelope is ≈ 4/3 of it (≈ 700 KB), well
 * under D1's 2,000,000-byte limit on a value and a row, and under the envelope's 1 MiB plaintext cap.
 */
export const MEDIA_CHUNK_BYTES = 512 * 1024;

/**
 * Longest media reference, in UTF-8 bytes (the schema caps refs at 200 characters). A reference is
 * bound into the additional data of every chunk, which takes identifiers of up to 255 bytes.
 */
export const MAX_MEDIA_REF_BYTES = 200;

/**
 * Memory jpeg-js may allocate for one photo, in MB (its own guard, beside the pixel limit). It
 * counts the RGBA output and its 32-bit coefficient blocks: about 46 MB for a photo of
 * {@link MAX_MEDIA_PIXELS}. Measured peak (Node, same V8): about 20 MB of memory per megapixel
 * decoded, so 12 MP (≈ 250 MB) would not fit a Worker's 128 MB, while 4 MP leaves room for the
 * face detector (≈ 30 MB of weights and tensors).
 */
export const MAX_DECODE_MEMORY_MB = 64;
