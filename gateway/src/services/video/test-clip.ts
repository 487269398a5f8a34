/**
 * Synthetic video files for tests of the gateway's video routes, which run in workerd and cannot run
 * ffmpeg: bytes with the box structure of a fragmented MP4 (`ftyp`, `moov` with `mvex`, then
 * `moof`/`mdat` pairs of filler), which is all the gateway reads of a video. Not playable; the
 * end-to-end test plays a real clip made with ffmpeg.
 */

/** An MP4 box of `type` around `payload` (32-bit size). */
export function mp4Box(type: string, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + payload.length);
  new DataView(out.buffer).setUint32(0, out.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(payload, 8);
  return out;
}

/** A file of exactly `bytes` bytes (at least 256) shaped like a fragmented MP4; `seed` varies the filler. */
export function syntheticFragmentedMp4(bytes: number, seed = 1): Uint8Array {
  const head = [
    mp4Box('ftyp', new TextEncoder().encode('iso5\0\0\x02\0iso5iso6mp41')),
    mp4Box('moov', new Uint8Array([...mp4Box('mvhd', new Uint8Array(100)), ...mp4Box('mvex', mp4Box('trex', new Uint8Array(24)))])),
  ];
  const out = new Uint8Array(bytes);
  let at = 0;
  for (const box of head) {
    out.set(box, at);
    at += box.length;
  }
  // One moof and one mdat filling the rest (the mdat's size says where the file ends).
  const moof = mp4Box('moof', new Uint8Array(16));
  out.set(moof, at);
  at += moof.length;
  if (bytes - at < 8) throw new TypeError('too small for a synthetic clip');
  new DataView(out.buffer).setUint32(at, bytes - at);
  out.set(new TextEncoder().encode('mdat'), at + 4);
  let x = seed * 2654435761;
  for (let i = at + 8; i < bytes; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}
