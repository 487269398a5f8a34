/**
 * Face tracks from per-frame detections: each detection is linked to the face it continues, and a
 * track's box is carried over the frames where the detector missed it — across short gaps, and for
 * a lead-in before its first and a lead-out after its last detection — so a face the detector saw
 * in only one or two frames is still hidden on the frames around them and boxes do not flicker.
 * Carried boxes have `score: null` and grow with their distance from the nearest detection. Pure.
 */
import type { FaceTrack } from '@need2know/schema/video-manifest';

/** A box found on one frame, in source pixels, with the detector's score. */
export interface Detection {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly score: number;
}

/** How tracks are linked and carried, in frames of the renditions' rate (see {@link trackOptions}). */
export interface TrackOptions {
  /** Longest run of frames without a detection that a track bridges. */
  readonly maxGap: number;
  /** Frames a track's box is carried before its first and after its last detection. */
  readonly lead: number;
}

/**
 * Longest gap bridged, in milliseconds. Half a second covers a face turned away, passing behind a
 * lamp post, or blurred by motion for a moment; a longer absence is more likely another person.
 */
export const TRACK_MAX_GAP_MS = 500;

/**
 * Lead-in and lead-out, in milliseconds: how long a box stays before a face is first found and
 * after it is last found. A face usually enters (or turns) a few frames before the detector is
 * confident of it; 300 ms covers that, and makes a face seen on a single frame hidden for 0.6 s.
 */
export const TRACK_LEAD_MS = 300;

/** Least overlap (intersection over union) of a detection with a track's last box to continue it. */
export const TRACK_MIN_IOU = 0.2;

/**
 * Farthest a detection's centre may lie from a track's last box's centre to continue it, as a
 * fraction of the larger side of the two boxes (per frame of gap): a fast-moving or growing face
 * overlaps little from frame to frame but stays close.
 */
export const TRACK_MAX_CENTRE_SHIFT = 0.6;

/**
 * How much a carried box grows on each side per frame away from its nearest detection, as a
 * fraction of its larger side, up to {@link CARRY_GROWTH_MAX}: the face may have moved meanwhile.
 */
export const CARRY_GROWTH = 0.08;
/** Most a carried box grows on each side, as a fraction of its larger side. */
export const CARRY_GROWTH_MAX = 0.5;

/** The options for the renditions' frame rate `fps`. */
export function trackOptions(fps: number): TrackOptions {
  return { maxGap: Math.max(1, Math.ceil((TRACK_MAX_GAP_MS * fps) / 1000)), lead: Math.max(1, Math.ceil((TRACK_LEAD_MS * fps) / 1000)) };
}

interface Open {
  readonly id: number;
  readonly found: Map<number, Detection>;
  lastFrame: number;
  last: Detection;
}

function iou(a: Detection, b: Detection): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (a.width * a.height + b.width * b.height - inter);
}

/** How well `d` continues a track whose last box is `last`, `gap` frames ago; 0 when it does not. */
function affinity(last: Detection, d: Detection, gap: number): number {
  const overlap = iou(last, d);
  const shift = Math.hypot(last.x + last.width / 2 - (d.x + d.width / 2), last.y + last.height / 2 - (d.y + d.height / 2));
  const reach = TRACK_MAX_CENTRE_SHIFT * Math.max(last.width, last.height, d.width, d.height) * gap;
  const near = shift <= reach ? 1 - shift / reach : 0;
  return overlap >= TRACK_MIN_IOU || near > 0 ? overlap + near : 0;
}

/** Links each frame's detections to the open tracks, greedily by affinity; the rest open new tracks. */
function link(perFrame: readonly (readonly Detection[])[], maxGap: number): Open[] {
  const tracks: Open[] = [];
  perFrame.forEach((found, frame) => {
    const live = tracks.filter((t) => frame - t.lastFrame <= maxGap + 1);
    const pairs: { t: Open; d: Detection; a: number }[] = [];
    for (const t of live) for (const d of found) pairs.push({ t, d, a: affinity(t.last, d, frame - t.lastFrame) });
    pairs.sort((p, q) => q.a - p.a);
    const usedT = new Set<Open>();
    const usedD = new Set<Detection>();
    for (const { t, d, a } of pairs) {
      if (a <= 0 || usedT.has(t) || usedD.has(d)) continue;
      usedT.add(t);
      usedD.add(d);
      t.found.set(frame, d);
      t.lastFrame = frame;
      t.last = d;
    }
    for (const d of found) {
      if (!usedD.has(d)) tracks.push({ id: tracks.length, found: new Map([[frame, d]]), lastFrame: frame, last: d });
    }
  });
  return tracks;
}

