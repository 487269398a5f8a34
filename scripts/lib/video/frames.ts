/**
 * The frames of a clip as both passes see them: the same ffmpeg filters in front of detection and
 * of the renditions, so frame n of one is frame n of the other.
 */
import { resolve } from 'node:path';
import { RENDITION_MAX_LONG_SIDE, RENDITION_MAX_SHORT_SIDE } from './limits.js';
import type { ProbedClip } from './probe.js';

const even = (n: number) => Math.max(2, 2 * Math.floor(n / 2 + 1e-9));

/**
 * Size of the renditions' frames: the upright source, shrunk to fit {@link RENDITION_MAX_LONG_SIDE}
 * × {@link RENDITION_MAX_SHORT_SIDE} (never enlarged), with even sides (H.264 in 4:2:0 needs them).
 */
export function renditionSize(clip: Pick<ProbedClip, 'width' | 'height'>): { width: number; height: number } {
  const long = Math.max(clip.width, clip.height);
  const short = Math.min(clip.width, clip.height);
  const scale = Math.min(1, RENDITION_MAX_LONG_SIDE / long, RENDITION_MAX_SHORT_SIDE / short);
  return { width: even(clip.width * scale), height: even(clip.height * scale) };
}

/**
 * ffmpeg's filters that turn the decoded (upright: ffmpeg applies the rotation) source into the
 * renditions' frames: resampled to the renditions' constant rate, never more frames than the source
 * has (a variable-rate source resampled at its mean rate may gain one at the end, and a track's
 * frames must lie inside the source's count the manifest states), shrunk by area to
 * {@link renditionSize} when it differs from the source's.
 */
export function frameFilters(clip: Pick<ProbedClip, 'renditionRate' | 'width' | 'height' | 'frames'>): string {
  const { width, height } = renditionSize(clip);
  const resize = width === clip.width && height === clip.height ? '' : `,scale=${width}:${height}:flags=area`;
  return `fps=${clip.renditionRate},trim=end_frame=${clip.frames}${resize}`;
}

/**
 * `box` (source pixels) in the pixels of a `to` frame shrunk from a `from` frame, rounded outwards
 * so that nothing of it is lost, and clipped to the frame.
 */
export function scaleBox(
  box: { x: number; y: number; width: number; height: number },
  from: { width: number; height: number },
  to: { width: number; height: number },
): { x: number; y: number; width: number; height: number } {
  const [sx, sy] = [to.width / from.width, to.height / from.height];
  const x0 = Math.max(0, Math.floor(box.x * sx));
  const y0 = Math.max(0, Math.floor(box.y * sy));
  const x1 = Math.min(to.width, Math.ceil((box.x + box.width) * sx));
  const y1 = Math.min(to.height, Math.ceil((box.y + box.height) * sy));
  return { x: x0, y: y0, width: Math.max(1, x1 - x0), height: Math.max(1, y1 - y0) };
}

/**
 * `path` as ffmpeg must read it: an absolute path behind the `file:` protocol, so that a name such
 * as `concat:a|b`, `http://…` or `-i` is only ever a local file's name.
 */
export function localInput(path: string): string {
  return `file:${resolve(path)}`;
}

/** The input arguments of every decode: quiet, stop at the first damaged packet, the local file only. */
export function decodeInput(path: string): string[] {
  return ['-hide_banner', '-nostdin', '-v', 'error', '-xerror', '-i', localInput(path)];
}

/**
 * The size of the frames examined by the detector: a `width` × `height` source shrunk so that the
 * long side is at most `longSide` (never enlarged), and the factors back to source pixels.
 */
export function detectionSize(width: number, height: number, longSide: number): { width: number; height: number; sx: number; sy: number } {
  const scale = Math.min(1, longSide / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  return { width: w, height: h, sx: width / w, sy: height / h };
}

/** Frames expected at the renditions' rate for the clip's duration (the `fps` filter emits one per step). */
export function expectedFrames(clip: Pick<ProbedClip, 'durationMs' | 'renditionFps'>): number {
  return Math.max(1, Math.round((clip.durationMs * clip.renditionFps) / 1000));
}
