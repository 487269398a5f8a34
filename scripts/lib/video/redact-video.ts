/**
 * A clip's redaction on the data owner's side, start to end: probe (refuse early), detect on every
 * frame, track, decide the fail-safe (`fail-safe.ts`), render both renditions, write the manifest.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { type FaceTrack, VIDEO_MANIFEST_VERSION, VideoRedactionManifest, type VideoRegion, type VideoRendition } from '@need2know/schema/video-manifest';
import { FACE_CONFIDENCE_FLOOR, REDACT_SCORE_MIN } from '../../../gateway/src/services/media/detect/thresholds.js';
import { videoManifestIssues } from '@need2know/policy';
import { mp4VideoMime } from './codecs.js';
import { detectFrames } from './detect-frames.js';
import { detectWorkers } from './detect-pool.js';
import { VideoError } from './errors.js';
import { failSafeCause } from './fail-safe.js';
import type { NodeDetector } from './face-detector-node.js';
import { stop } from './ffmpeg.js';
import { hashFile, readHead, type FileDigest } from './file-reader.js';
import { renditionSize } from './frames.js';
import { RENDITION_HEAD_BYTES } from './limits.js';
import { probeClip, type ProbedClip } from './probe.js';
import { regionOnFrame } from './regions.js';
import { renderRenditions, startBlurredRendition } from './render.js';
import { boxesPerFrame, trackFaces, trackOptions } from './track.js';

/** The files written for one clip, and its manifest. */
export interface RedactedClip {
  readonly manifest: VideoRedactionManifest;
  readonly clip: ProbedClip;
  /** The original's length and SHA-256 as hashed into the manifest (before any frame was decoded): what is sent must match them. */
  readonly original: FileDigest;
  /** Threads that examined the frames (1: the calling thread; more: a pool, see `detect-pool.ts`). */
  readonly detectThreads: number;
  /** Paths of the files written in the output folder. */
  readonly files: { readonly redacted: string | null; readonly blurred: string; readonly manifest: string };
}

/** How to redact. */
export interface RedactOptions {
  /** Folder the renditions and the manifest are written to. */
  readonly outDir: string;
  readonly detector: NodeDetector;
  /** Manual regions, already checked against the clip (`parseVideoRegions`); or a function of the probed clip that returns them. */
  readonly regions?: readonly VideoRegion[] | ((clip: ProbedClip) => readonly VideoRegion[]);
  /**
   * Detection threads, the calling one included (`detect-pool.ts`); when the machine has more cores,
   * the blurred rendition is also made beside the detection pass. 1 runs everything in line (the
   * sequential path); default
   * `N2K_VIDEO_WORKERS`, else the machine's available parallelism up to `DETECT_WORKERS_MAX`.
   */
  readonly detectThreads?: number;
  /** Called as work advances: which pass, frames done, frames in all. */
  readonly onProgress?: (pass: 'detect' | 'render', done: number, total: number) => void;
}

/** A rendition's entry in the manifest, read from the encoded file itself: its head for the codecs, the whole streamed through the hash. */
async function rendition(path: string, clip: ProbedClip): Promise<VideoRendition> {
  const { bytes, sha256 } = await hashFile(path);
  return { mime: mp4VideoMime(await readHead(path, RENDITION_HEAD_BYTES)), ...renditionSize(clip), fps: clip.renditionFps, audio: 'dropped', bytes, sha256 };
}

/**
 * Redacts the clip at `path` into `options.outDir`: `redacted.mp4` (unless the clip fails safe),
 * `blurred.mp4` and `manifest.json`, the manifest checked against the schema before it is written.
 * Audio is always dropped: voices identify people, and nothing in a voice can be blurred.
 *
 * @example
 * const { manifest, files } = await redactVideo('clip.mp4', { outDir, detector: await tinyFaceDetector() });
 * @throws VideoError when the clip is refused (before any frame is decoded), ffmpeg fails, or the
 *   manifest breaks the gateway's rules (`videoManifestIssues`: a rendition too large, a box outside the frame).
 */
export async function redactVideo(path: string, options: RedactOptions): Promise<RedactedClip> {
  const clip = await probeClip(path);
  const regions = typeof options.regions === 'function' ? options.regions(clip) : (options.regions ?? []);
  // Hashed before any frame is decoded, by streaming: a change after this is caught when the file is sent.
  const original = await hashFile(path);
  if (original.bytes !== clip.bytes)
    throw new VideoError(
      'file_changed',
      `the clip changed after it was probed (${original.bytes} bytes instead of ${clip.bytes}): upload it again once the file is final`,
    );

  const threads = detectWorkers(options.detectThreads);
  const blurredPath = join(options.outDir, 'blurred.mp4');
  // The blurred rendition needs no detection: with a core to spare beyond detection's threads it is
  // made beside the detection pass, on its own decode; otherwise after it, from the redacted one's decode.
  const blurring = threads > 1 && availableParallelism() > threads ? startBlurredRendition(path, clip, blurredPath) : null;
  let files: RedactedClip['files'];
  let cause: VideoRedactionManifest['fail_safe'];
  let tracks: FaceTrack[];
  let detectThreads: number;
  try {
    const detected = await detectFrames(path, clip, options.detector, (done, total) => options.onProgress?.('detect', done, total), threads);
    const frames = detected.perFrame.length;
    detectThreads = detected.threads;
    cause = failSafeCause(detected.perFrame, detected.failure, FACE_CONFIDENCE_FLOOR);
    tracks = detected.failure === null ? trackFaces(detected.perFrame, frames, clip.width, clip.height, trackOptions(clip.renditionFps)) : [];
    const faceBoxes = boxesPerFrame(tracks, frames);

    files = { redacted: cause === null ? join(options.outDir, 'redacted.mp4') : null, blurred: blurredPath, manifest: join(options.outDir, 'manifest.json') };
    const boxesOn = (n: number) => [
      ...(faceBoxes[n] ?? []),
      ...regions.filter((r) => regionOnFrame(r, n, clip.renditionFps)).map((r) => ({ x: r.x, y: r.y, width: r.w, height: r.h })),
    ];
    await renderRenditions(path, clip, {
      blurredPath: blurring === null ? blurredPath : null,
      redactedPath: files.redacted,
      boxesOn,
      examinedFrames: frames,
      onFrame: (done) => options.onProgress?.('render', done, frames),
    });
    await blurring?.done;
  } catch (err) {
    if (blurring !== null) stop(blurring);
    throw err;
  }

  const manifest = VideoRedactionManifest.parse({
    version: VIDEO_MANIFEST_VERSION,
    detector: { name: options.detector.name, version: options.detector.version, min_score: REDACT_SCORE_MIN },
    source: {
      width: clip.width,
      height: clip.height,
      fps: clip.fps,
      frames: clip.frames,
      duration_ms: clip.durationMs,
      video_codec: clip.videoCodec,
      audio: clip.audio,
    },
    original: { bytes: original.bytes, sha256: original.sha256 },
    renditions: { redacted: files.redacted === null ? null : await rendition(files.redacted, clip), blurred: await rendition(files.blurred, clip) },
    fail_safe: cause,
    tracks,
    regions: [...regions],
  } satisfies VideoRedactionManifest);
  // The gateway's own rules for a manifest (sizes, boxes and frames inside the clip, the fail-safe):
  // a manifest it would refuse stops here, before anything is sent.
  const [issue] = videoManifestIssues(manifest);
  if (issue !== undefined) throw new VideoError('manifest_refused', `the gateway would refuse this clip's manifest: ${issue.message}`);
  writeFileSync(files.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifest, clip, original, detectThreads, files };
}
