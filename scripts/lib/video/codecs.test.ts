import { describe, expect, it } from 'vitest';
import { mp4VideoMime } from './codecs.js';

/** A box: 32-bit size, 4-character type, payload. */
function box(type: string, payload: number[]): number[] {
  const size = 8 + payload.length;
  return [(size >>> 24) & 255, (size >>> 16) & 255, (size >>> 8) & 255, size & 255, ...[...type].map((c) => c.charCodeAt(0)), ...payload];
}

describe('the codecs string of an H.264 MP4', () => {
  it('reads profile, constraint flags and level from the avcC box (RFC 6381 §3.3)', () => {
    // configurationVersion 1, High (100 = 0x64), no constraints, level 3.1 (31 = 0x1f), then lengthSizeMinusOne and the parameter sets.
    const avcC = box('avcC', [1, 0x64, 0x00, 0x1f, 0xff, 0xe1, 0, 0]);
    expect(mp4VideoMime(new Uint8Array([...box('ftyp', [0x69, 0x73, 0x6f, 0x6d]), ...box('stsd', avcC)]))).toBe('video/mp4; codecs="avc1.64001f"');
    // Constrained Baseline (66 = 0x42, constraint_set0 and set1: 0xc0), level 3.0.
    expect(mp4VideoMime(new Uint8Array(box('avcC', [1, 0x42, 0xc0, 0x1e, 0xff, 0xe1, 0, 0])))).toBe('video/mp4; codecs="avc1.42c01e"');
  });

  it('refuses bytes without an avcC box, or with a damaged one', () => {
    expect(() => mp4VideoMime(new Uint8Array(box('ftyp', [0x69, 0x73, 0x6f, 0x6d])))).toThrow(/avcC/);
    expect(() => mp4VideoMime(new Uint8Array(box('avcC', [2, 0x64, 0, 0x1f, 0xff, 0xe1, 0, 0])))).toThrow(/avcC/);
    expect(() => mp4VideoMime(new Uint8Array(box('avcC', [1, 0x64, 0, 0x1f]).slice(0, 10)))).toThrow(/avcC/);
  });
});
