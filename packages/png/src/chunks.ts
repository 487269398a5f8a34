/**
 * The chunk layer of PNG (PNG spec §5): signature, then chunks of length, type, data and CRC-32.
 * Reading is strict: every CRC is checked, IHDR comes first, IEND last, nothing follows it.
 */
import { crc32 } from './crc32.js';
import { PngError } from './errors.js';
import { concatBytes } from './zlib.js';

/** The eight bytes every PNG starts with (PNG spec §5.2). */
export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** Largest chunk length the format allows (PNG spec §5.3: 2^31 − 1). */
const MAX_CHUNK_LENGTH = 0x7fffffff;

/** One chunk: its four-letter type and its data (a view into the file). */
export interface PngChunk {
  readonly type: string;
  readonly data: Uint8Array;
}

const u32 = (b: Uint8Array, at: number) =>
  (((b[at] as number) << 24) | ((b[at + 1] as number) << 16) | ((b[at + 2] as number) << 8) | (b[at + 3] as number)) >>> 0;
const typeName = (b: Uint8Array) => String.fromCharCode(...b);

/** True when `bytes` starts with the PNG signature. */
export function hasPngSignature(bytes: Uint8Array): boolean {
  return bytes.length >= PNG_SIGNATURE.length && PNG_SIGNATURE.every((v, i) => bytes[i] === v);
}

/**
 * The chunks of a PNG file, in order, each CRC-checked.
 *
 * @throws PngError `ERR_PNG_SIGNATURE`, `ERR_PNG_CHUNK` (truncated, misplaced IHDR or IEND, bytes
 * after IEND, a bad type name) or `ERR_PNG_CRC`.
 */
export function readChunks(bytes: Uint8Array): PngChunk[] {
  if (!hasPngSignature(bytes)) throw new PngError('ERR_PNG_SIGNATURE', 'not a PNG file');
  const chunks: PngChunk[] = [];
  let at = PNG_SIGNATURE.length;
  while (at < bytes.length) {
    if (bytes.length - at < 12) throw new PngError('ERR_PNG_CHUNK', 'truncated chunk');
    const length = u32(bytes, at);
    if (length > MAX_CHUNK_LENGTH || bytes.length - at - 12 < length) throw new PngError('ERR_PNG_CHUNK', 'truncated chunk');
    const typeBytes = bytes.subarray(at + 4, at + 8);
    // Chunk types are four ASCII letters (PNG spec §5.4).
    if (!typeBytes.every((c) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))) throw new PngError('ERR_PNG_CHUNK', 'invalid chunk type');
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (crc32([typeBytes, data]) !== u32(bytes, at + 8 + length)) throw new PngError('ERR_PNG_CRC', 'chunk CRC mismatch');
    const type = typeName(typeBytes);
    if ((chunks.length === 0) !== (type === 'IHDR')) throw new PngError('ERR_PNG_CHUNK', 'IHDR must come first, once');
    chunks.push({ type, data });
    at += 12 + length;
    if (type === 'IEND') break;
  }
  if (chunks.at(-1)?.type !== 'IEND') throw new PngError('ERR_PNG_CHUNK', 'missing IEND');
  if (at !== bytes.length) throw new PngError('ERR_PNG_CHUNK', 'data after IEND');
  return chunks;
}

/** One chunk serialised: length, type, data, CRC-32. */
export function chunkBytes(type: string, data: Uint8Array): Uint8Array {
  const typeBytes = new TextEncoder().encode(type);
  if (typeBytes.length !== 4) throw new TypeError('chunk type must be four letters');
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(typeBytes, 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32([typeBytes, data]));
  return out;
}

/** A PNG file from its chunks (signature first). */
export function pngFromChunks(chunks: readonly PngChunk[]): Uint8Array {
  return concatBytes([PNG_SIGNATURE, ...chunks.map((c) => chunkBytes(c.type, c.data))]);
}

/**
 * Chunks kept when a PNG is stored: the image itself and what changes how it looks (transparency,
 * colour space, gamma, significant bits, background, pixel size). Text (`tEXt`, `zTXt`, `iTXt`),
 * `eXIf` (camera, time, GPS position), `tIME`, animation frames and private chunks are dropped.
 */
const KEPT_CHUNKS = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'bKGD', 'pHYs']);

/**
 * The PNG without its metadata: only {@link KEPT_CHUNKS}, in their order, so the picture is the
 * same and nothing about where, when or with what it was taken travels with it.
 *
 * @throws PngError as {@link readChunks}.
 */
export function stripPngMetadata(bytes: Uint8Array): Uint8Array {
  return pngFromChunks(readChunks(bytes).filter((c) => KEPT_CHUNKS.has(c.type)));
}
