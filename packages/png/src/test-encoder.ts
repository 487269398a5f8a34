/**
 * Writes PNG files for the decoder's tests: 8-bit RGB or RGBA, each scanline with a chosen filter
 * type, the image data split over several IDAT chunks. Independent of the reader: filters are
 * applied here as the PNG specification defines them (§9.2), not by inverting the reader's code.
 */
import { crc32, deflateSync } from 'node:zlib';
import { PNG_SIGNATURE } from './chunks.js';

/** What to write. */
export interface PngToWrite {
  readonly width: number;
  readonly height: number;
  /** RGBA pixels; alpha is dropped for an RGB file. */
  readonly rgba: Uint8Array | Uint8ClampedArray;
  readonly colour: 'rgb' | 'rgba';
  /** Filter type (0–4) for row y; default: cycle through all five. */
  readonly filterFor?: (y: number) => number;
  /** Bytes per IDAT chunk (default 1,000, so most images span several). */
  readonly idatSize?: number;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function predict(filter: number, a: number, b: number, c: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return a;
    case 2:
      return b;
    case 3:
      return Math.floor((a + b) / 2);
    case 4: {
      const p = a + b - c;
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
      return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
    default:
      throw new RangeError(`filter type ${filter}`);
  }
}

/** The PNG file for `image`. */
export function encodeTestPng(image: PngToWrite): Buffer {
  const { width, height, rgba, colour } = image;
  const channels = colour === 'rgba' ? 4 : 3;
  const stride = width * channels;
  const lines: number[][] = [];
  for (let y = 0; y < height; y++) {
    const line: number[] = [];
    for (let x = 0; x < width; x++) for (let ch = 0; ch < channels; ch++) line.push(rgba[(y * width + x) * 4 + ch] as number);
    lines.push(line);
  }
  const raw = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const filter = image.filterFor?.(y) ?? y % 5;
    raw[y * (stride + 1)] = filter;
    const line = lines[y] as number[];
    const prior = y === 0 ? null : (lines[y - 1] as number[]);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? (line[i - channels] as number) : 0;
      const b = prior === null ? 0 : (prior[i] as number);
      const c = prior === null || i < channels ? 0 : (prior[i - channels] as number);
      raw[y * (stride + 1) + 1 + i] = ((line[i] as number) - predict(filter, a, b, c)) & 0xff;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, colour === 'rgba' ? 6 : 2, 0, 0, 0], 8);
  const data = deflateSync(raw);
  const size = image.idatSize ?? 1000;
  const idats: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) idats.push(chunk('IDAT', data.subarray(i, i + size)));
  return Buffer.concat([
    Buffer.from(PNG_SIGNATURE),
    chunk('IHDR', ihdr),
    chunk('tEXt', Buffer.from('Comment\0synthetic test image', 'latin1')),
    ...idats,
    chunk('IEND', new Uint8Array(0)),
  ]);
}
