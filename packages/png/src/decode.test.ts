/** The PNG decoder against ImageMagick's reading of the same files, and its refusals. */
import { describe, expect, it } from 'vitest';
import { decodePng } from './decode.js';
import { PngError } from './errors.js';
import { FIXTURE_HEIGHT, FIXTURE_WIDTH, PNG_FIXTURES, type PngFixture } from './fixtures.js';
import { chunkTypes, fromBase64, idatOf, pngOf, sameBytes } from './test-helpers.js';
import { deflate } from './zlib.js';

const LIMIT = { maxPixels: 1_000_000 };

/** The fixture's pixels in 8 bits: 16-bit samples scaled as PNG spec §13.12 says, round(v × 255 / 65535). */
function expectedRgba8(fixture: PngFixture): Uint8Array {
  const raw = fromBase64(fixture.rgba);
  if (fixture.bitDepth !== 16) return raw;
  const out = new Uint8Array(raw.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Math.round(((((raw[2 * i] as number) << 8) | (raw[2 * i + 1] as number)) * 255) / 65535);
  return out;
}

async function codeOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (err) {
    if (err instanceof PngError) return err.code;
    throw err;
  }
  return 'no error';
}

describe('decodePng', () => {
  it.each(PNG_FIXTURES.map((f) => [f.name, f] as const))('reads %s exactly as ImageMagick does', async (_name, fixture) => {
    const image = await decodePng(fromBase64(fixture.png), LIMIT);
    expect([image.width, image.height]).toEqual([FIXTURE_WIDTH, FIXTURE_HEIGHT]);
    expect(sameBytes(image.data, expectedRgba8(fixture))).toBe(true);
  });

  it('covers every colour type, the bit depths, Adam7 and tRNS', () => {
    const kinds = new Set(PNG_FIXTURES.map((f) => `${f.colorType}/${f.bitDepth}`));
    for (const k of ['0/1', '0/2', '0/4', '0/8', '0/16', '2/8', '2/16', '3/2', '3/4', '3/8', '4/8', '4/16', '6/8', '6/16']) expect(kinds).toContain(k);
    expect(PNG_FIXTURES.filter((f) => f.interlaced).length).toBeGreaterThanOrEqual(4);
    expect(PNG_FIXTURES.filter((f) => chunkTypes(fromBase64(f.png)).includes('tRNS')).length).toBeGreaterThanOrEqual(3);
  });

  it('makes a grey tRNS value transparent and keeps the rest opaque', async () => {
    const png = pngOf({ width: 2, height: 1, bitDepth: 8, colorType: 0 }, [
      ['tRNS', Uint8Array.of(0, 7)],
      ['IDAT', await idatOf([[7, 9]])],
    ]);
    expect([...(await decodePng(png, LIMIT)).data]).toEqual([7, 7, 7, 0, 9, 9, 9, 255]);
  });

  it('undoes every filter type', async () => {
    // Two rows of 2 RGB pixels: row 0 with Sub, row 1 with Up, Average and Paeth in a second image.
    const rows = (t1: number) => Uint8Array.of(1, 10, 20, 30, 5, 5, 5, t1, 1, 1, 1, 2, 2, 2);
    const expectedRow0 = [10, 20, 30, 15, 25, 35];
    const up = await decodePng(pngOf({ width: 2, height: 2, bitDepth: 8, colorType: 2 }, [['IDAT', await deflate(rows(2))]]), LIMIT);
    expect([...up.data]).toEqual([...expectedRow0.slice(0, 3), 255, ...expectedRow0.slice(3), 255, 11, 21, 31, 255, 17, 27, 37, 255]);
    const avg = await decodePng(pngOf({ width: 2, height: 2, bitDepth: 8, colorType: 2 }, [['IDAT', await deflate(rows(3))]]), LIMIT);
    // x = 1 + floor((0 + 10) / 2) = 6 …; second pixel: 2 + floor((6 + 15) / 2) = 12 …
    expect([...avg.data.subarray(8)]).toEqual([6, 11, 16, 255, 12, 20, 27, 255]);
    const paeth = await decodePng(pngOf({ width: 2, height: 2, bitDepth: 8, colorType: 2 }, [['IDAT', await deflate(rows(4))]]), LIMIT);
    // First pixel: a = c = 0, so the predictor is b (above). Second: p = a + b − c.
    expect([...paeth.data.subarray(8)]).toEqual([11, 21, 31, 255, 17, 27, 37, 255]);
  });

  it('refuses what is not a well-formed PNG', async () => {
    const good = pngOf({ width: 1, height: 1, bitDepth: 8, colorType: 0 }, [['IDAT', await idatOf([[1]])]]);
    expect(await codeOf(() => decodePng(good, LIMIT))).toBe('no error');
    expect(await codeOf(() => decodePng(new TextEncoder().encode('GIF89a…'), LIMIT))).toBe('ERR_PNG_SIGNATURE');
    const flipped = good.slice();
    flipped[40] = (flipped[40] as number) ^ 1;
    expect(await codeOf(() => decodePng(flipped, LIMIT))).toBe('ERR_PNG_CRC');
    expect(await codeOf(() => decodePng(good.subarray(0, good.length - 3), LIMIT))).toBe('ERR_PNG_CHUNK');
    expect(await codeOf(() => decodePng(Uint8Array.of(...good, 0), LIMIT))).toBe('ERR_PNG_CHUNK');
    expect(await codeOf(() => decodePng(pngOf({ width: 1, height: 1, bitDepth: 8, colorType: 0 }, []), LIMIT))).toBe('ERR_PNG_CHUNK');
  });

  it('refuses illegal headers and unknown critical chunks', async () => {
    const idat = await idatOf([[1, 2, 3]]);
    expect(await codeOf(() => decodePng(pngOf({ width: 1, height: 1, bitDepth: 4, colorType: 2 }, [['IDAT', idat]]), LIMIT))).toBe('ERR_PNG_HEADER');
    expect(await codeOf(() => decodePng(pngOf({ width: 0, height: 1, bitDepth: 8, colorType: 2 }, [['IDAT', idat]]), LIMIT))).toBe('ERR_PNG_HEADER');
    expect(await codeOf(() => decodePng(pngOf({ width: 1, height: 1, bitDepth: 8, colorType: 2, interlace: 2 }, [['IDAT', idat]]), LIMIT))).toBe(
      'ERR_PNG_HEADER',
    );
    expect(
      await codeOf(() =>
        decodePng(
          pngOf({ width: 1, height: 1, bitDepth: 8, colorType: 2 }, [
            ['ABCD', new Uint8Array(0)],
            ['IDAT', idat],
          ]),
          LIMIT,
        ),
      ),
    ).toBe('ERR_PNG_UNSUPPORTED');
  });

  it('refuses indexed images without a palette or with an index past it', async () => {
    const idat = await idatOf([[3]]);
    expect(await codeOf(() => decodePng(pngOf({ width: 1, height: 1, bitDepth: 8, colorType: 3 }, [['IDAT', idat]]), LIMIT))).toBe('ERR_PNG_CHUNK');
    const palette = Uint8Array.of(1, 2, 3, 4, 5, 6);
    expect(
      await codeOf(() =>
        decodePng(
          pngOf({ width: 1, height: 1, bitDepth: 8, colorType: 3 }, [
            ['PLTE', palette],
            ['IDAT', idat],
          ]),
          LIMIT,
        ),
      ),
    ).toBe('ERR_PNG_DATA');
    const ok = await decodePng(
      pngOf({ width: 1, height: 1, bitDepth: 8, colorType: 3 }, [
        ['PLTE', palette],
        ['IDAT', await idatOf([[1]])],
      ]),
      LIMIT,
    );
    expect([...ok.data]).toEqual([4, 5, 6, 255]);
  });

  it('refuses images over the pixel limit before inflating anything', async () => {
    // A header claiming 100 000 × 100 000 pixels with garbage data: refused on size, not on data.
    const huge = pngOf({ width: 100_000, height: 100_000, bitDepth: 8, colorType: 6 }, [['IDAT', Uint8Array.of(1, 2, 3)]]);
    expect(await codeOf(() => decodePng(huge, LIMIT))).toBe('ERR_PNG_TOO_LARGE');
  });

  it('stops inflating at the declared size (decompression bomb)', async () => {
    // 1 × 1 greyscale needs 2 bytes; this stream inflates to 1 MiB of zeros.
    const bomb = pngOf({ width: 1, height: 1, bitDepth: 8, colorType: 0 }, [['IDAT', await deflate(new Uint8Array(1 << 20))]]);
    expect(await codeOf(() => decodePng(bomb, LIMIT))).toBe('ERR_PNG_TOO_LARGE');
    const short = pngOf({ width: 4, height: 4, bitDepth: 8, colorType: 0 }, [['IDAT', await deflate(new Uint8Array(3))]]);
    expect(await codeOf(() => decodePng(short, LIMIT))).toBe('ERR_PNG_DATA');
    const corrupt = pngOf({ width: 1, height: 1, bitDepth: 8, colorType: 0 }, [['IDAT', Uint8Array.of(0x78, 0x9c, 0xff, 0xff, 0xff)]]);
    expect(await codeOf(() => decodePng(corrupt, LIMIT))).toBe('ERR_PNG_DATA');
  });
});
