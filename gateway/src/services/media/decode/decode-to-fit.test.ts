/** Decoding to fit: the scale chosen, the upright original's size kept, the bomb refused from its header, and boxes mapped both ways. */
import { describe, expect, it } from 'vitest';
import { MAX_MEDIA_PIXELS, MAX_ORIGINAL_PIXELS } from '../limits.js';
import { decodeJpegToFit, fitScale } from './decode-jpeg.js';
import { ImageDecodeError } from './errors.js';
import { SCENES } from './scaled/test-fixtures.js';
import { exifSegment, withFrameSize, withSegment } from './test-fixtures.js';
import { toOriginalBox, toWorkingBox } from './working-picture.js';

const SCENE = SCENES['baseline-420']; // 101 × 77
/** Limits scaled down to the fixture: 2,000 working pixels, 10,000 stored. */
const SMALL = { maxPixels: 2000, maxOriginalPixels: 10_000 };

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    if (err instanceof ImageDecodeError) return err.code;
    throw err;
  }
  return 'no error';
}

describe('fitScale', () => {
  it('picks the first of 1, 1/2, 1/4 and 1/8 that fits', () => {
    expect(fitScale(2048, 2048, MAX_MEDIA_PIXELS)).toBe(1);
    expect(fitScale(4000, 3000, MAX_MEDIA_PIXELS)).toBe(2);
    expect(fitScale(4032, 3024, MAX_MEDIA_PIXELS)).toBe(2);
    expect(fitScale(8160, 6120, MAX_MEDIA_PIXELS)).toBe(4); // 50 MP
    expect(fitScale(16_384, 16_384, MAX_MEDIA_PIXELS)).toBe(8);
    expect(fitScale(16_392, 16_392, MAX_MEDIA_PIXELS)).toBeNull();
  });
});

describe('decodeJpegToFit', () => {
  it('decodes at full size when the picture fits, and at the scale that fits when it does not', () => {
    expect(decodeJpegToFit(SCENE, { maxPixels: 101 * 77, maxOriginalPixels: 10_000 })).toMatchObject({
      scale: 1,
      width: 101,
      height: 77,
      image: { width: 101, height: 77 },
    });
    expect(decodeJpegToFit(SCENE, SMALL)).toMatchObject({ scale: 2, width: 101, height: 77, image: { width: 51, height: 39 } });
    expect(decodeJpegToFit(SCENE, { maxPixels: 200, maxOriginalPixels: 10_000 })).toMatchObject({ scale: 8, image: { width: 13, height: 10 } });
  });

  it("turns the scaled picture upright and gives the upright original's size", () => {
    expect(decodeJpegToFit(withSegment(SCENE, exifSegment(6)), SMALL)).toMatchObject({
      scale: 2,
      orientation: 6,
      width: 77,
      height: 101,
      image: { width: 39, height: 51 },
    });
  });

  it('refuses a decompression bomb from its header, before decoding, and what does not fit even at 1/8', () => {
    const started = performance.now();
    expect(codeOf(() => decodeJpegToFit(withFrameSize(SCENE, 10_000, 6_000), { maxPixels: MAX_MEDIA_PIXELS, maxOriginalPixels: MAX_ORIGINAL_PIXELS }))).toBe(
      'ERR_IMAGE_TOO_LARGE',
    );
    expect(performance.now() - started).toBeLessThan(50);
    expect(codeOf(() => decodeJpegToFit(SCENE, { maxPixels: 100, maxOriginalPixels: 10_000 }))).toBe('ERR_IMAGE_TOO_LARGE');
    expect(codeOf(() => decodeJpegToFit(SCENE, { maxPixels: 2000, maxOriginalPixels: 7776 }))).toBe('ERR_IMAGE_TOO_LARGE');
  });
});

describe('toOriginalBox and toWorkingBox', () => {
  it('map a box by the scale, each the inverse of the other, keeping its other fields', () => {
    const face = { x: 10, y: 20, width: 30, height: 40, score: 0.9 };
    expect(toOriginalBox(face, 4)).toEqual({ x: 40, y: 80, width: 120, height: 160, score: 0.9 });
    expect(toWorkingBox(toOriginalBox(face, 2), 2)).toEqual(face);
  });
});
