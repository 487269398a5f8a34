/**
 * The gateway's numbers for videos, each with its reason. The limits on the clip itself (size,
 * length) are the policy package's (`video-manifest-check.ts`).
 */
import { MEDIA_CHUNK_BYTES } from '../media/limits.js';

/**
 * Bytes per uploaded chunk (every chunk but a file's last is exactly this long), and per chunk a
 * viewer fetches: one field envelope each (the photo chunks' size: well under the envelope's 1 MiB
 * plaintext cap), small enough that a Worker holds a few at once and a viewer starts playing after
 * the first, large enough that five minutes of 720p is a few hundred requests.
 */
export const VIDEO_CHUNK_BYTES = MEDIA_CHUNK_BYTES;

/** Largest chunk request body: one chunk plus nothing (octet-stream), with a little room for a proxy's framing. */
export const MAX_VIDEO_CHUNK_BODY = VIDEO_CHUNK_BYTES + 1024;

/**
 * How long an upload may stay unfinished (seconds): a data owner's upload tool sends a few hundred
 * chunks in minutes; a day allows for a retry after a lost connection, and then the chunks go.
 */
export const VIDEO_UPLOAD_LIFETIME = 24 * 3600;

/**
 * How long one play may fetch chunks (seconds), never past the grant's window: long enough to watch
 * a five-minute clip with pauses, short enough that a play is not standing access; watching again
 * is a new play, logged again.
 */
export const VIDEO_PLAY_LIFETIME = 30 * 60;

/** Uploads the scheduled job deletes per run (each up to a few hundred objects). */
export const VIDEO_SWEEP_BATCH = 10;

/**
 * Longest body opening an upload (the manifest as JSON, ≈ 70 bytes per tracked box: ≈ 15,000 boxes,
 * ten minutes of one face at 25 fps). Kept sealed in the upload's D1 row, whose values are capped at
 * 2,000,000 bytes: 1 MiB sealed is ≈ 1.4 MB.
 */
export const MAX_VIDEO_MANIFEST_BODY = 1024 * 1024;

/** Content type of every video file the gateway stores: MP4 (renditions fragmented, for streaming). */
export const VIDEO_CONTENT_TYPE = 'video/mp4';

/**
 * Video parts (a chunk's envelope of up to 2 MiB, a manifest, a play's key) the re-wrap job moves
 * per call: each chunk is read, re-sealed and written one at a time, so a call holds two envelopes
 * at most; eight keep a call within a few seconds of R2 traffic.
 */
export const VIDEO_REWRAP_BATCH = 8;

/**
 * Parts one re-wrap call looks at, at most: parts that do not open are skipped and reported, not
 * retried, so up to this many less the batch can be unreadable without stopping the rest.
 */
export const VIDEO_REWRAP_SCAN = 64;
