import { describe, expect, it } from 'vitest';
import { VideoError } from './errors.js';
import { parseVideoRegions, regionOnFrame } from './regions.js';

const CLIP = { width: 640, height: 360, durationMs: 3000 };
const region = (over: Record<string, unknown> = {}) => ({ x: 20, y: 300, w: 100, h: 40, from_ms: 1000, to_ms: 1500, reason: 'plate', ...over });
const file = (...regions: unknown[]) => JSON.stringify({ regions });
const refused = (text: string) => {
  try {
    parseVideoRegions(text, CLIP);
  } catch (err) {
    return err instanceof VideoError ? `${err.code}: ${err.message}` : String(err);
  }
  return 'accepted';
};

describe('regions of a clip', () => {
  it('takes boxes with a time range and a reason, and cuts an end past the clip to its end', () => {
    expect(parseVideoRegions(file(region(), region({ reason: 'other', note: 'a name on a badge', to_ms: 9000 })), CLIP)).toEqual([
      region(),
      region({ reason: 'other', note: 'a name on a badge', to_ms: 3000 }),
    ]);
    expect(parseVideoRegions('{}', CLIP)).toEqual([]);
  });

  it('refuses, naming the problem: not JSON, other keys, wrong types, outside the frame, unknown reason, other without a note, empty or late ranges', () => {
    expect(refused('regions')).toMatch(/^invalid_regions: .*not JSON/);
    expect(refused('{"regions":[],"removed_faces":[]}')).toMatch(/^invalid_regions: .*"regions" only/);
    expect(refused(file(region({ w: 0 })))).toMatch(/^invalid_regions: regions file: regions\.0\.w/);
    expect(refused(file(region({ colour: 'red' })))).toMatch(/^invalid_regions/);
    expect(refused(file(region({ x: 600 })))).toMatch(/^invalid_regions: .*inside the 640 × 360 picture/);
    expect(refused(file(region({ reason: 'face' })))).toMatch(/^invalid_regions: /);
    expect(refused(file(region({ reason: 'other' })))).toMatch(/^invalid_regions: .*say what the region is/);
    expect(refused(file(region({ from_ms: 1500 })))).toMatch(/^invalid_regions: .*from_ms must come before to_ms/);
    expect(refused(file(region({ from_ms: 3000, to_ms: 4000 })))).toMatch(/^invalid_regions: .*starts after the clip's end/);
  });

  it('covers every frame whose time on screen overlaps the range', () => {
    // At 8 fps frame n is on screen from 125n to 125(n + 1) ms: 1000–1500 ms covers frames 8 to 11.
    const covered = Array.from({ length: 24 }, (_, n) => n).filter((n) => regionOnFrame({ from_ms: 1000, to_ms: 1500 }, n, 8));
    expect(covered).toEqual([8, 9, 10, 11]);
    expect(regionOnFrame({ from_ms: 1010, to_ms: 1020 }, 8, 8)).toBe(true);
  });
});
