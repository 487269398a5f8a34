/**
 * What a video's redaction manifest must say before the gateway takes a byte of the video: limits on
 * size and length, and that its parts agree with each other (boxes inside the frame, frames inside
 * the clip, time ranges inside the clip, the fail-safe exactly when there is no redacted rendition).
 * The shape itself is the schema's (`@need2know/schema/video-manifest`). Pure: no I/O, no env.
 */
import type { VideoRedactionManifest } from '@need2know/schema/video-manifest';

/**
 * Largest original, in bytes: five minutes of 1080p H.264 from a body camera at ≈ 12 Mbit/s is
 * ≈ 450 MB. The gateway never decodes it; it seals and stores it chunk by chunk, and reads it back
 * once at completion to check its SHA-256.
 */
export const MAX_VIDEO_ORIGINAL_BYTES = 500 * 1024 * 1024;
/**
 * Largest rendition, in bytes: the upload tool re-encodes at 720p or less (≈ 3 Mbit/s, ≈ 110 MB for
 * five minutes); twice that leaves room for busy footage while keeping a viewer's buffer small.
 */
export const MAX_VIDEO_RENDITION_BYTES = 200 * 1024 * 1024;
/** Longest clip, in milliseconds: the directive's footage is minutes of an arrest or a scene, not hours of surveillance. */
export const MAX_VIDEO_DURATION_MS = 5 * 60 * 1000;
/** Most face tracks and manual regions a manifest may list: far beyond a crowded scene, small enough to check at once. */
export const MAX_VIDEO_TRACKS = 2000;
export const MAX_VIDEO_REGIONS = 256;

/** One thing wrong with a manifest: where (a dotted path), a stable code, and what to do. */
export interface VideoManifestIssue {
  readonly path: string;
  readonly code: 'too_large' | 'too_long' | 'box_outside_frame' | 'frame_outside_clip' | 'time_outside_clip' | 'fail_safe_mismatch' | 'too_many';
  readonly message: string;
}

interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

const inside = (b: Box, width: number, height: number) => b.x + b.w <= width && b.y + b.h <= height;

/**
 * The issues of `m` (already of the schema's shape), empty when the gateway may take the video.
 * Sizes past the limits come first and alone: the rest is not worth checking then.
 *
 * @example
 * videoManifestIssues({ ...m, fail_safe: 'no_face_found' }) // [{ path: 'fail_safe', code: 'fail_safe_mismatch', … }] when `renditions.redacted` is set
 */
export function videoManifestIssues(m: VideoRedactionManifest): VideoManifestIssue[] {
  const limits: VideoManifestIssue[] = [];
  if (m.original.bytes > MAX_VIDEO_ORIGINAL_BYTES)
    limits.push({ path: 'original.bytes', code: 'too_large', message: `original: at most ${MAX_VIDEO_ORIGINAL_BYTES} bytes` });
  for (const name of ['redacted', 'blurred'] as const) {
    const r = m.renditions[name];
    if (r !== null && r.bytes > MAX_VIDEO_RENDITION_BYTES)
      limits.push({ path: `renditions.${name}.bytes`, code: 'too_large', message: `renditions.${name}: at most ${MAX_VIDEO_RENDITION_BYTES} bytes` });
  }
  if (m.source.duration_ms > MAX_VIDEO_DURATION_MS)
    limits.push({ path: 'source.duration_ms', code: 'too_long', message: `source: at most ${MAX_VIDEO_DURATION_MS / 60000} minutes` });
  if (m.tracks.length > MAX_VIDEO_TRACKS) limits.push({ path: 'tracks', code: 'too_many', message: `tracks: at most ${MAX_VIDEO_TRACKS}` });
  if (m.regions.length > MAX_VIDEO_REGIONS) limits.push({ path: 'regions', code: 'too_many', message: `regions: at most ${MAX_VIDEO_REGIONS}` });
  if (limits.length > 0) return limits;

  const issues: VideoManifestIssue[] = [];
  const { width, height, frames, duration_ms } = m.source;
  if ((m.fail_safe === null) !== (m.renditions.redacted !== null))
    issues.push({
      path: 'fail_safe',
      code: 'fail_safe_mismatch',
      message: 'fail_safe: null exactly when a redacted rendition is sent; its cause exactly when renditions.redacted is null',
    });
  m.tracks.forEach((t, i) => {
    if (t.from_frame > t.to_frame || t.to_frame >= frames)
      issues.push({ path: `tracks.${i}`, code: 'frame_outside_clip', message: `tracks.${i}: from_frame ≤ to_frame < ${frames} (the clip's frames)` });
    t.boxes.forEach((b, j) => {
      if (b.frame < t.from_frame || b.frame > t.to_frame)
        issues.push({ path: `tracks.${i}.boxes.${j}.frame`, code: 'frame_outside_clip', message: `tracks.${i}.boxes.${j}: a frame of its track` });
      if (!inside(b, width, height))
        issues.push({
          path: `tracks.${i}.boxes.${j}`,
          code: 'box_outside_frame',
          message: `tracks.${i}.boxes.${j}: a box inside the ${width} × ${height} frame`,
        });
    });
  });
  m.regions.forEach((r, i) => {
    if (!inside(r, width, height))
      issues.push({ path: `regions.${i}`, code: 'box_outside_frame', message: `regions.${i}: a box inside the ${width} × ${height} frame` });
    if (r.from_ms > r.to_ms || r.to_ms > duration_ms)
      issues.push({ path: `regions.${i}`, code: 'time_outside_clip', message: `regions.${i}: from_ms ≤ to_ms ≤ ${duration_ms} (the clip's length)` });
  });
  return issues;
}

/**
 * The protected rendition of a video, the fact `renditionToRelease` takes as `protectedRendition`:
 * `redacted` when the upload tool made one, `blurred` when flagged footage failed safe. A video is
 * always examined by the upload tool, so it is never null.
 */
export function videoProtection(m: Pick<VideoRedactionManifest, 'renditions'>): 'redacted' | 'blurred' {
  return m.renditions.redacted === null ? 'blurred' : 'redacted';
}
