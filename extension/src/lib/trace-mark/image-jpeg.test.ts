/**
 * What JPEG recompression does to the image mark, with a real baseline JPEG encoder and decoder
 * (`jpeg-js`, a devDependency) after 4:2:0 chroma subsampling — what libjpeg, phones and most
 * screenshot tools do by default. The figures these tests pin are the ones extension/TRACE-MARKS.md states.
 */
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { decodeImageMark, imageMarkTile, MARK_TILE_HEIGHT, MARK_TILE_WIDTH } from './image.js';
import { composite, crop, type Picture, syntheticPage } from './synthetic-page.js';

/**
 * Halves the chroma resolution as a 4:2:0 encoder does (BT.601 YCbCr, box average over 2 × 2
 * pixels), keeping luma per pixel. jpeg-js itself writes 4:4:4, which would hide the loss.
 */
function subsampleChroma(p: Picture): Picture {
  const { width, height, rgba } = p;
  const out = new Uint8ClampedArray(rgba);
  for (let y = 0; y < height; y += 2) {
    for (let x = 0; x < width; x += 2) {
      const px: number[] = [];
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const)
        if (x + dx < width && y + dy < height) px.push(((y + dy) * width + x + dx) * 4);
      let cb = 0;
      let cr = 0;
      const lumas = px.map((i) => {
        const [r, g, b] = [rgba[i] as number, rgba[i + 1] as number, rgba[i + 2] as number];
        cb += -0.168736 * r - 0.331264 * g + 0.5 * b;
        cr += 0.5 * r - 0.418688 * g - 0.081312 * b;
        return 0.299 * r + 0.587 * g + 0.114 * b;
      });
      cb /= px.length;
      cr /= px.length;
      px.forEach((i, k) => {
        const luma = lumas[k] as number;
        out[i] = luma + 1.402 * cr;
        out[i + 1] = luma - 0.344136 * cb - 0.714136 * cr;
        out[i + 2] = luma + 1.772 * cb;
      });
    }
  }
  return { width, height, rgba: out };
}

function viaJpeg(p: Picture, quality: number): Picture {
  const sub = subsampleChroma(p);
  const file = jpeg.encode({ width: p.width, height: p.height, data: sub.rgba }, quality);
  const back = jpeg.decode(file.data, { useTArray: true, formatAsRGBA: true });
  return { width: back.width, height: back.height, rgba: new Uint8ClampedArray(back.data.buffer, back.data.byteOffset, back.data.length) };
}

describe('the image mark through JPEG', () => {
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

  it('is lost, not misread, when the picture is no longer the screenshot (a sanity check of the codec path)', () => {
    const other = composite(syntheticPage(1280, 800, 8), imageMarkTile('AAAA-AAAAAA'), 17, 3);
    expect(decodeImageMark(...args(viaJpeg(other, 90)))).not.toBe(id);
  });
});

const args = (p: Picture) => [p.rgba, p.width, p.height] as const;
