/**
 * Manual regions of a clip (`--regions FILE`): boxes the data owner hides for a time range, each
 * with a reason — a plate, a tattoo, an ID document, a screen, restraints, a face the detector
 * missed. The box and reason rules are the photos' (`regionEditIssues` in the policy package); the
 * time range is checked against the clip.
 */
import { regionEditIssues } from '@need2know/policy';
import { VideoRegion } from '@need2know/schema/video-manifest';
import { VideoError } from './errors.js';

/** The list a regions file for a clip holds under `regions`: `[{ "x", "y", "w", "h", "from_ms", "to_ms", "reason", "note"? }]`. */
const VideoRegionList = VideoRegion.array();

/** The clip the regions are checked against. */
export interface ClipFrame {
  readonly width: number;
  readonly height: number;
  readonly durationMs: number;
}

/**
 * The regions of a regions file for a clip, checked: known keys and types, boxes of whole pixels
 * inside the frame, known reasons (a note for `other`), `from_ms` before `to_ms`, and a start inside
 * the clip (an end past it is cut to the clip's end).
 *
 * @example parseVideoRegions('{"regions":[{"x":10,"y":400,"w":120,"h":30,"from_ms":0,"to_ms":4000,"reason":"plate"}]}', clip)
 * @throws VideoError `invalid_regions` naming the first problem.
 */
export function parseVideoRegions(text: string, clip: ClipFrame): VideoRegion[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new VideoError('invalid_regions', 'the regions file is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body) || Object.keys(body).some((k) => k !== 'regions'))
    throw new VideoError('invalid_regions', 'a regions file for a clip is a JSON object with "regions" only');
  const parsed = VideoRegionList.safeParse((body as { regions?: unknown }).regions ?? []);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new VideoError('invalid_regions', `regions file: regions.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  const regions = parsed.data;
  const boxes = regions.map((r) => ({ x: r.x, y: r.y, width: r.w, height: r.h, reason: r.reason, note: r.note }));
  const [issue] = regionEditIssues({ regions: boxes, removedFaces: [] }, { width: clip.width, height: clip.height, faces: 0 });
  if (issue !== undefined) throw new VideoError('invalid_regions', `regions file: ${issue.message}`);
  return regions.map((r, i) => {
    if (r.from_ms >= r.to_ms) throw new VideoError('invalid_regions', `regions file: regions.${i}: from_ms must come before to_ms`);
    if (r.from_ms >= clip.durationMs)
      throw new VideoError('invalid_regions', `regions file: regions.${i}: starts after the clip's end (${clip.durationMs} ms)`);
    return { ...r, to_ms: Math.min(r.to_ms, clip.durationMs) };
  });
}

/**
 * Whether frame `n` of a rendition at `fps` shows any part of the time range of `region`: the frame
 * is on screen from n / fps to (n + 1) / fps, and a region covers every frame it overlaps.
 */
export function regionOnFrame(region: Pick<VideoRegion, 'from_ms' | 'to_ms'>, n: number, fps: number): boolean {
  return (n * 1000) / fps < region.to_ms && ((n + 1) * 1000) / fps > region.from_ms;
}
