/** The PNG encoder: lossless round trip, minimal chunks, and the CRC it relies on. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readChunks, stripPngMetadata } from './chunks.js';
import { crc32 } from './crc32.js';
import { decodePng } from './decode.js';
import { encodePng } from './encode.js';
import { PNG_FIXTURES } from './fixtures.js';
import { chunkTypes, fromBase64, sameBytes } from './test-helpers.js';

const LIMIT = { maxPixels: 1_000_000 };

/** A random RGBA image up to 24 × 24, opaque or not. */
const imageArb = fc
  .record({ width: fc.integer({ min: 1, max: 24 }), height: fc.integer({ min: 1, max: 24 }), opaque: fc.boolean() })
  .chain(({ width, height, opaque }) =>
    fc.uint8Array({ minLength: width * height * 4, maxLength: width * height * 4 }).map((data) => {
      if (opaque) for (let i = 3; i < data.length; i += 4) data[i] = 255;
      return { width, height, data };
    }),
  );

describe('encodePng', () => {
  it('round-trips every image exactly: decode(encode(x)) == x', async () => {
    await fc.assert(
      fc.asyncProperty(imageArb, async (image) => {
        const back = await decodePng(await encodePng(image), LIMIT);
        expect([back.width, back.height]).toEqual([image.width, image.height]);
        expect(sameBytes(back.data, image.data)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('round-trips smooth pictures too (where the filters matter)', async () => {
    const width = 64;
    const height = 40;
    const data = new Uint8Array(width * height * 4);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([x * 4, y * 6, (x + y) * 2, 255 - x], (y * width + x) * 4);
    const png = await encodePng({ width, height, data });
    expect(sameBytes((await decodePng(png, LIMIT)).data, data)).toBe(true);
    // Adaptive filters compress a gradient to a small fraction of its raw size.
    expect(png.length).toBeLessThan(data.length / 10);
  });

  it('writes IHDR, IDAT and IEND only, truecolour when opaque', async () => {
    const opaque = await encodePng({ width: 1, height: 1, data: Uint8Array.of(1, 2, 3, 255) });
    expect(chunkTypes(opaque)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(opaque[25]).toBe(2);
    const translucent = await encodePng({ width: 1, height: 1, data: Uint8Array.of(1, 2, 3, 4) });
    expect(translucent[25]).toBe(6);
  });

  it('refuses a buffer that does not match the size', async () => {
    await expect(encodePng({ width: 2, height: 2, data: new Uint8Array(15) })).rejects.toThrow(TypeError);
    await expect(encodePng({ width: 0, height: 2, data: new Uint8Array(0) })).rejects.toThrow(TypeError);
  });
});

describe('crc32', () => {
  it('matches the check value of CRC-32/ISO-HDLC', () => {
    expect(crc32([new TextEncoder().encode('123456789')])).toBe(0xcbf43926);
    expect(crc32([new TextEncoder().encode('1234'), new TextEncoder().encode('56789')])).toBe(0xcbf43926);
    expect(crc32([])).toBe(0);
  });
});

describe('stripPngMetadata', () => {
  it('drops text and time chunks and keeps the picture identical', async () => {
    for (const fixture of PNG_FIXTURES) {
      const png = fromBase64(fixture.png);
      const stripped = stripPngMetadata(png);
      const types = chunkTypes(stripped);
      expect(types.some((t) => ['tEXt', 'zTXt', 'iTXt', 'tIME', 'eXIf'].includes(t))).toBe(false);
      expect(chunkTypes(png).filter((t) => t === 'tEXt' || t === 'tIME').length).toBeGreaterThan(0);
      expect(sameBytes((await decodePng(stripped, LIMIT)).data, (await decodePng(png, LIMIT)).data)).toBe(true);
      expect(readChunks(stripped).length).toBe(types.length);
    }
  });
});
