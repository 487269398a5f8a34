import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeImageMark, imageMarkTile, MARK_ALPHA, MARK_CELL_PX, MARK_TILE_HEIGHT, MARK_TILE_WIDTH, markTileCssSize } from './image.js';
import { DATA_CELLS, SYNC_CELLS, TILE_COLS, tileBits } from './image-layout.js';
import { composite, crop, type Picture, resized, seededRandom, syntheticPage, withNoise } from './synthetic-page.js';
import { bytesToViewId } from './view-id.js';

const TW = MARK_TILE_WIDTH;
const TH = MARK_TILE_HEIGHT;
const viewIds = fc.uint8Array({ minLength: 8, maxLength: 8 }).map(bytesToViewId);
/** Deterministic view ids for the example-based tests. */
const idsFrom = (seed: number) => {
  const rnd = seededRandom(seed);
  return () => bytesToViewId(Uint8Array.from({ length: 8 }, () => Math.floor(rnd() * 256)));
};
const decode = (p: Picture) => decodeImageMark(p.rgba, p.width, p.height);
const VIEWPORT = syntheticPage(1280, 800, 7);
const PHOTO = { x: 1280 - 384 - 16, y: 72, width: 384, height: 400 }; // where syntheticPage puts the photo

describe('imageMarkTile', () => {
  it('is 88 × 72 px of black at alpha 0 or MARK_ALPHA, one 8 px cell per bit', () => {
    const id = 'AQID-vv8_f4';
    const tile = imageMarkTile(id);
    expect([tile.width, tile.height, MARK_CELL_PX, MARK_ALPHA]).toEqual([88, 72, 8, 2]);
    expect(tile.rgba).toHaveLength(88 * 72 * 4);
    const bits = tileBits(id);
    for (let y = 0; y < 72; y++) {
      for (let x = 0; x < 88; x++) {
        const i = (y * 88 + x) * 4;
        expect([tile.rgba[i], tile.rgba[i + 1], tile.rgba[i + 2]]).toEqual([0, 0, 0]);
        expect(tile.rgba[i + 3]).toBe(bits[Math.floor(y / 8) * TILE_COLS + Math.floor(x / 8)] === 1 ? MARK_ALPHA : 0);
      }
    }
  });

  it('carries the sync pattern, the id most significant bit first, then its CRC-16', () => {
    const bits = tileBits('AQID-vv8_f4'); // bytes 01 02 03 fa fb fc fd fe
    for (const { col, row, bit } of SYNC_CELLS) expect(bits[row * TILE_COLS + col]).toBe(bit);
    const data = DATA_CELLS.map(({ col, row }) => bits[row * TILE_COLS + col]).join('');
    expect(data.slice(0, 24)).toBe('000000010000001000000011');
    expect(SYNC_CELLS).toHaveLength(19);
    expect(DATA_CELLS).toHaveLength(80);
  });

  it('refuses malformed view ids', () => {
    expect(() => imageMarkTile('not-an-id')).toThrow(TypeError);
  });

  it('is drawn one tile pixel per device pixel', () => {
    expect(markTileCssSize(1)).toEqual({ width: 88, height: 72 });
    expect(markTileCssSize(2)).toEqual({ width: 44, height: 36 });
    expect(markTileCssSize(1.25)).toEqual({ width: 70.4, height: 57.6 });
    expect(markTileCssSize(Number.NaN)).toEqual({ width: 88, height: 72 });
  });
});

