import type { VideoRedactionManifest } from '@need2know/schema/video-manifest';
import { describe, expect, it } from 'vitest';
import { MAX_VIDEO_ORIGINAL_BYTES, videoManifestIssues, videoProtection } from './video-manifest-check.js';

const hash = 'a'.repeat(64);
const rendition = { mime: 'video/mp4; codecs="avc1.64001f"', width: 640, height: 360, fps: 25, audio: 'dropped' as const, bytes: 1000, sha256: hash };
const manifest: VideoRedactionManifest = {
  version: 1,
  detector: { name: 'tiny_face_detector', version: '1.7.15', min_score: 0.5 },
  source: { width: 640, height: 360, fps: 25, frames: 50, duration_ms: 2000, video_codec: 'h264', audio: false },
  original: { bytes: 2000, sha256: hash },
  renditions: { redacted: rendition, blurred: rendition },
  fail_safe: null,
  tracks: [{ id: 0, from_frame: 0, to_frame: 2, boxes: [{ frame: 1, x: 10, y: 10, w: 40, h: 40, score: 0.9 }] }],
  regions: [{ x: 0, y: 300, w: 100, h: 60, from_ms: 0, to_ms: 2000, reason: 'plate' }],
};

describe('videoManifestIssues', () => {
  it('takes a consistent manifest', () => {
    expect(videoManifestIssues(manifest)).toEqual([]);
  });
  it('refuses an original past the limit before anything else', () => {
    const issues = videoManifestIssues({ ...manifest, original: { bytes: MAX_VIDEO_ORIGINAL_BYTES + 1, sha256: hash }, fail_safe: 'no_face_found' });
    expect(issues.map((i) => i.code)).toEqual(['too_large']);
  });
  it('refuses a clip longer than five minutes', () => {
    expect(videoManifestIssues({ ...manifest, source: { ...manifest.source, duration_ms: 5 * 60_000 + 1 } }).map((i) => i.code)).toEqual(['too_long']);
  });
  it('refuses a box outside the frame, a box outside its track and a track past the clip', () => {
    const issues = videoManifestIssues({
      ...manifest,
      tracks: [{ id: 0, from_frame: 0, to_frame: 50, boxes: [{ frame: 51, x: 620, y: 10, w: 40, h: 40, score: null }] }],
    });
    expect(issues.map((i) => `${i.path} ${i.code}`)).toEqual([
      'tracks.0 frame_outside_clip',
      'tracks.0.boxes.0.frame frame_outside_clip',
      'tracks.0.boxes.0 box_outside_frame',
    ]);
  });
  it("refuses a region past the clip's end or outside the frame", () => {
    const issues = videoManifestIssues({ ...manifest, regions: [{ x: 600, y: 0, w: 100, h: 10, from_ms: 10, to_ms: 2001, reason: 'other', note: 'x' }] });
    expect(issues.map((i) => i.code)).toEqual(['box_outside_frame', 'time_outside_clip']);
  });
  it('ties the fail-safe to the missing redacted rendition, both ways', () => {
    expect(videoManifestIssues({ ...manifest, fail_safe: 'detection_unsure' }).map((i) => i.code)).toEqual(['fail_safe_mismatch']);
    expect(videoManifestIssues({ ...manifest, renditions: { redacted: null, blurred: rendition } }).map((i) => i.code)).toEqual(['fail_safe_mismatch']);
    expect(videoManifestIssues({ ...manifest, renditions: { redacted: null, blurred: rendition }, fail_safe: 'no_face_found' })).toEqual([]);
  });
});

describe('videoProtection', () => {
  it('is redacted with a redacted rendition and blurred without', () => {
    expect(videoProtection(manifest)).toBe('redacted');
    expect(videoProtection({ renditions: { redacted: null, blurred: rendition } })).toBe('blurred');
  });
});
