import { readBounded } from './read-bounded.js';

/** `bytes` compressed with gzip (the platform's CompressionStream, in Workers and Node alike). */
export async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  // A copy: Blob takes views of a plain ArrayBuffer only.
  const stream = new Blob([bytes.slice()]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * `bytes` decompressed, refusing to inflate beyond `maxBytes` (a stored value that would is damaged
 * or not ours: it is not read further).
 *
 * @throws RangeError past `maxBytes`; TypeError when `bytes` is not gzip.
 */
export async function gunzip(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const out = await readBounded(new Blob([bytes.slice()]).stream().pipeThrough(new DecompressionStream('gzip')), maxBytes);
  if (out === null) throw new RangeError(`decompressed data exceeds ${maxBytes} bytes`);
  return out;
}
