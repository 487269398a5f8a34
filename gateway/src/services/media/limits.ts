/**
 * Sizes that matter for media, in one place, each with its reason.
 */

export { MEDIA_TYPES, type MediaType } from '../../store/ports/index.js';

/**
 * Largest original, in bytes: what a phone produces. A 12-megapixel phone JPEG is 3–6 MB, and the
 * 48–50-megapixel modes of recent phones 10–15 MB. The original is only stored (sealed, in chunks of
 * {@link MEDIA_CHUNK_BYTES}) and decoded at a reduced scale; it is never held decoded at full size.
 */
export const MAX_MEDIA_BYTES = 16 * 1024 * 1024;

/** Largest upload body: the original, plus the form's other fields (regions, reference, record). */
export const MAX_MEDIA_UPLOAD_BYTES = MAX_MEDIA_BYTES + 64 * 1024;

/**
 * Largest file delivered whole inside a sealed answer, in bytes (the renditions always are: they are
 * made at most {@link MAX_MEDIA_PIXELS}). A delivery carries the file base64-encoded inside a signed
 * JWT inside a JWE (and, for the viewer, a further JWE): each layer a new copy, about 10 × the file
 * in memory at the peak while it is sealed, so this keeps a delivery well inside a Worker's 128 MB.
 * An original above it is not delivered in clear (the request is answered as for nothing releasable).
 */
export const MAX_DELIVERED_MEDIA_BYTES = 4 * 1024 * 1024;

/**
 * Whether an original of `bytes` is too large to deliver whole: it then goes out as its copy at the
 * working size (made at ingest, or by the scaled-copy job for one stored before such copies), never whole.
 *
 * @example
 * deliveredAsScaledCopy(5_000_000) // true
 */
export const deliveredAsScaledCopy = (bytes: number): boolean => bytes > MAX_DELIVERED_MEDIA_BYTES;

/**
 * Media items the scaled-copy job examines per call, by default. Each one is opened whole (an original
 * of up to {@link MAX_MEDIA_BYTES}), decoded at the working size and re-encoded: about a second of
 * CPU and the memory of one ingest, so a call stays far inside a request's limits; items go one at a time.
 */
export const SCALED_COPY_BATCH = 4;

/** Most media items one call of the scaled-copy job may be asked to examine. */
export const MAX_SCALED_COPY_BATCH = 16;

/**
 * Largest picture the gateway works on, in pixels (2048 × 2048): the renditions are made at this
 * size or below. A larger JPEG is decoded at 1/2, 1/4 or 1/8 of its size to fit (a 12-megapixel
 * photo at 2000 × 1500); a PNG, which cannot be decoded at a reduced size, must fit as it is. Decoded
 * to RGBA that is about 17 MB per buffer and a handful of buffers, within a Worker's memory.
 */
export const MAX_MEDIA_PIXELS = 2048 * 2048;

/**
 * Largest stored picture accepted, in pixels (50 megapixels: the largest mode of today's phones),
 * read from the file's header before anything is decoded, so that a small file claiming a huge frame
 * (a decompression bomb) costs nothing. At 1/4 scale such a photo is worked on at ≈ 3 megapixels.
 */
export const MAX_ORIGINAL_PIXELS = 50_000_000;

/**
 * Memory the coefficients of a progressive JPEG decoded at a reduced scale may take, in bytes: a
 * progressive file refines its coefficients scan after scan, so they are kept until the last scan
 * (only those the scaled transform reads, 2 bytes each, and a non-zero flag for every other). Every
 * layout up to {@link MAX_ORIGINAL_PIXELS} needs at most ≈ 40 MB (a 12-megapixel 4:2:0 photo ≈ 19 MB,
 * a 50-megapixel 4:4:4 one at 1/4 ≈ 37 MB); a baseline file keeps none.
 */
export const MAX_DECODE_COEFFICIENT_BYTES = 48 * 1024 * 1024;

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
 * face detector (≈ 30 MB of weights and tensors). jpeg-js decodes only pictures that fit
 * {@link MAX_MEDIA_PIXELS} as they are; larger ones go through the scaled decoder.
 */
export const MAX_DECODE_MEMORY_MB = 64;
