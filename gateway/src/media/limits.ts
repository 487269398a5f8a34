/**
 * Sizes that matter for media, in one place, each with its reason.
 */

/** Media types the media store accepts, for originals and blurred renditions alike. */
export const MEDIA_TYPES = ['image/png', 'image/jpeg'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

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
 * Largest PNG the gateway decodes to blur, in pixels (2048 × 2048): decoded to RGBA and blurred,
 * that is about 17 MB per buffer and a handful of buffers, within a Worker's memory.
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
