import type { PngChunk } from './chunks.js';
import { PngError } from './errors.js';

/** What IHDR says (PNG spec §11.2.2). */
export interface PngHeader {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  /** 0 greyscale, 2 truecolour, 3 indexed, 4 greyscale + alpha, 6 truecolour + alpha. */
  readonly colorType: number;
  readonly interlaced: boolean;
}

/** Samples per pixel of each colour type. */
export const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Bit depths each colour type allows (PNG spec §11.2.2, Table 11.1). */
const DEPTHS: Readonly<Record<number, readonly number[]>> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

/** Largest width or height the format allows (PNG spec §11.2.2: 2^31 − 1). */
const MAX_DIMENSION = 0x7fffffff;

/**
 * Parses and checks IHDR: size, a legal colour type and bit depth pair, compression and filter
 * method 0, interlace 0 (none) or 1 (Adam7).
 *
 * @throws PngError `ERR_PNG_HEADER`.
 */
export function parseHeader(ihdr: PngChunk): PngHeader {
  const d = ihdr.data;
  if (ihdr.type !== 'IHDR' || d.length !== 13) throw new PngError('ERR_PNG_HEADER', 'IHDR must hold 13 bytes');
  const view = new DataView(d.buffer, d.byteOffset, d.byteLength);
  const width = view.getUint32(0);
  const height = view.getUint32(4);
  const [bitDepth, colorType, compression, filter, interlace] = [d[8], d[9], d[10], d[11], d[12]] as number[];
  if (width < 1 || height < 1 || width > MAX_DIMENSION || height > MAX_DIMENSION) throw new PngError('ERR_PNG_HEADER', 'image size out of range');
  if (!(DEPTHS[colorType as number] ?? []).includes(bitDepth as number)) throw new PngError('ERR_PNG_HEADER', 'invalid colour type and bit depth');
  if (compression !== 0 || filter !== 0 || (interlace !== 0 && interlace !== 1))
    throw new PngError('ERR_PNG_HEADER', 'unknown compression, filter or interlace method');
  return { width, height, bitDepth: bitDepth as number, colorType: colorType as number, interlaced: interlace === 1 };
}
