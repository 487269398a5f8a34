/** What an upload becomes: originals without metadata, blurred renditions made here for every photo. */
import { describe, expect, it } from 'vitest';
import { blurImage } from './blur.js';
import { MAX_DELIVERED_MEDIA_BYTES, MAX_MEDIA_BYTES, MAX_ORIGINAL_PIXELS } from './limits.js';
import { decodePng, encodePng, pngFromChunks, readChunks } from '@need2know/png';
import { sameBytes } from '@need2know/png/testing';
import { MediaInputError, prepareRenditions, scaledOriginal, sniffMediaType } from './renditions.js';
import { decodeJpeg } from './decode/decode-jpeg.js';
import { readJpegHeader } from './decode/jpeg-header.js';
import { halvesJpeg, JPEG_CMYK, withFrameSize } from './decode/test-fixtures.js';
import { JPEG_BASELINE, portrait } from './test-fixtures.js';

const LIMIT = { maxPixels: 1_000_000 };
const png = (bytes: Uint8Array) => ({ bytes, declaredType: 'image/png' });
const jpeg = (bytes: Uint8Array) => ({ bytes, declaredType: 'image/jpeg' });

/** `jpeg` grown to exactly `size` bytes by comment segments after its SOI marker (as a camera's metadata grows a file; stripped when stored). */
function paddedTo(jpeg: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set(jpeg.subarray(0, 2));
  let at = 2;
  let left = size - jpeg.length;
  while (left > 0) {
    // A segment is its marker, its length (2 bytes, counting itself) and at most 65,533 bytes of text.
    let segment = Math.min(2 + 0xffff, left);
    if (left - segment > 0 && left - segment < 4) segment -= 4;
    out.set([0xff, 0xfe, (segment - 2) >> 8, (segment - 2) & 0xff], at);
    at += segment;
    left -= segment;
  }
  out.set(jpeg.subarray(2), at);
  return out;
}

async function refusal(run: () => Promise<unknown>): Promise<{ code: string; part: string; reason?: string | undefined }> {
  try {
    await run();
  } catch (err) {
    if (err instanceof MediaInputError) return { code: err.code, part: err.part, reason: err.reason };
    throw err;
  }
  return { code: 'none', part: 'none' };
}

