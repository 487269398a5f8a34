/** The decoder against files it did not write: an independent writer of the five filter types, and pngjs. */
import { crc32, deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { hasPngSignature } from './chunks.js';
import { decodePng } from './decode.js';
import { PngError } from './errors.js';
import { encodeTestPng } from './test-encoder.js';

const LIMIT = { maxPixels: 1_000_000 };

/** Rewrites the CRC of the IHDR chunk after a test edits its fields. */
function reCrcIhdr(file: Buffer): Buffer {
  file.writeUInt32BE(crc32(file.subarray(12, 29)), 29);
  return file;
}

/** Random pixels with smooth stretches, so every filter has something to predict. */
const image = fc
  .record({ width: fc.integer({ min: 1, max: 23 }), height: fc.integer({ min: 1, max: 17 }), seed: fc.integer() })
  .map(({ width, height, seed }) => {
    const rgba = new Uint8Array(width * height * 4);
    let s = seed >>> 0;
    for (let i = 0; i < rgba.length; i++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      rgba[i] = i % 7 === 0 ? s >>> 24 : ((i >> 2) * 13 + (s >>> 30)) & 0xff;
    }
    return { width, height, rgba };
  });

const codeOf = async (bytes: Uint8Array) =>
  decodePng(bytes, LIMIT).then(
    () => 'decoded',
    (err: unknown) => (err instanceof PngError ? err.code : String(err)),
  );

describe('decodePng against an independent writer', () => {
  it('reads RGBA and RGB files row by row through all five filter types, over several IDAT chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        image,
        fc.constantFrom('rgb' as const, 'rgba' as const),
        fc.integer({ min: 0, max: 4 }),
        async ({ width, height, rgba }, colour, fixed) => {
          for (const filterFor of [undefined, () => fixed]) {
            const png = encodeTestPng({ width, height, rgba, colour, ...(filterFor === undefined ? {} : { filterFor }), idatSize: 37 });
            const decoded = await decodePng(png, LIMIT);
            expect([decoded.width, decoded.height]).toEqual([width, height]);
            const expected = new Uint8Array(rgba);
            if (colour === 'rgb') for (let i = 3; i < expected.length; i += 4) expected[i] = 255;
            expect(decoded.data).toEqual(expected);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('decodes a known 2 × 1 file byte for byte', async () => {
    // Red then half-transparent green, filter 1 (Sub) on the only row: the second pixel is stored as its difference.
    const png = encodeTestPng({ width: 2, height: 1, rgba: Uint8Array.of(255, 0, 0, 255, 0, 255, 0, 128), colour: 'rgba', filterFor: () => 1 });
    expect([...(await decodePng(png, LIMIT)).data]).toEqual([255, 0, 0, 255, 0, 255, 0, 128]);
  });

  it('refuses damage with a stable code', async () => {
    const good = encodeTestPng({ width: 3, height: 3, rgba: new Uint8Array(36).fill(200), colour: 'rgb' });
    expect(hasPngSignature(good)).toBe(true);
    expect(await codeOf(Buffer.from('GIF89a'))).toBe('ERR_PNG_SIGNATURE');
    const badCrc = Buffer.from(good);
    badCrc[30] = (badCrc[30] as number) ^ 1; // inside IHDR's data
    expect(await codeOf(badCrc)).toBe('ERR_PNG_CRC');
    expect(await codeOf(good.subarray(0, good.length - 20))).toMatch(/^ERR_PNG_/);
    const withDepth = Buffer.from(good);
    withDepth.set([7], 24);
    expect(await codeOf(reCrcIhdr(withDepth))).toMatch(/^ERR_PNG_(HEADER|UNSUPPORTED)$/);
  });

  it('refuses a file whose data inflates to more than its header allows', async () => {
    const good = encodeTestPng({ width: 2, height: 2, rgba: new Uint8Array(16), colour: 'rgba' });
    // Replace the image data with 10 kB of zeros: a small file claiming far more than 2 × 2 pixels.
    const bomb = deflateSync(new Uint8Array(10_000));
    const ihdrEnd = 8 + 25;
    const idat = Buffer.alloc(12 + bomb.length);
    idat.writeUInt32BE(bomb.length, 0);
    idat.write('IDAT', 4, 'latin1');
    idat.set(bomb, 8);
    idat.writeUInt32BE(crc32(idat.subarray(4, 8 + bomb.length)), 8 + bomb.length);
    const file = Buffer.concat([good.subarray(0, ihdrEnd), idat, good.subarray(good.length - 12)]);
    expect(await codeOf(file)).toMatch(/^ERR_PNG_(TOO_LARGE|DATA)$/);
  });
});

describe('decodePng against pngjs', () => {
  // pngjs (a devDependency) chooses a filter per row adaptively, as most tools do, and decodes independently.
  it('reads what pngjs writes, pixel for pixel', async () => {
    const [width, height] = [61, 37];
    const rgba = new Uint8Array(width * height * 4);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) rgba.set([(x * 4 + y) & 0xff, (y * 7) & 0xff, (x * y) & 0xff, 153], (y * width + x) * 4);
    }
    for (const colorType of [6, 2] as const) {
      const png = PNG.sync.write(Object.assign(new PNG({ width, height }), { data: Buffer.from(rgba) }), { colorType, filterType: -1 });
      const reference = PNG.sync.read(png);
      const decoded = await decodePng(png, LIMIT);
      expect([decoded.width, decoded.height]).toEqual([width, height]);
      expect(Buffer.from(decoded.data)).toEqual(reference.data);
      if (colorType === 6) expect(Buffer.from(decoded.data)).toEqual(Buffer.from(rgba));
    }
  });
});
