/**
 * A PNG decoder (PNG spec, ISO/IEC 15948): every colour type and bit depth, palettes and tRNS
 * transparency, Adam7 interlacing. Output is 8-bit RGBA; 16-bit samples are scaled to 8 bits with
 * rounding. Ancillary chunks other than tRNS are ignored (no gamma or colour-space conversion).
 */
import { readChunks, type PngChunk } from './chunks.js';
import { PngError } from './errors.js';
import { unfilter } from './filters.js';
import { CHANNELS, parseHeader, type PngHeader } from './header.js';
import { RGBA_BYTES, type RgbaImage } from './image.js';
import { concatBytes, inflate } from './zlib.js';

/** Options of {@link decodePng}. */
export interface DecodeOptions {
  /** Largest width × height accepted: checked before any image data is inflated. */
  readonly maxPixels: number;
}

/** A pass of the image: the whole image, or one of Adam7's seven (PNG spec §8.2). */
interface Pass {
  readonly x0: number;
  readonly y0: number;
  readonly dx: number;
  readonly dy: number;
}
const WHOLE: readonly Pass[] = [{ x0: 0, y0: 0, dx: 1, dy: 1 }];
const ADAM7: readonly Pass[] = [
  { x0: 0, y0: 0, dx: 8, dy: 8 },
  { x0: 4, y0: 0, dx: 8, dy: 8 },
  { x0: 0, y0: 4, dx: 4, dy: 8 },
  { x0: 2, y0: 0, dx: 4, dy: 4 },
  { x0: 0, y0: 2, dx: 2, dy: 4 },
  { x0: 1, y0: 0, dx: 2, dy: 2 },
  { x0: 0, y0: 1, dx: 1, dy: 2 },
];

const passSize = (size: number, start: number, step: number) => (size > start ? Math.ceil((size - start) / step) : 0);

/** Palette and transparency: how one pixel's samples become RGBA. */
interface Colour {
  readonly palette: Uint8Array | null;
  /** Alpha per palette entry (indexed), or the single transparent sample values (greyscale: 1, truecolour: 3). */
  readonly trns: Uint8Array | readonly number[] | null;
}

function readColour(header: PngHeader, chunks: readonly PngChunk[]): Colour {
  const plte = chunks.filter((c) => c.type === 'PLTE');
  const trnsChunks = chunks.filter((c) => c.type === 'tRNS');
  if (plte.length > 1 || trnsChunks.length > 1) throw new PngError('ERR_PNG_CHUNK', 'PLTE and tRNS may appear once');
  const firstIdat = chunks.findIndex((c) => c.type === 'IDAT');
  if (plte[0] !== undefined && chunks.indexOf(plte[0]) > firstIdat) throw new PngError('ERR_PNG_CHUNK', 'PLTE must precede IDAT');
  let palette: Uint8Array | null = null;
  if (header.colorType === 3) {
    const p = plte[0]?.data;
    if (p === undefined || p.length === 0 || p.length % 3 !== 0 || p.length / 3 > 2 ** header.bitDepth)
      throw new PngError('ERR_PNG_CHUNK', 'indexed image needs a valid PLTE');
    palette = p;
  } else if (plte.length > 0 && (header.colorType === 0 || header.colorType === 4)) {
    throw new PngError('ERR_PNG_CHUNK', 'PLTE is not allowed for greyscale');
  }
  const t = trnsChunks[0]?.data;
  if (t === undefined) return { palette, trns: null };
  const u16 = (i: number) => ((t[i] as number) << 8) | (t[i + 1] as number);
  switch (header.colorType) {
    case 3:
      if (palette === null || t.length > palette.length / 3) throw new PngError('ERR_PNG_CHUNK', 'tRNS longer than the palette');
      return { palette, trns: t };
    case 0:
      if (t.length !== 2) throw new PngError('ERR_PNG_CHUNK', 'greyscale tRNS must hold 2 bytes');
      return { palette, trns: [u16(0)] };
    case 2:
      if (t.length !== 6) throw new PngError('ERR_PNG_CHUNK', 'truecolour tRNS must hold 6 bytes');
      return { palette, trns: [u16(0), u16(2), u16(4)] };
    default:
      throw new PngError('ERR_PNG_CHUNK', 'tRNS is not allowed with an alpha channel');
  }
}

