/**
 * What JPEG recompression does to the image mark, with a real encoder (ImageMagick's libjpeg, 4:2:0
 * chroma subsampling, its default). Skipped where ImageMagick is not installed. The figures these
 * tests pin are the ones extension/TRACE-MARKS.md states.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeImageMark, imageMarkTile, MARK_TILE_HEIGHT, MARK_TILE_WIDTH } from './image.js';
import { composite, crop, type Picture, syntheticPage } from './synthetic-page.js';

const CONVERT = '/usr/local/bin/convert';

function viaJpeg(p: Picture, quality: number): Picture {
  const jpeg = execFileSync(CONVERT, ['-size', `${p.width}x${p.height}`, '-depth', '8', 'rgba:-', '-quality', String(quality), 'jpg:-'], { input: p.rgba, maxBuffer: 1 << 26 });
  const raw = execFileSync(CONVERT, ['jpg:-', '-depth', '8', 'rgba:-'], { input: jpeg, maxBuffer: 1 << 26 });
  return { width: p.width, height: p.height, rgba: new Uint8ClampedArray(raw.buffer, raw.byteOffset, raw.length) };
}

describe.skipIf(!existsSync(CONVERT))('the image mark through JPEG', () => {
  const id = 'AQID-vv8_f4';
  const shot = composite(syntheticPage(1280, 800, 8), imageMarkTile(id), 17, 3);

  it('survives a whole screenshot saved as JPEG at quality 75, and a 3 × 3-tile crop at quality 95', () => {
    expect(decodeImageMark(...args(viaJpeg(shot, 75)))).toBe(id);
    expect(decodeImageMark(...args(viaJpeg(crop(shot, 60, 90, 3 * MARK_TILE_WIDTH, 3 * MARK_TILE_HEIGHT), 95)))).toBe(id);
  });

  it('names no other view when stronger compression loses the mark', () => {
    // Measured: 3 × 3-tile crops are usually lost at quality 85; whole screenshots at about 60.
    expect([id, null]).toContain(decodeImageMark(...args(viaJpeg(crop(shot, 60, 90, 3 * MARK_TILE_WIDTH, 3 * MARK_TILE_HEIGHT), 75))));
    expect([id, null]).toContain(decodeImageMark(...args(viaJpeg(shot, 40))));
  });
});

const args = (p: Picture) => [p.rgba, p.width, p.height] as const;
