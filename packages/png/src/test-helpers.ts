/** Helpers shared by the PNG tests: base64 in and out, and hand-built files. Test-only. */
import { chunkBytes, PNG_SIGNATURE } from './chunks.js';
import { concatBytes, deflate } from './zlib.js';

export const fromBase64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/** A PNG file from raw chunk parts: IHDR fields, then the given chunks, then IEND. */
export function pngOf(
  ihdr: { width: number; height: number; bitDepth: number; colorType: number; interlace?: number },
  chunks: readonly (readonly [string, Uint8Array])[],
): Uint8Array {
  const head = new Uint8Array(13);
  const view = new DataView(head.buffer);
  view.setUint32(0, ihdr.width);
  view.setUint32(4, ihdr.height);
  head.set([ihdr.bitDepth, ihdr.colorType, 0, 0, ihdr.interlace ?? 0], 8);
  return concatBytes([PNG_SIGNATURE, chunkBytes('IHDR', head), ...chunks.map(([type, data]) => chunkBytes(type, data)), chunkBytes('IEND', new Uint8Array(0))]);
}

/** IDAT data for unfiltered rows (filter type 0 before each). */
export async function idatOf(rows: readonly (readonly number[])[]): Promise<Uint8Array> {
  return deflate(Uint8Array.from(rows.flatMap((r) => [0, ...r])));
}

/** Chunk types of a PNG file, in order. */
export function chunkTypes(png: Uint8Array): string[] {
  const types: string[] = [];
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  for (let at = 8; at < png.length; at += 12 + view.getUint32(at)) types.push(String.fromCharCode(...png.subarray(at + 4, at + 8)));
  return types;
}

/** True when two byte arrays hold the same bytes. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