/** Sample `index` of a row of `depth`-bit samples starting at `start`. */
function sample(row: Uint8Array, start: number, index: number, depth: number): number {
  if (depth === 8) return row[start + index] as number;
  if (depth === 16) return ((row[start + 2 * index] as number) << 8) | (row[start + 2 * index + 1] as number);
  const bit = index * depth;
  return ((row[start + (bit >>> 3)] as number) >>> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
}

/** Scales a `depth`-bit sample to 8 bits (exact for 1, 2, 4 and 8 bits; rounded for 16). */
function to8(value: number, depth: number): number {
  if (depth === 8) return value;
  if (depth === 16) return Math.round(value / 257);
  return (value * 255) / ((1 << depth) - 1);
}

/** Writes the pixels of one unfiltered pass into `out`. Sample reads are inlined: this is the decoder's hot loop. */
function expandPass(header: PngHeader, colour: Colour, rows: Uint8Array, stride: number, pass: Pass, pw: number, ph: number, out: Uint8Array): void {
  const { bitDepth: depth, colorType, width } = header;
  const channels = CHANNELS[colorType] as number;
  const { palette, trns } = colour;
  const trnsValues = trns instanceof Uint8Array ? null : trns;
  for (let py = 0; py < ph; py++) {
    const start = py * stride;
    const y = pass.y0 + py * pass.dy;
    let o = (y * width + pass.x0) * RGBA_BYTES;
    const step = pass.dx * RGBA_BYTES;
    for (let px = 0; px < pw; px++, o += step) {
      const first = px * channels;
      if (depth === 8 && (colorType === 2 || colorType === 6)) {
        const i = start + first;
        out[o] = rows[i] as number;
        out[o + 1] = rows[i + 1] as number;
        out[o + 2] = rows[i + 2] as number;
        out[o + 3] =
          colorType === 6
            ? (rows[i + 3] as number)
            : trnsValues !== null && rows[i] === trnsValues[0] && rows[i + 1] === trnsValues[1] && rows[i + 2] === trnsValues[2]
              ? 0
              : 255;
        continue;
      }
      if (colorType === 3) {
        const index = sample(rows, start, first, depth);
        if (palette === null || index * 3 >= palette.length) throw new PngError('ERR_PNG_DATA', 'palette index out of range');
        out[o] = palette[index * 3] as number;
        out[o + 1] = palette[index * 3 + 1] as number;
        out[o + 2] = palette[index * 3 + 2] as number;
        out[o + 3] = trns instanceof Uint8Array && index < trns.length ? (trns[index] as number) : 255;
      } else if (colorType === 0 || colorType === 4) {
        const v = sample(rows, start, first, depth);
        const grey = to8(v, depth);
        out[o] = grey;
        out[o + 1] = grey;
        out[o + 2] = grey;
        out[o + 3] = colorType === 4 ? to8(sample(rows, start, first + 1, depth), depth) : trnsValues !== null && v === trnsValues[0] ? 0 : 255;
      } else {
        const r = sample(rows, start, first, depth);
        const g = sample(rows, start, first + 1, depth);
        const b = sample(rows, start, first + 2, depth);
        out[o] = to8(r, depth);
        out[o + 1] = to8(g, depth);
        out[o + 2] = to8(b, depth);
        out[o + 3] =
          colorType === 6
            ? to8(sample(rows, start, first + 3, depth), depth)
            : trnsValues !== null && r === trnsValues[0] && g === trnsValues[1] && b === trnsValues[2]
              ? 0
              : 255;
      }
    }
  }
}

/**
 * Decodes a PNG file to 8-bit RGBA.
 *
 * Security guidance: the size check happens before inflating, and inflating stops at the exact size
 * the header implies, so a small file cannot expand into a huge allocation. Every CRC and the zlib
 * checksum are verified; anything malformed is refused rather than partially decoded.
 *
 * @throws PngError with a stable code (`ERR_PNG_SIGNATURE`, `ERR_PNG_CHUNK`, `ERR_PNG_CRC`,
 * `ERR_PNG_HEADER`, `ERR_PNG_UNSUPPORTED`, `ERR_PNG_TOO_LARGE`, `ERR_PNG_DATA`).
 */
export async function decodePng(bytes: Uint8Array, { maxPixels }: DecodeOptions): Promise<RgbaImage> {
  const chunks = readChunks(bytes);
  const header = parseHeader(chunks[0] as PngChunk);
  if (header.width * header.height > maxPixels) throw new PngError('ERR_PNG_TOO_LARGE', 'image has more pixels than allowed');
  const unknownCritical = chunks.find((c) => /^[A-Z]/.test(c.type) && !['IHDR', 'PLTE', 'IDAT', 'IEND'].includes(c.type));
  if (unknownCritical !== undefined) throw new PngError('ERR_PNG_UNSUPPORTED', 'unknown critical chunk');
  const idats = chunks.map((c, i) => ({ c, i })).filter(({ c }) => c.type === 'IDAT');
  if (idats.length === 0) throw new PngError('ERR_PNG_CHUNK', 'no image data');
  if (idats.some(({ i }, n) => n > 0 && i !== (idats[n - 1] as { i: number }).i + 1)) throw new PngError('ERR_PNG_CHUNK', 'IDAT chunks must be consecutive');
  const colour = readColour(header, chunks);

  const bitsPerPixel = (CHANNELS[header.colorType] as number) * header.bitDepth;
  const bpp = Math.max(1, bitsPerPixel >>> 3);
  const passes = (header.interlaced ? ADAM7 : WHOLE).map((p) => {
    const pw = passSize(header.width, p.x0, p.dx);
    const ph = passSize(header.height, p.y0, p.dy);
    return { pass: p, pw, ph, stride: Math.ceil((pw * bitsPerPixel) / 8) };
  });
  const expected = passes.reduce((n, { pw, ph, stride }) => (pw === 0 || ph === 0 ? n : n + ph * (stride + 1)), 0);
  const raw = await inflate(concatBytes(idats.map(({ c }) => c.data)), expected);
  if (raw.length !== expected) throw new PngError('ERR_PNG_DATA', 'image data does not match the image size');

  const out = new Uint8Array(header.width * header.height * RGBA_BYTES);
  let offset = 0;
  for (const { pass, pw, ph, stride } of passes) {
    if (pw === 0 || ph === 0) continue;
    const rows = unfilter(raw, offset, ph, stride, bpp);
    offset += ph * (stride + 1);
    expandPass(header, colour, rows, stride, pass, pw, ph, out);
  }
  return { width: header.width, height: header.height, data: out };
}
