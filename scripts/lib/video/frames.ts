/**
 * The frames of a clip as both passes see them: the same ffmpeg filters in front of detection and
 * of the renditions, so frame n of one is frame n of the other.
 */
import type { ProbedClip } from './probe.js';

/** Size of the renditions' frames: the upright source cut to even sides (H.264 in 4:2:0 needs them), from the top left. */
export function renditionSize(clip: Pick<ProbedClip, 'width' | 'height'>): { width: number; height: number } {
  return { width: clip.width - (clip.width % 2), height: clip.height - (clip.height % 2) };
}

/**
 * ffmpeg's filters that turn the decoded (upright: ffmpeg applies the rotation) source into the
 * renditions' frames: resampled to the renditions' constant rate, cut to even sides from the top
 * left (so source pixels keep their coordinates).
 */
export function frameFilters(clip: Pick<ProbedClip, 'renditionRate' | 'width' | 'height'>): string {
  const { width, height } = renditionSize(clip);
  return `fps=${clip.renditionRate},crop=${width}:${height}:0:0`;
}

/** The input arguments of every decode: quiet, stop at the first damaged packet, the first video stream only. */
export function decodeInput(path: string): string[] {
  return ['-hide_banner', '-nostdin', '-v', 'error', '-xerror', '-i', path];
}

/**
 * The size of the frames examined by the detector: the renditions' frames shrunk so that the long
 * side is at most `longSide` (never enlarged), and the factors back to source pixels.
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
