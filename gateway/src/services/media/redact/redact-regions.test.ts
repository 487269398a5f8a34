/** Redacting regions: the regions change beyond recognition, nothing else changes at all. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { portrait } from '../test-fixtures.js';
import { redactRegions, widen } from './redact-regions.js';

const noisy = (width: number, height: number, seed = 3) => {
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) >>> 0;
    return s >>> 24;
  };
  const data = Uint8Array.from({ length: width * height * 4 }, (_, i) => (i % 4 === 3 ? 255 : next()));
  return { width, height, data };
};
const inside = (x: number, y: number, b: { x: number; y: number; width: number; height: number }) =>
  x >= b.x && x < b.x + b.width && y >= b.y && y < b.y + b.height;

describe('widen', () => {
  it('adds the margin of the larger side and clips to the picture', () => {
    expect(widen({ x: 100, y: 100, width: 40, height: 50 }, 0.2, 640, 480)).toEqual({ x: 90, y: 90, width: 60, height: 70 });
    expect(widen({ x: 0, y: 470, width: 40, height: 50 }, 0.2, 640, 480)).toEqual({ x: 0, y: 460, width: 50, height: 20 });
    expect(widen({ x: 700, y: 10, width: 10, height: 10 }, 0, 640, 480)).toBeNull();
  });
});

describe('redactRegions', () => {
  it('keeps every pixel outside the widened boxes and changes those inside', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 90 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 4, max: 40 }),
        fc.integer({ min: 4, max: 40 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (x, y, w, h, margin) => {
          const image = noisy(120, 80);
          const box = { x, y, width: w, height: h };
          const out = redactRegions(image, [box], margin);
          const region = widen(box, margin, 120, 80);
          let changed = 0;
          for (let py = 0; py < 80; py++) {
            for (let px = 0; px < 120; px++) {
              const o = (py * 120 + px) * 4;
              const same = [0, 1, 2, 3].every((c) => out.data[o + c] === image.data[o + c]);
              if (region === null || !inside(px, py, region)) expect(same).toBe(true);
              else if (!same) changed++;
            }
          }
          // Noise blurred flat: nearly every pixel of the region differs from what it was.
          if (region !== null) expect(changed).toBeGreaterThan(0.8 * region.width * region.height);
        },
      ),
      { numRuns: 25 },
    );
  }, 30_000);

  it('leaves the input untouched and depends only on block means inside a region', () => {
    const a = portrait(1);
    const copy = a.data.slice();
    const face = { x: 20, y: 14, width: 56, height: 72 };
    const first = redactRegions(a, [face], 0.1);
    expect(a.data).toEqual(copy);
    // The same picture with different noise inside the face but equal structure: the redacted faces differ by at most a level or two per sample.
    const b = portrait(2);
    const second = redactRegions(b, [face], 0.1);
    const region = widen(face, 0.1, 96, 96) as { x: number; y: number; width: number; height: number };
    let diff = 0;
    for (let y = region.y; y < region.y + region.height; y++)
      for (let x = region.x; x < region.x + region.width; x++)
        for (let c = 0; c < 3; c++) diff += Math.abs((first.data[(y * 96 + x) * 4 + c] as number) - (second.data[(y * 96 + x) * 4 + c] as number));
    expect(diff / (region.width * region.height * 3)).toBeLessThan(3);
  });

  it('refuses a negative margin', () => {
    expect(() => redactRegions(portrait(), [], -1)).toThrow(TypeError);
  });
});
