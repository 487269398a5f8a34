/**
 * What the gateway can check of a video without decoding it: that a file starts as an ISO base media
 * file (MP4: an `ftyp` box first, ISO/IEC 14496-12 §4.3) and, for a rendition a viewer streams, that
 * it is fragmented (a `moov` box holding an `mvex` box, §8.8.1, before the first media data), read
 * from the file's first chunk only. Pure.
 */

/** Why a file's first chunk is refused. */
export type Mp4Refusal = 'not_mp4' | 'not_fragmented';

/** One box header: its type, where its payload starts and where the box ends (Infinity: to the end of the file). */
interface BoxHeader {
  readonly type: string;
  readonly body: number;
  readonly end: number;
}

/** The box header at `at` in `bytes` (ISO/IEC 14496-12 §4.2: 32-bit size, or 1 then a 64-bit size, or 0 to the end), or null if it does not fit. */
function boxAt(bytes: Uint8Array, at: number): BoxHeader | null {
  if (at + 8 > bytes.length) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = view.getUint32(at);
  const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
  if (size === 1) {
    if (at + 16 > bytes.length) return null;
    const large = Number(view.getBigUint64(at + 8));
    return large < 16 ? null : { type, body: at + 16, end: at + large };
  }
  if (size === 0) return { type, body: at + 8, end: Number.POSITIVE_INFINITY };
  return size < 8 ? null : { type, body: at + 8, end: at + size };
}

/** Whether the box `box` (wholly inside `bytes`) holds a child box of type `type`. */
function holds(bytes: Uint8Array, box: BoxHeader, type: string): boolean {
  for (let at = box.body; at < box.end; ) {
    const child = boxAt(bytes, at);
    if (child === null || child.end > box.end) return false;
    if (child.type === type) return true;
    at = child.end;
  }
  return false;
}

/**
 * Null when `first` (a file's first chunk) starts an MP4 file, and, when `fragmented` is asked, one
 * whose `moov` (wholly inside the chunk) holds `mvex` before any `moof` or `mdat`; the refusal otherwise.
 *
 * @example mp4Refusal(new TextEncoder().encode('GIF89a…'), false) // 'not_mp4'
 */
export function mp4Refusal(first: Uint8Array, fragmented: boolean): Mp4Refusal | null {
  const ftyp = boxAt(first, 0);
  if (ftyp === null || ftyp.type !== 'ftyp' || ftyp.end > first.length || ftyp.end < 16) return 'not_mp4';
  if (!fragmented) return null;
  for (let at = ftyp.end; at < first.length; ) {
    const box = boxAt(first, at);
    if (box === null || box.type === 'moof' || box.type === 'mdat') return 'not_fragmented';
    if (box.type === 'moov') return box.end <= first.length && holds(first, box, 'mvex') ? null : 'not_fragmented';
    at = box.end;
  }
  return 'not_fragmented';
}
