import { describe, expect, it } from 'vitest';
import { detectionSize, expectedFrames, frameFilters, renditionSize, scaleBox } from './frames.js';

describe('the frames both passes see', () => {
  it('makes renditions of at most 1280 × 720 in either orientation, with even sides, never enlarged', () => {
    expect(renditionSize({ width: 1920, height: 1080 })).toEqual({ width: 1280, height: 720 });
    expect(renditionSize({ width: 1080, height: 1920 })).toEqual({ width: 720, height: 1280 });
    expect(renditionSize({ width: 1280, height: 720 })).toEqual({ width: 1280, height: 720 });
    expect(renditionSize({ width: 641, height: 361 })).toEqual({ width: 640, height: 360 });
    expect(renditionSize({ width: 1440, height: 1080 })).toEqual({ width: 960, height: 720 });
  });

  it('resamples to the renditions’ rate, never past the source’s frame count, and shrinks only when the size changes', () => {
    expect(frameFilters({ renditionRate: '15', width: 1280, height: 720, frames: 120 })).toBe('fps=15,trim=end_frame=120');
    expect(frameFilters({ renditionRate: '15', width: 1920, height: 1080, frames: 90 })).toBe('fps=15,trim=end_frame=90,scale=1280:720:flags=area');
    expect(expectedFrames({ durationMs: 3000, renditionFps: 8 })).toBe(24);
  });

  it('maps a source box into a shrunk frame outwards, and the detector’s boxes back to the source', () => {
    expect(scaleBox({ x: 301, y: 151, width: 100, height: 50 }, { width: 1920, height: 1080 }, { width: 1280, height: 720 })).toEqual({
      x: 200,
      y: 100,
      width: 68,
      height: 34,
    });
    expect(scaleBox({ x: 1900, y: 1070, width: 20, height: 10 }, { width: 1920, height: 1080 }, { width: 1280, height: 720 })).toEqual({
      x: 1266,
      y: 713,
      width: 14,
      height: 7,
    });
    expect(detectionSize(1920, 1080, 416)).toEqual({ width: 416, height: 234, sx: 1920 / 416, sy: 1080 / 234 });
    expect(detectionSize(320, 180, 416)).toEqual({ width: 320, height: 180, sx: 1, sy: 1 });
  });
});
