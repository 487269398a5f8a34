/** The blurred rendition: detail below a block is gone, and what is left is a smear of block means. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLUR_BLOCKS_ACROSS, BLUR_MIN_BLOCK, blurBlockSize, blurImage } from './blur.js';
import type { RgbaImage } from '@need2know/png';
import { sameBytes } from '@need2know/png/testing';
import { portrait } from './test-fixtures.js';

const luminance = (d: Uint8Array, i: number) => 0.299 * (d[i] as number) + 0.587 * (d[i + 1] as number) + 0.114 * (d[i + 2] as number);

/** Mean, over 8 × 8 tiles, of the luminance variance inside each tile: how much local detail a picture holds. */
function meanTileVariance(image: RgbaImage, tile = 8): number {
  let total = 0;
  let tiles = 0;
  for (let ty = 0; ty + tile <= image.height; ty += tile) {
    for (let tx = 0; tx + tile <= image.width; tx += tile) {
      const values: number[] = [];
      for (let y = ty; y < ty + tile; y++) for (let x = tx; x < tx + tile; x++) values.push(luminance(image.data, (y * image.width + x) * 4));
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      total += values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length;
      tiles++;
    }
  }
  return total / tiles;
}

function meanAbsoluteDifference(a: RgbaImage, b: RgbaImage): number {
  let sum = 0;
  for (let i = 0; i < a.data.length; i += 4) sum += Math.abs(luminance(a.data, i) - luminance(b.data, i));
  return sum / (a.data.length / 4);
}

describe('blurImage', () => {
  it('removes nearly all local detail from a portrait', () => {
    const original = portrait();
    const blurred = blurImage(original);
    expect([blurred.width, blurred.height]).toEqual([96, 96]);
    const before = meanTileVariance(original);
    const after = meanTileVariance(blurred);
    expect(before).toBeGreaterThan(300);
    expect(after / before).toBeLessThan(0.04);
    expect(meanAbsoluteDifference(original, blurred)).toBeGreaterThan(15);
  });

  it('leaves no edges: high-frequency energy (eyes, mouth, outlines) drops to almost nothing', () => {
    const original = portrait();
    const blurred = blurImage(original);
    // Energy of the Laplacian of luminance: large where there are edges and fine features.
    const edges = (image: RgbaImage) => {
      let energy = 0;
      const l = (x: number, y: number) => luminance(image.data, (y * image.width + x) * 4);
      for (let y = 1; y < image.height - 1; y++)
        for (let x = 1; x < image.width - 1; x++) energy += (4 * l(x, y) - l(x - 1, y) - l(x + 1, y) - l(x, y - 1) - l(x, y + 1)) ** 2;
      return energy;
    };
    expect(edges(blurred) / edges(original)).toBeLessThan(0.002);
  });

  it('depends only on block means: rearranging pixels inside a block changes nothing', () => {
    const imageArb = fc.record({ width: fc.integer({ min: 1, max: 40 }), height: fc.integer({ min: 1, max: 40 }) }).chain(({ width, height }) =>
      fc.record({
        width: fc.constant(width),
        height: fc.constant(height),
        data: fc.uint8Array({ minLength: width * height * 4, maxLength: width * height * 4 }),
        swaps: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat(), fc.nat()), { maxLength: 30 }),
      }),
    );
    fc.assert(
      fc.property(imageArb, ({ width, height, data, swaps }) => {
        const block = blurBlockSize(width, height);
        const shuffled = data.slice();
        for (const [bx, by, i, j, c] of swaps) {
          // Two pixels of the same block (clamped to the picture), one channel swapped: sums stay equal.
          const x0 = (bx % Math.ceil(width / block)) * block;
          const y0 = (by % Math.ceil(height / block)) * block;
          const w = Math.min(block, width - x0);
          const h = Math.min(block, height - y0);
          const p = ((y0 + Math.floor((i % (w * h)) / w)) * width + x0 + ((i % (w * h)) % w)) * 4 + (c % 4);
          const q = ((y0 + Math.floor((j % (w * h)) / w)) * width + x0 + ((j % (w * h)) % w)) * 4 + (c % 4);
          [shuffled[p], shuffled[q]] = [shuffled[q] as number, shuffled[p] as number];
        }
        expect(sameBytes(blurImage({ width, height, data: shuffled }).data, blurImage({ width, height, data }).data)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps a uniform picture uniform and blurs alpha as a channel', () => {
    const flat = { width: 30, height: 20, data: new Uint8Array(30 * 20 * 4).fill(77) };
    expect(blurImage(flat).data.every((v) => v === 77)).toBe(true);
  });

  it('scales the block with the picture', () => {
    expect(blurBlockSize(20, 20)).toBe(BLUR_MIN_BLOCK);
    expect(blurBlockSize(96, 96)).toBe(Math.max(BLUR_MIN_BLOCK, Math.ceil(96 / BLUR_BLOCKS_ACROSS)));
    expect(blurBlockSize(4000, 3000)).toBe(300);
  });

  it('refuses a malformed image', () => {
    expect(() => blurImage({ width: 2, height: 2, data: new Uint8Array(3) })).toThrow(TypeError);
  });
});
