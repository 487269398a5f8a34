/**
 * The redaction manifest of a video: what the data owner's upload tool found and hid, frame by
 * frame, and which rendition it made. The upload tool writes it, the gateway validates it, seals it
 * beside the clip and logs its hash at ingest; a privacy officer audits it. Boxes are in the pixels
 * of the source frame (upright); times in milliseconds from the clip's start.
 */
import { z } from 'zod';

/** Version of this manifest's shape; a gateway refuses versions it does not know. */
export const VIDEO_MANIFEST_VERSION = 1;

/** Why a manual region is hidden (the same reasons as a photo's regions). */
export const VIDEO_REGION_REASONS = ['plate', 'tattoo', 'id_document', 'screen', 'restraints', 'missed_face', 'other'] as const;

/** Why flagged footage went out with the whole frame blurred instead of redacted. */
export const VIDEO_FAIL_SAFE_CAUSES = ['no_face_found', 'detection_unsure', 'detection_failed'] as const;

const hex256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');
const count = z.number().int().nonnegative();
const px = z.number().int().nonnegative();

/**
 * One box of a face track on one frame; `score` is null where the tracker carried the box over a
 * frame the detector missed. `frame` counts the renditions' frames (at `renditions.*.fps`, at most
 * the source's rate: the detector examined every one of them), so it is shown from frame / fps
 * seconds; the box is in source pixels like every other box.
 */
export const TrackBox = z.strictObject({
  frame: count,
  x: px,
  y: px,
  w: px.positive(),
  h: px.positive(),
  score: z.number().min(0).max(1).nullable(),
});

/** One face followed across frames, from its first to its last frame (inclusive, margins included). */
export const FaceTrack = z.strictObject({
  id: count,
  from_frame: count,
  to_frame: count,
  boxes: z.array(TrackBox).min(1),
});

/** A box the data owner hides for a time range, with a reason (free text for `other`). */
export const VideoRegion = z.strictObject({
  x: px,
  y: px,
  w: px.positive(),
  h: px.positive(),
  from_ms: count,
  to_ms: count,
  reason: z.enum(VIDEO_REGION_REASONS),
  note: z.string().max(200).optional(),
});

/** One rendition file: how a viewer plays it and what it must hash to. */
export const Rendition = z.strictObject({
  /** The MIME type with codecs, as Media Source Extensions take it, e.g. `video/mp4; codecs="avc1.64001f"`. */
  mime: z.string().min(1).max(100),
  width: px.positive(),
  height: px.positive(),
  fps: z.number().positive().max(240),
  audio: z.enum(['dropped', 'kept']),
  bytes: count.positive(),
  sha256: hex256,
});

/** The whole manifest. */
export const VideoRedactionManifest = z.strictObject({
  version: z.literal(VIDEO_MANIFEST_VERSION),
  detector: z.strictObject({ name: z.string().min(1).max(100), version: z.string().min(1).max(50), min_score: z.number().min(0).max(1) }),
  source: z.strictObject({
    width: px.positive(),
    height: px.positive(),
    fps: z.number().positive().max(240),
    frames: count.positive(),
    duration_ms: count.positive(),
    video_codec: z.string().min(1).max(50),
    audio: z.boolean(),
  }),
  original: z.strictObject({ bytes: count.positive(), sha256: hex256 }),
  /**
   * The protected renditions, H.264 in fragmented MP4 so a viewer can stream them: `redacted` (every
   * face track and manual region hidden, the rest intact; null when flagged footage failed safe) and
   * `blurred` (the whole frame). The disclosure mode of a purpose picks one; `redacted` falls back to
   * `blurred` when it is null.
   */
  renditions: z.strictObject({ redacted: Rendition.nullable(), blurred: Rendition }),
  /** Null when the `redacted` rendition exists; the cause when flagged footage fails safe to `blurred` only. */
  fail_safe: z.enum(VIDEO_FAIL_SAFE_CAUSES).nullable(),
  tracks: z.array(FaceTrack),
  regions: z.array(VideoRegion),
});
export type VideoRedactionManifest = z.infer<typeof VideoRedactionManifest>;
export type FaceTrack = z.infer<typeof FaceTrack>;
export type VideoRegion = z.infer<typeof VideoRegion>;
export type VideoRendition = z.infer<typeof Rendition>;

/**
 * The bytes a manifest's hash is taken over: its JSON as this schema parses it (keys in the
 * schema's order, unknown keys refused), so the upload tool and the gateway hash the same bytes
 * whatever order the file's keys were written in. The gateway logs SHA-256 of these bytes at ingest.
 *
 * @example await crypto.subtle.digest('SHA-256', videoManifestBytes(manifest))
 */
export function videoManifestBytes(manifest: VideoRedactionManifest): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(VideoRedactionManifest.parse(manifest)));
}
