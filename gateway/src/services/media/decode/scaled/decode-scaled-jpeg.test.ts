/**
 * The scaled decoder against jpeg-js: every layout it takes, at every scale, is within a stated
 * distance of jpeg-js's full-size decode box-downscaled; progressive files decode to exactly what
 * their baseline twins do; broken files are refused with their codes.
 */
import { describe, expect, it } from 'vitest';
import { decode } from 'jpeg-js';
import type { RgbaImage } from '@need2know/png';
import { SAMPLE_PHOTOS } from '../../detect/sample-faces.js';
import { ImageDecodeError } from '../errors.js';
import { JPEG_CMYK } from '../test-fixtures.js';
import { buildHuffmanTable } from './entropy-reader.js';
import { coefficientBytes, decodeJpegScaled, type ScaleDenominator } from './decode-scaled-jpeg.js';
import { SCENES } from './test-fixtures.js';

/**
 * Tolerances, in levels of 0–255 per channel, of the mean absolute difference from jpeg-js's
 * decode averaged over each `d` × `d` square. At full size the two differ only by their IDCT's
 * rounding. Reduced, the transform of the block's lowest frequencies is not the exact mean at
 * sharp edges (it rings a little where the mean would not), which the synthetic scene, with hard
 * edges and per-pixel noise, shows more than a photograph.
 */
const FULL_SIZE_MEAN = 1;
const SCENE_MEAN = 2.5;
const PHOTO_MEAN = 1.5;

const LOTS = { maxCoefficientBytes: 256 * 1024 * 1024 };

/** jpeg-js's full decode. */
const jpegJs = (bytes: Uint8Array): RgbaImage => decode(bytes, { useTArray: true, formatAsRGBA: true });

/** `full` averaged over `d` × `d` squares (partial ones at the edges). */
function boxDownscaled(full: RgbaImage, d: number): RgbaImage {
  const width = Math.ceil(full.width / d);
  const height = Math.ceil(full.height / d);
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      for (let ch = 0; ch < 4; ch++) {
        let sum = 0;
        let n = 0;
        for (let yy = y * d; yy < Math.min(full.height, (y + 1) * d); yy++)
          for (let xx = x * d; xx < Math.min(full.width, (x + 1) * d); xx++, n++) sum += full.data[(yy * full.width + xx) * 4 + ch] as number;
        data[(y * width + x) * 4 + ch] = Math.round(sum / n);
      }
  return { width, height, data };
}

/** Mean and largest absolute difference of two same-size pictures. */
function difference(a: RgbaImage, b: RgbaImage): { mean: number; max: number } {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let sum = 0;
  let max = 0;
  for (let i = 0; i < a.data.length; i++) {
    const d = Math.abs((a.data[i] as number) - (b.data[i] as number));
    sum += d;
    max = Math.max(max, d);
  }
  return { mean: sum / a.data.length, max };
}

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    if (err instanceof ImageDecodeError) return err.code;
    throw err;
  }
  return 'no error';
}

const SCALES: readonly ScaleDenominator[] = [1, 2, 4, 8];

