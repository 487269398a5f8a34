/** Decoding photos: baseline, progressive and turned JPEGs, PNG, and every refusal with its code. */
import { describe, expect, it } from 'vitest';
import { MAX_MEDIA_PIXELS } from '../limits.js';
import { encodePng } from '@need2know/png';
import { JPEG_BASELINE, JPEG_PROGRESSIVE, portrait } from '../test-fixtures.js';
import { decodeImage } from './decode-image.js';
import { ImageDecodeError } from './errors.js';
import { exifOrientation } from './exif-orientation.js';
import { halvesJpeg, JPEG_CMYK, withFrameSize, exifSegment } from './test-fixtures.js';

const LIMIT = { maxPixels: MAX_MEDIA_PIXELS };
const JPEG = 'image/jpeg';

async function codeOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (err) {
    if (err instanceof ImageDecodeError) return err.code;
    throw err;
  }
  return 'no error';
}
/** The RGB of the pixel at (x, y). */
const at = (image: { width: number; data: Uint8Array }, x: number, y: number) => [
  ...image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 3),
];
const isRed = ([r, , b]: number[]) => (r as number) > 150 && (b as number) < 90;
const isBlue = ([r, , b]: number[]) => (b as number) > 150 && (r as number) < 90;

describe('decodeImage', () => {
  it('decodes baseline and progressive JPEGs (made by ImageMagick) to the same picture', async () => {
    const base = await decodeImage(JPEG_BASELINE, JPEG, LIMIT);
    const prog = await decodeImage(JPEG_PROGRESSIVE, 'image/jpeg; charset=binary', LIMIT);
    expect([base.image.width, base.image.height, prog.image.width, prog.image.height]).toEqual([17, 9, 17, 9]);
    const diff = base.image.data.reduce((n, v, i) => n + Math.abs(v - (prog.image.data[i] as number)), 0) / base.image.data.length;
    expect(diff).toBeLessThan(3);
  });

  it('applies the EXIF orientation before anything else sees the pixels', async () => {
    // Stored: red on the left, blue on the right, 32 × 16.
    const upright = await decodeImage(halvesJpeg(32, 16), JPEG, LIMIT);
    expect([upright.image.width, upright.orientation, isRed(at(upright.image, 2, 8)), isBlue(at(upright.image, 29, 8))]).toEqual([32, 1, true, true]);
    // 6: turn 90° clockwise to view: the left half is now on top, the picture 16 × 32.
    const six = await decodeImage(halvesJpeg(32, 16, 6), JPEG, LIMIT);
    expect([six.image.width, six.image.height, six.orientation]).toEqual([16, 32, 6]);
    expect([isRed(at(six.image, 8, 2)), isBlue(at(six.image, 8, 29))]).toEqual([true, true]);
    // 8: turned the other way: the left half at the bottom.
    const eight = await decodeImage(halvesJpeg(32, 16, 8), JPEG, LIMIT);
    expect([isBlue(at(eight.image, 8, 2)), isRed(at(eight.image, 8, 29))]).toEqual([true, true]);
    // 3: upside down, so left and right swap; 2: mirrored, likewise.
    for (const o of [2, 3]) {
      const turned = await decodeImage(halvesJpeg(32, 16, o), JPEG, LIMIT);
      expect([turned.image.width, isBlue(at(turned.image, 2, 8)), isRed(at(turned.image, 29, 8))]).toEqual([32, true, true]);
    }
  });

  it('decodes PNG through the same entry point', async () => {
    const png = await encodePng(portrait());
    const decoded = await decodeImage(png, 'image/png', LIMIT);
    expect([decoded.type, decoded.image.width, decoded.orientation]).toEqual(['image/png', 96, 1]);
    expect(decoded.image.data).toEqual(portrait().data);
  });

  it('refuses a CMYK JPEG', async () => {
    expect(await codeOf(() => decodeImage(JPEG_CMYK, JPEG, LIMIT))).toBe('ERR_IMAGE_CMYK');
  });

  it('refuses a truncated JPEG, and one whose scan data is broken', async () => {
    for (const cut of [JPEG_BASELINE.length - 1, JPEG_BASELINE.length - 20, 200, 40]) {
      expect(await codeOf(() => decodeImage(JPEG_BASELINE.subarray(0, cut), JPEG, LIMIT))).toBe('ERR_IMAGE_TRUNCATED');
    }
    const broken = JPEG_BASELINE.slice();
    broken.set([0xff, 0x99], broken.length - 10); // a marker that cannot occur inside a scan
    expect(await codeOf(() => decodeImage(broken, JPEG, LIMIT))).toBe('ERR_IMAGE_CORRUPT');
  });

  it('refuses a decompression bomb from its header, before decoding', async () => {
    const bomb = withFrameSize(JPEG_BASELINE, 65_000, 65_000);
    const started = performance.now();
    expect(await codeOf(() => decodeImage(bomb, JPEG, LIMIT))).toBe('ERR_IMAGE_TOO_LARGE');
    expect(performance.now() - started).toBeLessThan(50);
    expect(await codeOf(() => decodeImage(withFrameSize(JPEG_BASELINE, 2049, 2048), JPEG, LIMIT))).toBe('ERR_IMAGE_TOO_LARGE');
  });

  it('refuses content that does not match its declared type', async () => {
    const png = await encodePng(portrait());
    expect(await codeOf(() => decodeImage(png, JPEG, LIMIT))).toBe('ERR_IMAGE_TYPE_MISMATCH');
    expect(await codeOf(() => decodeImage(JPEG_BASELINE, 'image/png', LIMIT))).toBe('ERR_IMAGE_TYPE_MISMATCH');
    expect(await codeOf(() => decodeImage(new TextEncoder().encode('GIF89a....'), 'image/gif', LIMIT))).toBe('ERR_IMAGE_TYPE_MISMATCH');
    expect(await codeOf(() => decodeImage(JPEG_BASELINE, 'image/gif', LIMIT))).toBe('ERR_IMAGE_TYPE_MISMATCH');
  });
});

describe('exifOrientation', () => {
  it('reads the tag in either byte order and falls back to upright', () => {
    const data = (segment: Uint8Array) => segment.subarray(4);
    expect(exifOrientation(data(exifSegment(6, 'MM')))).toBe(6);
    expect(exifOrientation(data(exifSegment(8, 'II')))).toBe(8);
    expect(exifOrientation(data(exifSegment(9)))).toBe(1);
    expect(exifOrientation(data(exifSegment(6)).subarray(0, 20))).toBe(1);
    expect(exifOrientation(new TextEncoder().encode('http://ns.adobe.com/xap/1.0/\0<x/>'))).toBe(1);
  });
});
