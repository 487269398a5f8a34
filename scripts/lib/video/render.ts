/**
 * The rendering pass: one decode of the clip at the renditions' rate feeds both renditions.
 *
 * - `blurred`: the whole frame pixelated and blurred inside ffmpeg (area shrink to the photos'
 *   block grid, blocks drawn back, three box-blur passes), straight to the encoder.
 * - `redacted`: raw RGBA frames piped to this process, every face-track box and manual region of the
 *   frame redacted with the photos' own code (`redactRegions`: widened by the margin, pixelated,
 *   blurred; every other pixel kept), piped on into a second ffmpeg that encodes them.
 *
 * Both are H.264 in fragmented MP4 (a keyframe every `KEYFRAME_SECONDS`, each starting a fragment)
 * so a viewer can stream them with Media Source Extensions; no audio, no metadata from the source.
 */
import { blurBlockSize } from '../../../gateway/src/services/media/blur.js';
import { REDACT_MARGIN } from '../../../gateway/src/services/media/detect/thresholds.js';
import { redactRegions } from '../../../gateway/src/services/media/redact/redact-regions.js';
import { VideoError } from './errors.js';
import { endStream, ffmpegTools, rawFrames, run, stop, writeFrame, type Running } from './ffmpeg.js';
import { decodeInput, frameFilters, renditionSize, scaleBox } from './frames.js';
import { KEYFRAME_SECONDS, RENDITION_CRF, RENDITION_PRESET } from './limits.js';
import type { ProbedClip } from './probe.js';

/** A box to hide on one frame (before the margin). */
export interface FrameBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Where the renditions go and what the redacted one hides. */
export interface RenderPlan {
  /** Output path of the whole-frame blurred rendition; null when it is made apart ({@link startBlurredRendition}). */
  readonly blurredPath: string | null;
  /** Output path of the redacted rendition; null when the clip fails safe (only `blurred` is made). */
  readonly redactedPath: string | null;
  /** The boxes to hide on frame n (face tracks and manual regions), in source pixels; read only when `redactedPath` is set. */
  readonly boxesOn: (n: number) => readonly FrameBox[];
  /** Frames the detection pass examined: a rendering frame beyond them is an error, never shown unexamined. */
  readonly examinedFrames: number;
  readonly onFrame?: ((done: number) => void) | undefined;
}

/** The encoder's arguments shared by both renditions: H.264 High, 4:2:0, fixed keyframe interval, fragmented MP4, no audio, no metadata. */
function encodeArgs(clip: ProbedClip, out: string): string[] {
  const gop = String(Math.max(1, Math.round(clip.renditionFps * KEYFRAME_SECONDS)));
  return [
    ...['-an', '-sn', '-dn', '-map_metadata', '-1', '-map_chapters', '-1'],
    ...['-c:v', 'libx264', '-preset', RENDITION_PRESET, '-crf', String(RENDITION_CRF), '-profile:v', 'high', '-pix_fmt', 'yuv420p'],
    ...['-g', gop, '-keyint_min', gop, '-sc_threshold', '0'],
    ...['-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-f', 'mp4', '-y', out],
  ];
}

/**
 * ffmpeg's filters for the whole-frame blur of a `width` × `height` frame, the photos' recipe
 * (`blurImage`): blocks of `blurBlockSize` (about ten across the shorter side) holding their mean,
 * then three box-blur passes of half a block each way (the chroma planes at half size, half the radius).
 */
export function wholeFrameBlur(width: number, height: number): string {
  const block = blurBlockSize(width, height);
  const [gw, gh] = [Math.ceil(width / block), Math.ceil(height / block)];
  const radius = Math.ceil(block / 2);
  const chroma = Math.max(1, Math.ceil(radius / 2));
  return [
    `scale=${gw}:${gh}:flags=area`,
    `scale=${gw * block}:${gh * block}:flags=neighbor`,
    `crop=${width}:${height}:0:0`,
    'format=yuv420p',
    `boxblur=luma_radius=${radius}:luma_power=3:chroma_radius=${chroma}:chroma_power=3`,
  ].join(',');
}

/**
 * Starts making the whole-frame blurred rendition of `clip` at `path` into `out` on its own decode.
 * It depends on no detection, so it can be made beside the detection pass on a machine with cores
 * to share; `done` resolves when the file is complete.
 */
export function startBlurredRendition(path: string, clip: ProbedClip, out: string): Running {
  const { ffmpeg } = ffmpegTools();
  const { width, height } = renditionSize(clip);
  return run(
    ffmpeg,
    [
      ...decodeInput(path),
      '-filter_complex',
      `[0:v:0]${frameFilters(clip)},${wholeFrameBlur(width, height)}[blurred]`,
      '-map',
      '[blurred]',
      ...encodeArgs(clip, out),
    ],
    'blurring',
  );
}

/**
 * Makes the renditions of `clip` at `path` as `plan` says, and resolves when both files are
 * complete. Frames of the redacted rendition are redacted in order and never skipped.
 *
 * @throws VideoError `ffmpeg_failed` when decoding or encoding fails (no partial rendition is used).
 */
export async function renderRenditions(path: string, clip: ProbedClip, plan: RenderPlan): Promise<number> {
  const { ffmpeg } = ffmpegTools();
  const { width, height } = renditionSize(clip);
  if (plan.redactedPath === null) {
    if (plan.blurredPath !== null) await startBlurredRendition(path, clip, plan.blurredPath).done;
    return 0;
  }
  // One decode feeds both renditions, unless the blurred one is made apart.
  const blurredOut = plan.blurredPath === null ? [] : ['-map', '[blurred]', ...encodeArgs(clip, plan.blurredPath)];
  const graph =
    plan.blurredPath === null
      ? `[0:v:0]${frameFilters(clip)}[raw]`
      : `[0:v:0]${frameFilters(clip)},split=2[raw][b];[b]${wholeFrameBlur(width, height)}[blurred]`;
  const decoder = run(
    ffmpeg,
    [...decodeInput(path), '-filter_complex', graph, '-map', '[raw]', '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1', ...blurredOut],
    'decoding',
  );
  const rawIn = ['-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${width}x${height}`, '-framerate', clip.renditionRate, '-i', 'pipe:0'];
  const encoder = run(ffmpeg, ['-hide_banner', '-v', 'error', ...rawIn, ...encodeArgs(clip, plan.redactedPath)], 'encoding the redacted rendition');
  let n = 0;
  try {
    for await (const data of rawFrames(decoder.child.stdout as NonNullable<Running['child']['stdout']>, width * height * 4)) {
      if (n >= plan.examinedFrames) throw new VideoError('ffmpeg_failed', `frame ${n} was not examined by the detector; nothing is made from it`);
      const boxes = plan.boxesOn(n).map((b) => scaleBox(b, clip, { width, height }));
      const frame = boxes.length === 0 ? data : redactRegions({ width, height, data }, boxes, REDACT_MARGIN).data;
      await writeFrame(encoder.child.stdin as NonNullable<Running['child']['stdin']>, frame);
      n++;
      plan.onFrame?.(n);
    }
    await endStream(encoder.child.stdin as NonNullable<Running['child']['stdin']>);
    await Promise.all([decoder.done, encoder.done]);
  } catch (err) {
    stop(decoder);
    stop(encoder);
    throw err;
  }
  return n;
}
