import { FaceTrack } from '@need2know/schema/video-manifest';
import { describe, expect, it } from 'vitest';
import { boxesPerFrame, CARRY_GROWTH, type Detection, trackFaces, trackOptions } from './track.js';

const face = (x: number, y: number, score = 0.8, size = 40): Detection => ({ x, y, width: size, height: size, score });
const frames = (n: number, at: Record<number, Detection[]>) => Array.from({ length: n }, (_, i) => at[i] ?? []);
const OPTS = { maxGap: 4, lead: 3 };

describe('face tracks', () => {
  it('states its frame counts from milliseconds at the renditions’ rate', () => {
    expect(trackOptions(15)).toEqual({ maxGap: 8, lead: 5 });
    expect(trackOptions(8)).toEqual({ maxGap: 4, lead: 3 });
    expect(trackOptions(1)).toEqual({ maxGap: 1, lead: 1 });
  });

  it('carries a face seen on one frame for the lead frames before and after, growing, with score null', () => {
    const [track, ...rest] = trackFaces(frames(20, { 10: [face(100, 100)] }), 20, 640, 360, OPTS);
    expect(rest).toEqual([]);
    expect(track?.from_frame).toBe(7);
    expect(track?.to_frame).toBe(13);
    expect(track?.boxes.map((b) => b.frame)).toEqual([7, 8, 9, 10, 11, 12, 13]);
    expect(track?.boxes.map((b) => b.score)).toEqual([null, null, null, 0.8, null, null, null]);
    const at = (f: number) => track?.boxes.find((b) => b.frame === f);
    expect(at(10)).toMatchObject({ x: 100, y: 100, w: 40, h: 40 });
    // One frame away: grown by CARRY_GROWTH of the larger side on every side.
    const pad = CARRY_GROWTH * 40;
    expect(at(11)).toMatchObject({ x: Math.floor(100 - pad), w: Math.ceil(140 + pad) - Math.floor(100 - pad) });
    expect((at(13)?.w ?? 0) > (at(11)?.w ?? 0)).toBe(true);
    expect(FaceTrack.parse(track)).toEqual(track);
  });

  it('bridges a short gap by interpolating the box, and links a moving face into one track', () => {
    const perFrame = frames(12, { 2: [face(100, 100)], 3: [face(110, 100)], 7: [face(150, 100)], 8: [face(160, 104)] });
    const tracks = trackFaces(perFrame, 12, 640, 360, OPTS);
    expect(tracks).toHaveLength(1);
    const boxes = tracks[0]?.boxes ?? [];
    expect(boxes.map((b) => b.frame)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    // Frame 5 lies halfway between the detections of frames 3 and 7: its box is centred halfway.
    const mid = boxes.find((b) => b.frame === 5);
    expect(mid?.score).toBeNull();
    expect((mid?.x ?? 0) + (mid?.w ?? 0) / 2).toBeCloseTo(130 + 20, 0);
  });

  it('does not bridge a gap longer than maxGap: the face starts a new track', () => {
    const tracks = trackFaces(frames(20, { 1: [face(100, 100)], 10: [face(100, 100)] }), 20, 640, 360, OPTS);
    expect(tracks.map((t) => [t.from_frame, t.to_frame])).toEqual([
      [0, 4],
      [7, 13],
    ]);
  });

  it('keeps two faces apart, each detection in exactly one track', () => {
    const perFrame = frames(6, Object.fromEntries([0, 1, 2, 3, 4, 5].map((f) => [f, [face(100 + 5 * f, 100), face(400 - 5 * f, 120, 0.6)]])));
    const tracks = trackFaces(perFrame, 6, 640, 360, OPTS);
    expect(tracks).toHaveLength(2);
    expect(tracks.map((t) => t.boxes.filter((b) => b.score !== null).length)).toEqual([6, 6]);
    expect(new Set(tracks[0]?.boxes.map((b) => b.score))).toEqual(new Set([0.8]));
  });

  it('clips carried boxes to the frame and to the clip’s first and last frame', () => {
    const [track] = trackFaces(frames(3, { 0: [face(610, 330)] }), 3, 640, 360, OPTS);
    expect(track?.from_frame).toBe(0);
    expect(track?.to_frame).toBe(2);
    for (const b of track?.boxes ?? []) {
      expect(b.x + b.w).toBeLessThanOrEqual(640);
      expect(b.y + b.h).toBeLessThanOrEqual(360);
    }
  });

  it('lists every track’s box per frame', () => {
    const tracks = trackFaces(frames(10, { 5: [face(10, 10), face(300, 200)] }), 10, 640, 360, OPTS);
    const per = boxesPerFrame(tracks, 10);
    expect(per.map((b) => b.length)).toEqual([0, 0, 2, 2, 2, 2, 2, 2, 2, 0]);
  });
});
