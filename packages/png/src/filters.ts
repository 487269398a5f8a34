/**
 * PNG scanline filters (PNG spec §9): each row is stored as a filter-type byte followed by the row's
 * bytes predicted from their left (`a`), upper (`b`) and upper-left (`c`) neighbours at the same
 * byte position of the previous pixel (`bpp` bytes back, at least 1).
 */
import { PngError } from './errors.js';

/** Filter types, PNG spec §9.2. */
export const FILTER = { none: 0, sub: 1, up: 2, average: 3, paeth: 4 } as const;

/** The Paeth predictor (PNG spec §9.4): whichever of a, b, c is closest to a + b − c, ties in that order. */
export function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/**
 * Undoes the filters of `rows` scanlines of `stride` bytes each, read from `data` at `offset` (each
 * row preceded by its filter-type byte). Returns the unfiltered rows, back to back.
 *
 * @throws PngError `ERR_PNG_DATA` for an unknown filter type or too little data.
 */
export function unfilter(data: Uint8Array, offset: number, rows: number, stride: number, bpp: number): Uint8Array {
  if (data.length - offset < rows * (stride + 1)) throw new PngError('ERR_PNG_DATA', 'image data is shorter than the image');
  const out = new Uint8Array(rows * stride);
  for (let y = 0; y < rows; y++) {
    const type = data[offset + y * (stride + 1)];
    const src = offset + y * (stride + 1) + 1;
    const row = y * stride;
    const up = row - stride; // only read when y > 0
    // One loop per filter type: the hot path of decoding, kept free of per-byte branches.
    switch (type) {
      case FILTER.none:
        out.set(data.subarray(src, src + stride), row);
        break;
      case FILTER.sub:
        for (let i = 0; i < stride; i++) out[row + i] = ((data[src + i] as number) + (i >= bpp ? (out[row + i - bpp] as number) : 0)) & 0xff;
        break;
      case FILTER.up:
        if (y === 0) out.set(data.subarray(src, src + stride), row);
        else for (let i = 0; i < stride; i++) out[row + i] = ((data[src + i] as number) + (out[up + i] as number)) & 0xff;
        break;
      case FILTER.average:
        for (let i = 0; i < stride; i++) {
          const a = i >= bpp ? (out[row + i - bpp] as number) : 0;
          const b = y > 0 ? (out[up + i] as number) : 0;
          out[row + i] = ((data[src + i] as number) + ((a + b) >>> 1)) & 0xff;
        }
        break;
      case FILTER.paeth:
        for (let i = 0; i < stride; i++) {
          const a = i >= bpp ? (out[row + i - bpp] as number) : 0;
          const b = y > 0 ? (out[up + i] as number) : 0;
          const c = i >= bpp && y > 0 ? (out[up + i - bpp] as number) : 0;
          out[row + i] = ((data[src + i] as number) + paeth(a, b, c)) & 0xff;
        }
        break;
      default:
        throw new PngError('ERR_PNG_DATA', 'unknown scanline filter type');
    }
  }
  return out;
}

/** The predictor of filter `type` for byte `i` of row `y` (0 for None). */
function predict(pixels: Uint8Array, row: number, up: number, i: number, y: number, bpp: number, type: number): number {
  const a = i >= bpp ? (pixels[row + i - bpp] as number) : 0;
  if (type === FILTER.sub) return a;
  const b = y > 0 ? (pixels[up + i] as number) : 0;
  if (type === FILTER.up) return b;
  if (type === FILTER.average) return (a + b) >>> 1;
  return paeth(a, b, i >= bpp && y > 0 ? (pixels[up + i - bpp] as number) : 0);
}

/**
 * Filters every row of `pixels` with the type that minimises the sum of absolute residuals (as
 * signed bytes), the heuristic the PNG spec suggests (§12.8); returns rows with their type bytes.
 */
export function filterRows(pixels: Uint8Array, rows: number, stride: number, bpp: number): Uint8Array {
  const out = new Uint8Array(rows * (stride + 1));
  for (let y = 0; y < rows; y++) {
    const row = y * stride;
    const up = row - stride;
    let best: number = FILTER.none;
    let bestCost = Infinity;
    for (let type = FILTER.none; type <= FILTER.paeth; type++) {
      let cost = 0;
      for (let i = 0; i < stride && cost < bestCost; i++) {
        const v = ((pixels[row + i] as number) - (type === FILTER.none ? 0 : predict(pixels, row, up, i, y, bpp, type))) & 0xff;
        cost += v < 128 ? v : 256 - v;
      }
      if (cost < bestCost) {
        bestCost = cost;
        best = type;
      }
    }
    const at = y * (stride + 1);
    out[at] = best;
    for (let i = 0; i < stride; i++)
      out[at + 1 + i] = ((pixels[row + i] as number) - (best === FILTER.none ? 0 : predict(pixels, row, up, i, y, bpp, best))) & 0xff;
  }
  return out;
}
