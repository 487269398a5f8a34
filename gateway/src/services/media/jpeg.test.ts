/** JPEG structure checks and metadata stripping, on real files made by ImageMagick. */
import { describe, expect, it } from 'vitest';
import { inspectJpeg, JpegError } from './jpeg.js';
import { JPEG_BASELINE as BASELINE, JPEG_PROGRESSIVE as PROGRESSIVE } from './test-fixtures.js';

/** A segment: marker, 2-byte length, data. */
const segment = (marker: number, text: string) => {
  const data = new TextEncoder().encode(text);
  return Uint8Array.of(0xff, marker, (data.length + 2) >> 8, (data.length + 2) & 0xff, ...data);
};
/** `jpeg` with `segments` inserted right after SOI. */
const withSegments = (jpeg: Uint8Array, ...segments: Uint8Array[]) =>
  Uint8Array.of(...jpeg.subarray(0, 2), ...segments.flatMap((s) => [...s]), ...jpeg.subarray(2));

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    if (err instanceof JpegError) return err.code;
    throw err;
  }
  return 'no error';
}

describe('inspectJpeg', () => {
  it('reads the size of baseline and progressive files and keeps metadata-free files as they are', () => {
    for (const file of [BASELINE, PROGRESSIVE]) {
      const info = inspectJpeg(file);
      expect([info.width, info.height]).toEqual([17, 9]);
      expect([...info.stripped]).toEqual([...file]);
    }
  });

  it('drops EXIF, XMP, IPTC, multi-picture data and comments, and keeps JFIF, ICC and Adobe segments', () => {
    const exif = segment(0xe1, 'Exif\0\0GPS 11.5564 N 104.9282 E, thumbnail…');
    const xmp = segment(0xe1, 'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>');
    const mpf = segment(0xe2, 'MPF\0…second image index');
    const icc = segment(0xe2, 'ICC_PROFILE\0\x01\x01profile');
    const iptc = segment(0xed, 'Photoshop 3.0\0caption');
    const comment = segment(0xfe, 'taken at the station');
    const adobe = segment(0xee, 'Adobe\0\x64\0\0\0\0\x01');
    const tagged = withSegments(BASELINE, exif, xmp, mpf, icc, iptc, comment, adobe);
    const { stripped } = inspectJpeg(tagged);
    expect([...stripped]).toEqual([...withSegments(BASELINE, icc, adobe)]);
    const text = new TextDecoder('latin1').decode(stripped);
    for (const gone of ['Exif', 'xmpmeta', 'MPF', 'Photoshop', 'station']) expect(text).not.toContain(gone);
  });

  it('refuses files that are not well-formed JPEGs', () => {
    expect(codeOf(() => inspectJpeg(new TextEncoder().encode('not a picture')))).toBe('ERR_JPEG_MALFORMED');
    expect(codeOf(() => inspectJpeg(BASELINE.subarray(0, BASELINE.length - 2)))).toBe('ERR_JPEG_MALFORMED');
    // A second picture, or anything else, hidden after EOI.
    expect(codeOf(() => inspectJpeg(Uint8Array.of(...BASELINE, ...BASELINE)))).toBe('ERR_JPEG_MALFORMED');
    expect(codeOf(() => inspectJpeg(Uint8Array.of(...BASELINE, 0xff, 0xd9)))).toBe('ERR_JPEG_MALFORMED');
    expect(codeOf(() => inspectJpeg(Uint8Array.of(...BASELINE, 1, 2, 3)))).toBe('ERR_JPEG_MALFORMED');
    // A segment claiming to run past the end.
    expect(codeOf(() => inspectJpeg(Uint8Array.of(0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff, 0, 0xff, 0xd9)))).toBe('ERR_JPEG_MALFORMED');
    // A scan before any frame header.
    expect(codeOf(() => inspectJpeg(Uint8Array.of(0xff, 0xd8, 0xff, 0xda, 0, 2, 0xff, 0xd9)))).toBe('ERR_JPEG_MALFORMED');
  });

  it('strips metadata placed between the scans of a progressive file', () => {
    // Insert a comment before the second SOS of the progressive file.
    const second = PROGRESSIVE.findIndex((b, i) => i > 200 && b === 0xff && PROGRESSIVE[i + 1] === 0xda);
    const tagged = Uint8Array.of(...PROGRESSIVE.subarray(0, second), ...segment(0xfe, 'between scans'), ...PROGRESSIVE.subarray(second));
    expect([...inspectJpeg(tagged).stripped]).toEqual([...PROGRESSIVE]);
  });
});