describe('decodeJpegScaled', () => {
  for (const [name, bytes] of Object.entries(SCENES)) {
    it(`decodes ${name} at 1/1, 1/2, 1/4 and 1/8 close to jpeg-js's decode averaged`, () => {
      for (const d of SCALES) {
        const scaled = decodeJpegScaled(bytes, { denominator: d, ...LOTS });
        expect([scaled.width, scaled.height]).toEqual([Math.ceil(101 / d), Math.ceil(77 / d)]);
        const { mean, max } = difference(scaled, boxDownscaled(jpegJs(bytes), d));
        expect(mean, `${name} at 1/${d}`).toBeLessThan(d === 1 ? FULL_SIZE_MEAN : SCENE_MEAN);
        if (d === 1) expect(max).toBeLessThanOrEqual(4);
      }
    }, 60_000);
  }

  it('decodes a progressive file to exactly what its baseline twin gives, restarts and all', () => {
    for (const d of SCALES) {
      expect(decodeJpegScaled(SCENES['progressive-420'], { denominator: d, ...LOTS }).data).toEqual(
        decodeJpegScaled(SCENES['baseline-420'], { denominator: d, ...LOTS }).data,
      );
      expect(decodeJpegScaled(SCENES['baseline-restarts'], { denominator: d, ...LOTS }).data).toEqual(
        decodeJpegScaled(SCENES['baseline-420'], { denominator: d, ...LOTS }).data,
      );
      expect(decodeJpegScaled(SCENES['progressive-444-restarts'], { denominator: d, ...LOTS }).data).toEqual(
        decodeJpegScaled(SCENES['baseline-444'], { denominator: d, ...LOTS }).data,
      );
      expect(decodeJpegScaled(SCENES['progressive-grey'], { denominator: d, ...LOTS }).data).toEqual(
        decodeJpegScaled(SCENES.grey, { denominator: d, ...LOTS }).data,
      );
    }
  }, 60_000);

  it("decodes the detector package's sample photographs at 1/2, 1/4 and 1/8 close to jpeg-js's decode averaged", () => {
    for (const photo of SAMPLE_PHOTOS) {
      const full = jpegJs(photo.bytes);
      for (const d of [2, 4, 8] as const) {
        const { mean } = difference(decodeJpegScaled(photo.bytes, { denominator: d, ...LOTS }), boxDownscaled(full, d));
        expect(mean, `${photo.name} at 1/${d}`).toBeLessThan(PHOTO_MEAN);
      }
    }
  }, 120_000);

  it('refuses scan data cut short, a restart marker out of order, and a broken Huffman table', () => {
    const base = SCENES['baseline-420'];
    // The last 200 bytes of scan data gone, the end marker kept: the data ends before the picture.
    const cut = Uint8Array.of(...base.subarray(0, base.length - 200), 0xff, 0xd9);
    expect(codeOf(() => decodeJpegScaled(cut, { denominator: 2, ...LOTS }))).toBe('ERR_IMAGE_CORRUPT');
    const restarts = SCENES['baseline-restarts'].slice();
    const rst = restarts.findIndex((b, i) => b === 0xff && restarts[i + 1] === 0xd0);
    restarts[rst + 1] = 0xd3;
    expect(codeOf(() => decodeJpegScaled(restarts, { denominator: 2, ...LOTS }))).toBe('ERR_IMAGE_CORRUPT');
    // Three codes of length 1 do not fit the code space.
    expect(codeOf(() => buildHuffmanTable(Uint8Array.of(3, ...new Array(15).fill(0)), Uint8Array.of(1, 2, 3)))).toBe('ERR_IMAGE_CORRUPT');
  });

  it('refuses CMYK, and a progressive frame whose coefficients would pass the memory given', () => {
    expect(codeOf(() => decodeJpegScaled(JPEG_CMYK, { denominator: 2, ...LOTS }))).toBe('ERR_IMAGE_CMYK');
    // 101 × 77 in 4:2:0 is 7 × 5 MCUs: 140 grey blocks keeping 4 × 4 coefficients at 1/2, and 2 × 35
    // colour blocks keeping all 64 (decoded to 8 × 8 samples), each with 8 bytes of flags.
    const needed = 140 * (16 * 2 + 8) + 70 * (64 * 2 + 8);
    expect(coefficientBytes(140, 16) + 2 * coefficientBytes(35, 64)).toBe(needed);
    expect(codeOf(() => decodeJpegScaled(SCENES['progressive-420'], { denominator: 2, maxCoefficientBytes: needed - 1 }))).toBe('ERR_IMAGE_TOO_LARGE');
    expect(codeOf(() => decodeJpegScaled(SCENES['progressive-420'], { denominator: 2, maxCoefficientBytes: needed }))).toBe('no error');
    // A baseline file keeps no coefficients.
    expect(codeOf(() => decodeJpegScaled(SCENES['baseline-420'], { denominator: 2, maxCoefficientBytes: 0 }))).toBe('no error');
  });
});
