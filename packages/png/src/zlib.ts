import { PngError } from './errors.js';

/** Concatenates byte arrays. */
export function concatBytes(parts: readonly Uint8Array[], total = parts.reduce((n, p) => n + p.length, 0)): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** `data` as a Blob part: the gateway's byte arrays are never backed by shared memory (DOM typings insist). */
const asBlobPart = (data: Uint8Array) => data as Uint8Array<ArrayBuffer>;

/**
 * Compresses `data` as a zlib stream (RFC 1950, the format of PNG image data) with the runtime's
 * `CompressionStream` (workerd and Node alike; no dependency).
 */
export async function deflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([asBlobPart(data)]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Inflates a zlib stream, refusing to produce more than `maxBytes` (a decompression bomb stops at
 * the cap instead of filling memory). The stream's Adler-32 checksum is verified by the runtime.
 *
 * @throws PngError `ERR_PNG_DATA` for a corrupt stream, `ERR_PNG_TOO_LARGE` past the cap.
 */
export async function inflate(data: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const reader = new Blob([asBlobPart(data)]).stream().pipeThrough(new DecompressionStream('deflate')).getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) throw new PngError('ERR_PNG_TOO_LARGE', 'image data inflates past its declared size');
      parts.push(value);
    }
  } catch (err) {
    await reader.cancel().catch(() => undefined);
    if (err instanceof PngError) throw err;
    throw new PngError('ERR_PNG_DATA', 'image data is not a valid zlib stream');
  }
  return concatBytes(parts, total);
}