describe('decodeImageMark', () => {
  it('names the view from a whole 1280 × 800 screenshot, wherever the tile starts, well within 2 s', () => {
    const next = idsFrom(1);
    for (const [x, y] of [
      [0, 0],
      [37, 11],
      [87, 71],
      [45, 36],
    ] as const) {
      const id = next();
      const shot = composite(VIEWPORT, imageMarkTile(id), x, y);
      const started = performance.now();
      expect(decode(shot)).toBe(id);
      expect(performance.now() - started).toBeLessThan(2000);
    }
  });

  it('round-trips any view id at any offset (property)', () => {
    const page = syntheticPage(400, 320, 3);
    fc.assert(
      fc.property(viewIds, fc.integer({ min: 0, max: TW - 1 }), fc.integer({ min: 0, max: TH - 1 }), (id, x, y) => {
        expect(decode(composite(page, imageMarkTile(id), x, y))).toBe(id);
      }),
      { numRuns: 12 },
    );
  });

  it('reads crops of 3 × 3 tiles nearly always, and of 4 × 4 or more always, unless they are mostly photo', () => {
    const next = idsFrom(2);
    const rnd = seededRandom(2);
    /** Random crops of `tiles` × `tiles` tiles with at most a third of photo; how many decode. */
    const attempt = (tiles: number, count: number) => {
      let decoded = 0;
      for (let tried = 0; tried < count; ) {
        const [w, h] = [TW * tiles, TH * tiles];
        const [x, y] = [Math.floor(rnd() * (1280 - w)), Math.floor(rnd() * (800 - h))];
        const overlap =
          Math.max(0, Math.min(x + w, PHOTO.x + PHOTO.width) - Math.max(x, PHOTO.x)) *
          Math.max(0, Math.min(y + h, PHOTO.y + PHOTO.height) - Math.max(y, PHOTO.y));
        if (overlap > (w * h) / 3) continue;
        tried++;
        const id = next();
        // The same pixels as cropping a marked screenshot, without marking all of it.
        const found = decode(composite(crop(VIEWPORT, x, y, w, h), imageMarkTile(id), x + Math.floor(rnd() * TW), y + Math.floor(rnd() * TH)));
        if (found !== null) expect(found, `crop at ${x},${y} of ${tiles} × ${tiles} tiles`).toBe(id);
        if (found === id) decoded++;
      }
      return decoded;
    };
    // Measured: 79 of 80 at 3 × 3 (the miss held a panel edge and a third of photo); see TRACE-MARKS.md.
    expect(attempt(3, 30)).toBeGreaterThanOrEqual(28);
    expect(attempt(4, 12)).toBe(12);
    expect(attempt(5, 12)).toBe(12);
  });

  it('reads a 2× display, where every tile pixel is a 2 × 2 block', () => {
    const id = idsFrom(3)();
    expect(decode(composite(syntheticPage(1280, 800, 9), imageMarkTile(id), 5, 7, 2))).toBe(id);
  });

  it('survives noise of ±3 and ±6 levels per channel (a stand-in for light lossy compression)', () => {
    const next = idsFrom(4);
    for (const amplitude of [3, 6]) {
      const id = next();
      expect(decode(withNoise(composite(VIEWPORT, imageMarkTile(id), 21, 9), amplitude, amplitude))).toBe(id);
    }
    const id = next();
    expect(decode(withNoise(crop(composite(VIEWPORT, imageMarkTile(id), 3, 3), 40, 90, 3 * TW, 3 * TH), 3, 1))).toBe(id);
  });

  it('does not survive stronger noise, scaling or a crop inside a photo: it returns null, never a wrong id', () => {
    const id = idsFrom(5)();
    const shot = composite(VIEWPORT, imageMarkTile(id), 13, 29);
    expect(decode(withNoise(shot, 16, 1))).toBeNull();
    for (const factor of [0.5, 0.9, 1.1]) expect(decode(resized(shot, factor))).toBeNull();
    expect(decode(crop(shot, PHOTO.x, PHOTO.y, 3 * TW, 3 * TH))).toBeNull();
    expect(decode(crop(shot, 100, 100, 2 * TW, 2 * TH))).toBeNull(); // too small to be sure of anything
  });

  it('finds nothing in unmarked pictures', () => {
    for (let seed = 20; seed < 26; seed++) expect(decode(withNoise(syntheticPage(640, 400, seed), seed % 4, seed))).toBeNull();
    const flat = { width: 300, height: 300, rgba: new Uint8ClampedArray(300 * 300 * 4).fill(255) };
    expect(decode(flat)).toBeNull();
    const rnd = seededRandom(9);
    const noise = { width: 400, height: 300, rgba: Uint8ClampedArray.from({ length: 400 * 300 * 4 }, () => Math.floor(rnd() * 256)) };
    expect(decode(noise)).toBeNull();
    // A page whose own pattern has the tile's cell size: 8 px stripes at the mark's contrast.
    const stripes = new Uint8ClampedArray(600 * 400 * 4).map((_, i) => (i % 4 === 3 ? 255 : Math.floor(((i >> 2) % 600) / 8) % 2 === 0 ? 255 : 253));
    expect(decode({ width: 600, height: 400, rgba: stripes })).toBeNull();
  });

  it('names the right view when another view was marked and cropped the same way', () => {
    const next = idsFrom(6);
    const [a, b] = [next(), next()];
    expect(decode(crop(composite(VIEWPORT, imageMarkTile(a), 0, 0), 50, 100, 4 * TW, 4 * TH))).toBe(a);
    expect(decode(crop(composite(VIEWPORT, imageMarkTile(b), 0, 0), 50, 100, 4 * TW, 4 * TH))).toBe(b);
  });

  it('refuses pixel buffers that do not match their size', () => {
    expect(() => decodeImageMark(new Uint8Array(10), 2, 2)).toThrow(TypeError);
    expect(() => decodeImageMark(new Uint8Array(16), 2, 2, { scales: [1.5] })).toThrow(TypeError);
    expect(decodeImageMark(new Uint8Array(0), 0, 0)).toBeNull();
  });
});
