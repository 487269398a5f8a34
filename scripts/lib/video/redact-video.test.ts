/**
 * Video redaction, measured on real photographs of people: a pan-and-zoom clip made with ffmpeg from
 * the detector package's sample photographs (faces move, grow and leave the frame; a face from
 * another photograph is shown on two frames only), redacted by the upload tool as it runs for
 * `n2k media upload`. Every frame of the redacted rendition is examined again by the same detector
 * and by the package's stronger one; the scene outside the boxes is compared with the source.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VideoRedactionManifest } from '@need2know/schema/video-manifest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACE_CONFIDENCE_FLOOR, REDACT_MARGIN } from '../../../gateway/src/services/media/detect/thresholds.js';
import { widen } from '../../../gateway/src/services/media/redact/redact-regions.js';
import { ffmpegTools } from './ffmpeg.js';
import { type NodeDetector, ssdFaceDetector, tinyFaceDetector } from './face-detector-node.js';
import { redactVideo, type RedactedClip } from './redact-video.js';
import { makePanZoomClip, makeSyntheticClip, QUALITY_CLIP, readFrames } from './test-clip.js';

/** Frames of the redacted rendition the stronger (and slower) detector examines: every third, and the brief face's two. */
const SSD_EVERY = 3;
/** Frames of the blurred rendition examined: every fourth (the whole frame is blurred alike). */
const BLURRED_EVERY = 4;
/** Bound on the mean absolute difference outside the redacted boxes, in levels of 255 per channel: x264 re-encoding an x264 source. */
const MAD_OUTSIDE_BOUND = 3;
/** Least mean absolute difference inside a hidden region for it to count as changed (a blurred face differs by tens of levels). */
const CHANGED_INSIDE = 8;

const { width: W, height: H } = QUALITY_CLIP;
const PLATE = { x: 20, y: 300, w: 100, h: 40, from_ms: 1000, to_ms: 1500, reason: 'plate' as const };

let dir: string;
let source: string;
let result: RedactedClip;
let srcFrames: Uint8Array[];
let redFrames: Uint8Array[];
let tiny: NodeDetector;
const started = performance.now();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'n2k-video-'));
  source = join(dir, 'clip.mp4');
  await makePanZoomClip(source);
  tiny = await tinyFaceDetector();
  result = await redactVideo(source, { outDir: dir, detector: tiny, regions: [PLATE] });
  srcFrames = await readFrames(source, W, H);
  redFrames = await readFrames(result.files.redacted as string, W, H);
}, 600_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  console.log(`video quality test: ${((performance.now() - started) / 1000).toFixed(1)} s for ${QUALITY_CLIP.frames} frames`);
});

/** Mean absolute difference of RGB between two frames over the pixels where `keep(x, y)` holds, and how many there were. */
function mad(a: Uint8Array, b: Uint8Array, keep: (x: number, y: number) => boolean): { mad: number; pixels: number } {
  let sum = 0;
  let pixels = 0;
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      if (!keep(x, y)) continue;
      const o = (y * W + x) * 4;
      sum +=
        Math.abs((a[o] as number) - (b[o] as number)) +
        Math.abs((a[o + 1] as number) - (b[o + 1] as number)) +
        Math.abs((a[o + 2] as number) - (b[o + 2] as number));
      pixels++;
    }
  return { mad: pixels === 0 ? 0 : sum / (pixels * 3), pixels };
}

const inside = (b: { x: number; y: number; width: number; height: number }) => (x: number, y: number) =>
  x >= b.x && x < b.x + b.width && y >= b.y && y < b.y + b.height;

/** Every box hidden on frame n, widened by the margin as the redaction widens it. */
function hiddenOn(n: number) {
  const boxes = result.manifest.tracks.flatMap((t) => t.boxes.filter((b) => b.frame === n)).map((b) => ({ x: b.x, y: b.y, width: b.w, height: b.h }));
  if (n >= 8 && n <= 11) boxes.push({ x: PLATE.x, y: PLATE.y, width: PLATE.w, height: PLATE.h });
  return boxes.map((b) => widen(b, REDACT_MARGIN, W, H)).filter((b) => b !== null);
}

