/**
 * The detection pass: every frame of the renditions' rate decoded by ffmpeg (shrunk for the
 * detector, raw RGBA over a pipe) and examined by the photos' face detector; boxes mapped back to
 * source pixels.
 */
import { DETECTOR_INPUT_SIZE, REDACT_SCORE_MIN } from '../../../gateway/src/services/media/detect/thresholds.js';
import { VideoError } from './errors.js';
import { type DetectPool, detectWorkers, startDetectPool } from './detect-pool.js';
import type { NodeDetector } from './face-detector-node.js';
import { ffmpegTools, rawFrames, run, stop } from './ffmpeg.js';
import { decodeInput, detectionSize, expectedFrames, frameFilters } from './frames.js';
import { DETECT_LONG_SIDE } from './limits.js';
import type { ProbedClip } from './probe.js';
import type { Detection } from './track.js';

/**
 * Fewest frames, as a share of those the duration announces, that a decode must yield; fewer means
 * the stream ends early (a damaged or cut-off file that its index hides).
 */
export const MIN_DECODED_SHARE = 0.9;

/** What detection found on a clip. */
export interface ClipDetections {
  /** `perFrame[n]`: the boxes found on frame n, in source pixels; every frame of the renditions' rate is examined. */
  readonly perFrame: Detection[][];
  /** Null when every frame was examined; the detector's error otherwise (then `perFrame` is incomplete and must not be trusted). */
  readonly failure: string | null;
  /** Threads that examined the frames: 1 on the calling thread, else the pool's size. */
  readonly threads: number;
}

/** The shrunk frame's faces in source pixels (the same arithmetic on both paths). */
function toSource(faces: readonly Detection[], small: { sx: number; sy: number }): Detection[] {
  return faces.map((f) => ({ x: f.x * small.sx, y: f.y * small.sy, width: f.width * small.sx, height: f.height * small.sy, score: f.score }));
}

/**
 * Runs `detector` on every frame of `clip` at the renditions' rate (at {@link DETECT_LONG_SIDE},
 * keeping every box scoring at least the photos' `REDACT_SCORE_MIN`). A decode that fails or ends
 * early is an error (the clip is refused); a detector that fails is reported in `failure`, so the
 * clip can fail safe instead.
 *
 * With `threads` above 1 (default: {@link detectWorkers}) and one of the package's detectors, frames
 * are shared between this thread and a pool of `threads - 1` worker threads (`detect-pool.ts`); the
 * result is the same frame for frame. A pool that cannot start leaves the work to this thread.
 *
 * @throws VideoError `ffmpeg_failed` or `truncated` when the frames cannot all be decoded.
 */
export async function detectFrames(
  path: string,
  clip: ProbedClip,
  detector: NodeDetector,
  onFrame?: (done: number, total: number) => void,
  threads?: number,
): Promise<ClipDetections> {
  const { ffmpeg } = ffmpegTools();
  // Boxes found on the shrunk frame map straight back to the source's pixels (the renditions' frames in between are the same picture).
  const small = detectionSize(clip.width, clip.height, DETECT_LONG_SIDE);
  const options = { inputSize: DETECTOR_INPUT_SIZE, scoreMin: REDACT_SCORE_MIN };
  const total = expectedFrames(clip);
  const size = detectWorkers(threads);
  // This thread examines every `size`-th frame itself (its detector is loaded already); the
  // pool's `size - 1` threads take the others.
  const local = { faces: new Map<number, readonly Detection[]>(), errors: new Map<number, string>() };
  let pooled = 0;
  let pool: DetectPool | null = null;
  if (size > 1 && detector.threadModel !== undefined) {
    const progress = (answered: number) => {
      pooled = answered;
      onFrame?.(pooled + local.faces.size + local.errors.size, total);
    };
    pool = await startDetectPool(size - 1, { detector: detector.threadModel, options }, progress).catch(() => null);
  }
  const filters = `${frameFilters(clip)},scale=${small.width}:${small.height}:flags=area`;
  const decoder = run(
    ffmpeg,
    [...decodeInput(path), '-map', '0:v:0', '-vf', filters, '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'],
    'decoding for detection',
  );
  const perFrame: Detection[][] = [];
  let failure: string | null = null;
  let decoded = 0;
  try {
    for await (const data of rawFrames(decoder.child.stdout as NonNullable<typeof decoder.child.stdout>, small.width * small.height * 4)) {
      const n = decoded++;
      if (pool !== null) {
        // After a failure no frame is examined any more (the frames before it all were): the clip fails safe.
        if (failure !== null || local.errors.size > 0) continue;
        if (n % size !== size - 1) {
          // A thread that stops is the detector failing: the clip fails safe, as on this thread.
          await pool.submit(n, small.width, small.height, data).catch((err: unknown) => {
            failure = err instanceof Error ? err.message : String(err);
          });
          continue;
        }
        try {
          local.faces.set(n, (await detector.detect({ width: small.width, height: small.height, data }, options)).faces);
        } catch (err) {
          local.errors.set(n, err instanceof Error ? err.message : String(err));
        }
        onFrame?.(pooled + local.faces.size + local.errors.size, total);
        continue;
      }
      let found: Detection[] = [];
      if (failure === null) {
        try {
          found = toSource((await detector.detect({ width: small.width, height: small.height, data }, options)).faces, small);
        } catch (err) {
          failure = err instanceof Error ? err.message : String(err);
        }
      }
      perFrame.push(found);
      onFrame?.(perFrame.length, total);
    }
    if (pool !== null) failure = await collect(pool, local, decoded, small, perFrame, failure);
  } catch (err) {
    stop(decoder);
    throw err;
  } finally {
    await pool?.close();
  }
  await decoder.done;
  if (decoded < total * MIN_DECODED_SHARE)
    throw new VideoError('truncated', `only ${decoded} of about ${total} frames could be decoded: the file is damaged or cut off`);
  return { perFrame, failure, threads: pool === null ? 1 : size };
}

/**
 * The pool's answers and this thread's (`local`) as the sequential pass would have left them in `perFrame`: frames in order,
 * and from the first frame on which the detector failed, that failure and no boxes on the frames
 * after it. Returns the failure (null when every frame was examined).
 */
async function collect(
  pool: DetectPool,
  local: { faces: ReadonlyMap<number, readonly Detection[]>; errors: ReadonlyMap<number, string> },
  decoded: number,
  small: { sx: number; sy: number },
  perFrame: Detection[][],
  stopped: string | null,
): Promise<string | null> {
  let failure = stopped;
  const answers = await pool.drain().catch((err: unknown) => {
    failure ??= err instanceof Error ? err.message : String(err);
    return null;
  });
  for (let n = 0; n < decoded; n++) {
    const error = answers?.errors.get(n) ?? local.errors.get(n);
    if (failure === null && error !== undefined) failure = error;
    const faces = answers?.faces.get(n) ?? local.faces.get(n);
    if (failure === null && faces === undefined) failure = `frame ${n} was not examined`;
    perFrame.push(failure === null && faces !== undefined ? toSource(faces, small) : []);
  }
  return failure;
}
