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
    for (let i = 0; i < stride; i++) {
      const x = data[src + i] as number;
      const a = i >= bpp ? (out[row + i - bpp] as number) : 0;
      const b = y > 0 ? (out[up + i] as number) : 0;
      let v: number;
      switch (type) {
        case FILTER.none:
          v = x;
          break;
        case FILTER.sub:
          v = x + a;
          break;
        case FILTER.up:
          v = x + b;
          break;
        case FILTER.average:
          v = x + ((a + b) >>> 1);
          break;
        case FILTER.paeth:
          v = x + paeth(a, b, i >= bpp && y > 0 ? (out[up + i - bpp] as number) : 0);
          break;
        default:
          throw new PngError('ERR_PNG_DATA', 'unknown scanline filter type');
      }
      out[row + i] = v & 0xff;
    }
  }
  return out;
}

/** Row `y` of `pixels` filtered with `type` into `out` at `at` (type byte first). */
function filterRow(pixels: Uint8Array, y: number, stride: number, bpp: number, type: number, out: Uint8Array, at: number): void {
  const row = y * stride;
  const up = row - stride;
  out[at] = type;
  for (let i = 0; i < stride; i++) {
    const x = pixels[row + i] as number;
    const a = i >= bpp ? (pixels[row + i - bpp] as number) : 0;
    const b = y > 0 ? (pixels[up + i] as number) : 0;
    const c = i >= bpp && y > 0 ? (pixels[up + i - bpp] as number) : 0;
    let p = 0;
    if (type === FILTER.sub) p = a;
    else if (type === FILTER.up) p = b;
    else if (type === FILTER.average) p = (a + b) >>> 1;
    else if (type === FILTER.paeth) p = paeth(a, b, c);
    out[at + 1 + i] = (x - p) & 0xff;
  }
}

/**
 * Filters every row of `pixels` with the type that minimises the sum of absolute residuals (as
 * signed bytes), the heuristic the PNG spec suggests (§12.8); returns rows with their type bytes.
 */
export function filterRows(pixels: Uint8Array, rows: number, stride: number, bpp: number): Uint8Array {
  const out = new Uint8Array(rows * (stride + 1));
  const trial = new Uint8Array(stride + 1);
  for (let y = 0; y < rows; y++) {
    let best: number = FILTER.none;
    let bestCost = Infinity;
    for (let type = FILTER.none; type <= FILTER.paeth; type++) {
      filterRow(pixels, y, stride, bpp, type, trial, 0);
      let cost = 0;
      for (let i = 1; i <= stride && cost < bestCost; i++) {
        const v = trial[i] as number;
        cost += v < 128 ? v : 256 - v;
      }
      if (cost < bestCost) {
        bestCost = cost;
        best = type;
      }
    }
    filterRow(pixels, y, stride, bpp, best, out, y * (stride + 1));
  }
  return out;
}
