/**
 * The detection pass: every frame of the renditions' rate decoded by ffmpeg (shrunk for the
 * detector, raw RGBA over a pipe) and examined by the photos' face detector; boxes mapped back to
 * source pixels.
 */
import { DETECTOR_INPUT_SIZE, REDACT_SCORE_MIN } from '../../../gateway/src/services/media/detect/thresholds.js';
import { VideoError } from './errors.js';
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
}

/**
 * Runs `detector` on every frame of `clip` at the renditions' rate (at {@link DETECT_LONG_SIDE},
 * keeping every box scoring at least the photos' `REDACT_SCORE_MIN`). A decode that fails or ends
 * early is an error (the clip is refused); a detector that fails is reported in `failure`, so the
 * clip can fail safe instead.
 *
 * @throws VideoError `ffmpeg_failed` or `truncated` when the frames cannot all be decoded.
 */
export async function detectFrames(
  path: string,
  clip: ProbedClip,
  detector: NodeDetector,
  onFrame?: (done: number, total: number) => void,
): Promise<ClipDetections> {
  const { ffmpeg } = ffmpegTools();
  // Boxes found on the shrunk frame map straight back to the source's pixels (the renditions' frames in between are the same picture).
  const small = detectionSize(clip.width, clip.height, DETECT_LONG_SIDE);
  const filters = `${frameFilters(clip)},scale=${small.width}:${small.height}:flags=area`;
  const decoder = run(
    ffmpeg,
    [...decodeInput(path), '-map', '0:v:0', '-vf', filters, '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'],
    'decoding for detection',
  );
  const total = expectedFrames(clip);
  const perFrame: Detection[][] = [];
  let failure: string | null = null;
  try {
    for await (const data of rawFrames(decoder.child.stdout as NonNullable<typeof decoder.child.stdout>, small.width * small.height * 4)) {
      let found: Detection[] = [];
      if (failure === null) {
        try {
          const result = await detector.detect(
            { width: small.width, height: small.height, data },
            { inputSize: DETECTOR_INPUT_SIZE, scoreMin: REDACT_SCORE_MIN },
          );
          found = result.faces.map((f) => ({ x: f.x * small.sx, y: f.y * small.sy, width: f.width * small.sx, height: f.height * small.sy, score: f.score }));
        } catch (err) {
          failure = err instanceof Error ? err.message : String(err);
        }
      }
      perFrame.push(found);
      onFrame?.(perFrame.length, total);
    }
  } catch (err) {
    stop(decoder);
    throw err;
  }
  await decoder.done;
  if (perFrame.length < total * MIN_DECODED_SHARE)
    throw new VideoError('truncated', `only ${perFrame.length} of about ${total} frames could be decoded: the file is damaged or cut off`);
  return { perFrame, failure };
}