describe('prepareRenditions', () => {
  it('blurs a PNG here and drops its text chunks', async () => {
    const picture = portrait();
    const encoded = await encodePng(picture);
    // The same file with a text chunk carrying a (synthetic) location, before IEND.
    const chunks = readChunks(encoded);
    const tagged = pngFromChunks([
      ...chunks.slice(0, -1),
      { type: 'tEXt', data: new TextEncoder().encode('Location\u000011.55 N 104.92 E') },
      chunks.at(-1) as (typeof chunks)[number],
    ]);
    const out = await prepareRenditions(png(tagged), undefined);
    expect(out.original).toMatchObject({ contentType: 'image/png', width: 96, height: 96 });
    expect(out.original.bytes).toEqual(encoded);
    expect(out.blurred).toMatchObject({ contentType: 'image/png', by: 'gateway', width: 96, height: 96 });
    expect(sameBytes((await decodePng(out.blurred?.bytes as Uint8Array, LIMIT)).data, blurImage(picture).data)).toBe(true);
  });

  it('decodes a JPEG and blurs it here, keeping the original without metadata but with its orientation', async () => {
    const alone = await prepareRenditions(jpeg(JPEG_BASELINE), undefined);
    expect(alone).toMatchObject({
      original: { contentType: 'image/jpeg', width: 17, height: 9 },
      blurred: { contentType: 'image/jpeg', by: 'gateway', width: 17, height: 9 },
    });
    expect(alone.original.bytes).toEqual(JPEG_BASELINE);
    const blurred = decodeJpeg(alone.blurred?.bytes as Uint8Array, LIMIT).image;
    const expected = blurImage(decodeJpeg(JPEG_BASELINE, LIMIT).image);
    const mad = blurred.data.reduce((n, v, i) => n + Math.abs(v - (expected.data[i] as number)), 0) / blurred.data.length;
    expect(mad).toBeLessThan(3);
    // Turned by its EXIF: the renditions are upright, the original keeps only the orientation.
    const turned = await prepareRenditions(jpeg(halvesJpeg(32, 16, 6)), undefined);
    expect(turned).toMatchObject({ original: { width: 16, height: 32 }, blurred: { width: 16, height: 32 } });
    expect(decodeJpeg(turned.original.bytes, LIMIT)).toMatchObject({ orientation: 6, image: { width: 16, height: 32 } });
    expect(readJpegHeader(turned.blurred?.bytes as Uint8Array)).toMatchObject({ orientation: 1, width: 16, height: 32 });
  });

  it('refuses JPEGs the decoder refuses, with its code', async () => {
    expect(await refusal(() => prepareRenditions(jpeg(JPEG_CMYK), undefined))).toMatchObject({ code: 'unreadable', reason: 'ERR_IMAGE_CMYK' });
    expect(await refusal(() => prepareRenditions(jpeg(JPEG_BASELINE.subarray(0, 150)), undefined))).toMatchObject({
      code: 'unreadable',
      reason: 'ERR_IMAGE_TRUNCATED',
    });
    expect(await refusal(() => prepareRenditions(jpeg(withFrameSize(JPEG_BASELINE, 30_000, 30_000)), undefined))).toMatchObject({
      code: 'too_large',
      reason: 'ERR_IMAGE_TOO_LARGE',
    });
  });

  it('refuses files that are not what they claim, too large, empty, unreadable, or a blurred file sent along', async () => {
    const encoded = await encodePng(portrait());
    expect(await refusal(() => prepareRenditions({ bytes: encoded, declaredType: 'image/gif' }, undefined))).toMatchObject({
      code: 'unsupported_content_type',
      part: 'original',
    });
    expect(await refusal(() => prepareRenditions(jpeg(encoded), undefined))).toMatchObject({ code: 'content_type_mismatch', part: 'original' });
    expect(await refusal(() => prepareRenditions(png(new Uint8Array(0)), undefined))).toMatchObject({ code: 'empty' });
    expect(await refusal(() => prepareRenditions(png(new Uint8Array(MAX_MEDIA_BYTES + 1)), undefined))).toMatchObject({ code: 'too_large' });
    expect(await refusal(() => prepareRenditions(png(encoded.subarray(0, 60)), undefined))).toMatchObject({ code: 'unreadable', reason: 'ERR_PNG_CHUNK' });
    expect(await refusal(() => prepareRenditions(png(encoded), png(encoded)))).toMatchObject({ code: 'blurred_not_accepted', part: 'blurred' });
    expect(await refusal(() => prepareRenditions(jpeg(JPEG_BASELINE), jpeg(JPEG_BASELINE)))).toMatchObject({ code: 'blurred_not_accepted', part: 'blurred' });
    expect(await refusal(() => prepareRenditions(jpeg(Uint8Array.of(...JPEG_BASELINE, 1)), undefined))).toMatchObject({
      code: 'unreadable',
      reason: 'ERR_IMAGE_TRUNCATED',
    });
  });

  it('makes a copy at the working size only for an original too large to deliver whole, and none that would itself be too large', async () => {
    const picture = portrait();
    const over = { bytes: new Uint8Array(MAX_DELIVERED_MEDIA_BYTES + 1), contentType: 'image/png' as const, width: 96, height: 96 };
    const copy = scaledOriginal(over, picture);
    expect(copy).toMatchObject({ contentType: 'image/jpeg', width: 96, height: 96 });
    expect(decodeJpeg(copy?.bytes as Uint8Array, LIMIT).image).toMatchObject({ width: 96, height: 96 });
    expect(scaledOriginal({ ...over, bytes: new Uint8Array(MAX_DELIVERED_MEDIA_BYTES) }, picture)).toBeNull();
    // Noise at full size: 2048 × 2048 of it does not fit an answer even as JPEG.
    const noise = new Uint8Array(2048 * 2048 * 4).map((_, i) => (i * 2654435761) >>> 24);
    expect(scaledOriginal(over, { width: 2048, height: 2048, data: noise })).toBeNull();
    // What an upload gives: no copy for a small original.
    expect((await prepareRenditions(jpeg(JPEG_BASELINE), undefined)).scaled).toBeNull();
  });

  it('accepts an original of exactly the largest size, in bytes and in pixels, and refuses one a byte or a row of pixels larger with a clear code', async () => {
    const small = halvesJpeg(64, 48);
    const largest = paddedTo(small, MAX_MEDIA_BYTES);
    expect(largest.length).toBe(MAX_MEDIA_BYTES);
    const stored = await prepareRenditions(jpeg(largest), undefined);
    // Stored without its comments: the picture itself, decoded and blurred.
    expect(stored.original).toMatchObject({ contentType: 'image/jpeg', width: 64, height: 48, bytes: small });
    expect(stored.blurred).toMatchObject({ width: 64, height: 48, by: 'gateway' });
    expect(await refusal(() => prepareRenditions(jpeg(paddedTo(small, MAX_MEDIA_BYTES + 1)), undefined))).toMatchObject({
      code: 'too_large',
      part: 'original',
    });

    // Pixels are read from the header before anything is decoded: exactly the largest passes that check
    // (and fails only for the picture data these headers lack), one row more is refused as too large.
    const width = 10_000;
    const rows = MAX_ORIGINAL_PIXELS / width;
    expect(await refusal(() => prepareRenditions(jpeg(withFrameSize(small, width, rows)), undefined))).toMatchObject({
      code: 'unreadable',
      reason: 'ERR_IMAGE_CORRUPT',
    });
    expect(await refusal(() => prepareRenditions(jpeg(withFrameSize(small, width, rows + 1)), undefined))).toMatchObject({
      code: 'too_large',
      reason: 'ERR_IMAGE_TOO_LARGE',
    });
  });

  it('sniffs types from signatures only', () => {
    expect(sniffMediaType(JPEG_BASELINE)).toBe('image/jpeg');
    expect(sniffMediaType(new TextEncoder().encode('<svg/>'))).toBeNull();
  });
});