/** `b` grown by `away` frames of {@link CARRY_GROWTH} on every side, clipped to the frame, in whole pixels. */
function carried(b: { x: number; y: number; width: number; height: number }, away: number, width: number, height: number) {
  const pad = Math.min(CARRY_GROWTH_MAX, CARRY_GROWTH * away) * Math.max(b.width, b.height);
  const x0 = Math.max(0, Math.floor(b.x - pad));
  const y0 = Math.max(0, Math.floor(b.y - pad));
  const x1 = Math.min(width, Math.ceil(b.x + b.width + pad));
  const y1 = Math.min(height, Math.ceil(b.y + b.height + pad));
  return { x: x0, y: y0, w: Math.max(1, x1 - x0), h: Math.max(1, y1 - y0) };
}

/**
 * The face tracks of a clip of `frames` frames of `width` × `height`, from the detections of each
 * frame (`perFrame[n]`: every box the detector found on frame n). Every detection ends up in exactly
 * one track; between two detections of a track its box is interpolated, and for `lead` frames
 * before and after it is held, each carried box grown by {@link CARRY_GROWTH} per frame of distance.
 *
 * @example
 * trackFaces([[], [{ x: 100, y: 80, width: 40, height: 50, score: 0.8 }], []], 3, 640, 360, { maxGap: 8, lead: 5 })
 * // [{ id: 0, from_frame: 0, to_frame: 2, boxes: [{ frame: 0, …, score: null }, { frame: 1, x: 100, y: 80, w: 40, h: 50, score: 0.8 }, { frame: 2, …, score: null }] }]
 */
export function trackFaces(perFrame: readonly (readonly Detection[])[], frames: number, width: number, height: number, options: TrackOptions): FaceTrack[] {
  const out: FaceTrack[] = [];
  for (const t of link(perFrame, options.maxGap)) {
    const seen = [...t.found.keys()].sort((a, b) => a - b);
    const first = seen[0] as number;
    const last = seen[seen.length - 1] as number;
    const from = Math.max(0, first - options.lead);
    const to = Math.min(frames - 1, last + options.lead);
    const boxes: FaceTrack['boxes'] = [];
    let prev = first;
    for (let frame = from; frame <= to; frame++) {
      const d = t.found.get(frame);
      if (d !== undefined) {
        const b = carried(d, 0, width, height);
        boxes.push({ frame, ...b, score: Math.min(1, Math.max(0, d.score)) });
        prev = frame;
        continue;
      }
      const next = seen.find((f) => f > frame);
      const before = t.found.get(prev) as Detection;
      let base: { x: number; y: number; width: number; height: number };
      let away: number;
      if (frame < first || next === undefined) {
        base = frame < first ? (t.found.get(first) as Detection) : before;
        away = frame < first ? first - frame : frame - last;
      } else {
        const after = t.found.get(next) as Detection;
        const k = (frame - prev) / (next - prev);
        const mix = (a: number, b: number) => a + (b - a) * k;
        base = { x: mix(before.x, after.x), y: mix(before.y, after.y), width: mix(before.width, after.width), height: mix(before.height, after.height) };
        away = Math.min(frame - prev, next - frame);
      }
      boxes.push({ frame, ...carried(base, away, width, height), score: null });
    }
    out.push({ id: out.length, from_frame: from, to_frame: to, boxes });
  }
  return out;
}

/** The boxes to hide on each frame: `result[n]` lists every track's box on frame n. */
export function boxesPerFrame(tracks: readonly FaceTrack[], frames: number): { x: number; y: number; width: number; height: number }[][] {
  const out = Array.from({ length: frames }, () => [] as { x: number; y: number; width: number; height: number }[]);
  for (const t of tracks) for (const b of t.boxes) out[b.frame]?.push({ x: b.x, y: b.y, width: b.w, height: b.h });
  return out;
}