describe('video redaction quality (issue 18)', { timeout: 600_000 }, () => {
  it('writes a manifest the schema takes: both renditions, audio dropped, tracks with detected and carried boxes', () => {
    const m = result.manifest;
    expect(VideoRedactionManifest.parse(JSON.parse(readFileSync(result.files.manifest, 'utf8')))).toEqual(m);
    expect(m.fail_safe).toBeNull();
    expect(m.source).toMatchObject({ width: W, height: H, fps: 8, frames: 24, duration_ms: 3000, video_codec: 'h264', audio: true });
    expect(m.renditions.redacted).toMatchObject({ width: W, height: H, fps: 8, audio: 'dropped' });
    expect(m.renditions.blurred).toMatchObject({ width: W, height: H, fps: 8, audio: 'dropped' });
    expect(m.detector).toMatchObject({ name: 'tiny_face_detector', min_score: 0.2 });
    expect(m.tracks.filter((t) => t.boxes.some((b) => (b.score ?? 0) >= FACE_CONFIDENCE_FLOOR)).length).toBeGreaterThanOrEqual(4);
    expect(m.tracks.some((t) => t.boxes.some((b) => b.score === null))).toBe(true);
    expect(m.regions).toEqual([PLATE]);
  });

  it('encodes H.264 in fragmented MP4, keyframes every 2 s, no audio, and states the codecs the stream has', () => {
    const { ffprobe } = ffmpegTools();
    for (const [name, entry] of [
      ['redacted', result.manifest.renditions.redacted],
      ['blurred', result.manifest.renditions.blurred],
    ] as const) {
      const path = join(dir, `${name}.mp4`);
      const bytes = readFileSync(path);
      expect(entry?.bytes).toBe(bytes.length);
      const probe = JSON.parse(
        execFileSync(
          ffprobe,
          ['-v', 'error', '-show_streams', '-show_frames', '-show_entries', 'stream=codec_type,codec_name,profile,level:frame=key_frame', '-of', 'json', path],
          { encoding: 'utf8' },
        ),
      ) as {
        streams: { codec_type: string; codec_name: string; profile: string; level: number }[];
        frames: { key_frame: number }[];
      };
      expect(probe.streams.map((s) => s.codec_type)).toEqual(['video']);
      expect(probe.streams[0]).toMatchObject({ codec_name: 'h264', profile: 'High' });
      expect(entry?.mime).toBe(`video/mp4; codecs="avc1.6400${(probe.streams[0]?.level ?? 0).toString(16).padStart(2, '0')}"`);
      expect(probe.frames.flatMap((f, i) => (f.key_frame === 1 ? [i] : []))).toEqual([0, 16]);
      expect(bytes.includes('moof')).toBe(true);
      expect(bytes.includes('mvex')).toBe(true);
    }
  });

  it(`leaves no face on any frame of the redacted rendition (the same detector on every frame, the stronger one on every ${SSD_EVERY}rd and the brief face's)`, async () => {
    expect(redFrames).toHaveLength(QUALITY_CLIP.frames);
    // The clip really shows faces: the detector found at least two at the floor per frame of the source.
    const confident = result.manifest.tracks.flatMap((t) => t.boxes).filter((b) => (b.score ?? 0) >= FACE_CONFIDENCE_FLOOR);
    expect(confident.length).toBeGreaterThanOrEqual(QUALITY_CLIP.frames * 2);
    const ssd = await ssdFaceDetector();
    const brief = QUALITY_CLIP.brief;
    const survivors: string[] = [];
    for (const [n, data] of redFrames.entries()) {
      const strong = n % SSD_EVERY === 0 || (n >= brief.from && n <= brief.to);
      for (const detector of strong ? [tiny, ssd] : [tiny]) {
        const found = await detector.detect({ width: W, height: H, data }, { inputSize: 416, scoreMin: FACE_CONFIDENCE_FLOOR });
        for (const f of found.faces) survivors.push(`frame ${n}: ${detector.name} ${f.score} at ${f.x},${f.y}`);
      }
    }
    expect(survivors).toEqual([]);
  });

  it('covers the face shown on two frames only, on both frames', () => {
    const b = QUALITY_CLIP.brief;
    const [cx, cy] = [b.x + b.width / 2, b.y + b.height / 2];
    for (let n = b.from; n <= b.to; n++) {
      const covering = hiddenOn(n).filter((box) => cx >= box.x && cx < box.x + box.width && cy >= box.y && cy < box.y + box.height);
      expect(covering.length, `frame ${n}`).toBeGreaterThan(0);
      const face = { x: b.x, y: b.y, width: b.width, height: b.height };
      expect(mad(srcFrames[n] as Uint8Array, redFrames[n] as Uint8Array, inside(face)).mad, `frame ${n}`).toBeGreaterThan(CHANGED_INSIDE);
    }
  });

  it('hides a manual region for its time range only (1000–1500 ms: frames 8 to 11 at 8 fps)', () => {
    const plate = { x: PLATE.x, y: PLATE.y, width: PLATE.w, height: PLATE.h };
    for (let n = 0; n < QUALITY_CLIP.frames; n++) {
      const changed = mad(srcFrames[n] as Uint8Array, redFrames[n] as Uint8Array, inside(plate)).mad;
      if (n >= 8 && n <= 11) expect(changed, `frame ${n}`).toBeGreaterThan(CHANGED_INSIDE);
      else if (!hiddenOn(n).some((h) => h.x < plate.x + plate.width && plate.x < h.x + h.width && h.y < plate.y + plate.height && plate.y < h.y + h.height))
        expect(changed, `frame ${n}`).toBeLessThan(MAD_OUTSIDE_BOUND);
    }
  });

  it(`keeps the scene outside the boxes: mean absolute difference under ${MAD_OUTSIDE_BOUND} levels on every frame`, () => {
    const per = srcFrames.map((src, n) => {
      const hidden = hiddenOn(n);
      return mad(src, redFrames[n] as Uint8Array, (x, y) => !hidden.some((h) => inside(h)(x, y)));
    });
    const worst = Math.max(...per.map((p) => p.mad));
    console.log(`MAD outside the boxes: worst frame ${worst.toFixed(2)}, mean ${(per.reduce((s, p) => s + p.mad, 0) / per.length).toFixed(2)}`);
    expect(worst).toBeLessThan(MAD_OUTSIDE_BOUND);
    expect(Math.min(...per.map((p) => p.pixels))).toBeGreaterThan((W * H) / 5);
  });

  it(`blurs the whole frame in the blurred rendition: no face found on every ${BLURRED_EVERY}th frame`, async () => {
    const blurred = await readFrames(result.files.blurred, W, H);
    expect(blurred).toHaveLength(QUALITY_CLIP.frames);
    for (const [n, data] of blurred.entries()) {
      if (n % BLURRED_EVERY !== 0) continue;
      const found = await tiny.detect({ width: W, height: H, data }, { inputSize: 416, scoreMin: FACE_CONFIDENCE_FLOOR });
      expect(found.faces, `frame ${n}`).toEqual([]);
      expect(mad(srcFrames[n] as Uint8Array, data, () => true).mad).toBeGreaterThan(CHANGED_INSIDE);
    }
  });

  it('fails safe on footage where no face is found: no redacted rendition, only the blurred one', async () => {
    const empty = join(dir, 'no-faces.mp4');
    await makeSyntheticClip(empty, { seconds: 1, fps: 8, source: 'mandelbrot' });
    const out = mkdtempSync(join(dir, 'safe-'));
    const safe = await redactVideo(empty, { outDir: out, detector: tiny });
    expect(safe.manifest.fail_safe).toBe('no_face_found');
    expect(safe.manifest.renditions.redacted).toBeNull();
    expect(safe.files.redacted).toBeNull();
    expect(existsSync(join(out, 'redacted.mp4'))).toBe(false);
    expect(safe.manifest.renditions.blurred.bytes).toBe(readFileSync(join(out, 'blurred.mp4')).length);
  });
});
