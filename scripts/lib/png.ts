/**
 * A small PNG reader for the command line: 8-bit RGB or RGBA, not interlaced — what Chromium and the
 * usual screenshot tools write. Anything else is refused with a message that says how to convert it.
 * Structure per the PNG specification (W3C, third edition): signature, chunks with CRC-32, IHDR,
 * IDAT stream (zlib), scanlines each with one of five filter types (§7.3, §9).
 */
import { crc32, inflateSync } from 'node:zlib';

/** Decoded pixels, 4 bytes (R, G, B, A) each, row by row. */
export interface DecodedPng {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8ClampedArray;
}

/** A PNG this reader cannot or will not decode, with the reason. */
export class PngError extends Error {
  override readonly name = 'PngError';
}

/** The 8 bytes every PNG file starts with. */
export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/**
 * The largest image this reader inflates, in pixels: a screenshot of an 8K display is 33 M. Larger
 * files are refused before their data is inflated, so a small crafted file cannot claim gigabytes.
 */
export const MAX_PNG_PIXELS = 50_000_000;

const COLOUR_RGB = 2;
const COLOUR_RGBA = 6;

/** True when `bytes` begins with the PNG signature. */
export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= PNG_SIGNATURE.length && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** Decodes an 8-bit RGB or RGBA, non-interlaced PNG to RGBA. Throws `PngError` for anything else or any damage. */
export function decodePng(bytes: Uint8Array): DecodedPng {
  if (!isPng(bytes)) throw new PngError('not a PNG file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = PNG_SIGNATURE.length;
  let header: { width: number; height: number; colourType: number } | null = null;
  const idat: Uint8Array[] = [];
  for (;;) {
    if (pos + 12 > bytes.length) throw new PngError('truncated: no IEND chunk');
    const length = view.getUint32(pos);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    if (pos + 12 + length > bytes.length) throw new PngError(`truncated ${type} chunk`);
    const data = bytes.subarray(pos + 8, pos + 8 + length);
    if (crc32(bytes.subarray(pos + 4, pos + 8 + length)) !== view.getUint32(pos + 8 + length)) throw new PngError(`${type} chunk fails its CRC`);
    pos += 12 + length;
    if (header === null && type !== 'IHDR') throw new PngError('IHDR must come first');
    if (type === 'IHDR') header = readHeader(data);
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    // Ancillary chunks (gamma, colour profile, text, physical size…) do not change the pixels' bytes.
    else if (((type.charCodeAt(0) as number) & 0x20) === 0 && type !== 'PLTE') throw new PngError(`unknown critical chunk ${type}`);
  }
  if (header === null) throw new PngError('no IHDR chunk');
  if (idat.length === 0) throw new PngError('no image data');
  const channels = header.colourType === COLOUR_RGBA ? 4 : 3;
  const stride = header.width * channels;
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(idat), { maxOutputLength: (stride + 1) * header.height + 1 });
  } catch {
    throw new PngError('image data does not inflate (damaged, or larger than its header says)');
  }
  if (raw.length !== (stride + 1) * header.height) throw new PngError('image data is not the size its header says');
  return { width: header.width, height: header.height, rgba: toRgba(unfilter(raw, header.height, stride, channels), header.width * header.height, channels) };
}

function readHeader(data: Uint8Array): { width: number; height: number; colourType: number } {
  if (data.length !== 13) throw new PngError('IHDR is not 13 bytes');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const width = view.getUint32(0);
  const height = view.getUint32(4);
  const depth = view.getUint8(8);
  const colourType = view.getUint8(9);
  const compression = view.getUint8(10);
  const filter = view.getUint8(11);
  const interlace = view.getUint8(12);
  if (width === 0 || height === 0) throw new PngError('image has no pixels');
  if (width * height > MAX_PNG_PIXELS) throw new PngError(`image is larger than ${MAX_PNG_PIXELS} pixels`);
  if (compression !== 0 || filter !== 0) throw new PngError('unknown compression or filter method');
  if (depth !== 8 || (colourType !== COLOUR_RGB && colourType !== COLOUR_RGBA) || interlace !== 0) {
    throw new PngError(`only 8-bit RGB or RGBA, non-interlaced PNGs are read (this one: ${depth}-bit, colour type ${colourType}${interlace === 0 ? '' : ', interlaced'}); convert it first, e.g. convert in.png -depth 8 -interlace none PNG32:out.png`);
  }
  return { width, height, colourType };
}

/** Reverses the per-scanline filters in place (§9.2) and returns the bare scanlines. */
function unfilter(raw: Buffer, height: number, stride: number, bpp: number): Uint8Array {
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] as number;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const o = y * stride;
    const prior = y === 0 ? null : o - stride;
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? (out[o + i - bpp] as number) : 0;
      const b = prior === null ? 0 : (out[prior + i] as number);
      const c = prior === null || i < bpp ? 0 : (out[prior + i - bpp] as number);
      const x = line[i] as number;
      switch (filter) {
        case 0:
          out[o + i] = x;
          break;
        case 1:
          out[o + i] = x + a;
          break;
        case 2:
          out[o + i] = x + b;
          break;
        case 3:
          out[o + i] = x + ((a + b) >> 1);
          break;
        case 4:
          out[o + i] = x + paeth(a, b, c);
          break;
        default:
          throw new PngError(`unknown filter type ${filter} on row ${y}`);
      }
    }
  }
  return out;
}

/** The Paeth predictor (§9.4): whichever of left, up and upper-left is closest to left + up − upper-left. */
function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function toRgba(pixels: Uint8Array, count: number, channels: number): Uint8ClampedArray {
  if (channels === 4) return new Uint8ClampedArray(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  const rgba = new Uint8ClampedArray(count * 4);
  for (let i = 0; i < count; i++) {
    rgba[i * 4] = pixels[i * 3] as number;
    rgba[i * 4 + 1] = pixels[i * 3 + 1] as number;
    rgba[i * 4 + 2] = pixels[i * 3 + 2] as number;
    rgba[i * 4 + 3] = 255;
  }
  return rgba;
}
