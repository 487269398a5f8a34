/**
 * The MIME type with codecs of an encoded rendition, as Media Source Extensions take it, read from
 * the stream itself: the `avcC` box (ISO/IEC 14496-15 §5.3.3.1) holds the profile, the constraint
 * flags and the level the encoder wrote. Pure.
 */

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

/** Reads a big-endian 32-bit box size at `at`. */
function u32(bytes: Uint8Array, at: number): number {
  return (((bytes[at] as number) << 24) | ((bytes[at + 1] as number) << 16) | ((bytes[at + 2] as number) << 8) | (bytes[at + 3] as number)) >>> 0;
}

/**
 * `video/mp4; codecs="avc1.PPCCLL"` for an H.264 MP4 (RFC 6381 §3.3): PP the profile, CC the
 * constraint flags, LL the level, each two hex digits taken from the first `avcC` box.
 *
 * @example mp4VideoMime(renditionBytes) // 'video/mp4; codecs="avc1.64001f"' (High profile, level 3.1)
 * @throws Error when the bytes hold no `avcC` box (not an H.264 MP4).
 */
export function mp4VideoMime(mp4: Uint8Array): string {
  // The box type sits 4 bytes after its size; its payload starts with configurationVersion (1).
  for (let at = 4; at + 8 <= mp4.length; at++) {
    if (mp4[at] !== 0x61 || mp4[at + 1] !== 0x76 || mp4[at + 2] !== 0x63 || mp4[at + 3] !== 0x43) continue; // "avcC"
    const size = u32(mp4, at - 4);
    if (size < 15 || at - 4 + size > mp4.length || mp4[at + 4] !== 1) continue;
    const [profile, constraints, level] = [mp4[at + 5] as number, mp4[at + 6] as number, mp4[at + 7] as number];
    return `video/mp4; codecs="avc1.${hex2(profile)}${hex2(constraints)}${hex2(level)}"`;
  }
  throw new Error('no avcC box: not an H.264 MP4');
}
