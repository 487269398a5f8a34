import { describe, expect, it } from 'vitest';
import { mp4Box, syntheticFragmentedMp4 } from './test-clip.js';
import { mp4Refusal } from './mp4.js';

describe('mp4Refusal', () => {
  it('takes a fragmented MP4 as a rendition and as an original', () => {
    const file = syntheticFragmentedMp4(4096);
    expect(mp4Refusal(file, true)).toBeNull();
    expect(mp4Refusal(file, false)).toBeNull();
  });
  it('refuses what does not start with ftyp', () => {
    expect(mp4Refusal(new TextEncoder().encode('GIF89a and more bytes than a box'), false)).toBe('not_mp4');
    expect(mp4Refusal(new Uint8Array(4), false)).toBe('not_mp4');
  });
  it('refuses a progressive MP4 (moov without mvex, or mdat first) as a rendition, not as an original', () => {
    const ftyp = mp4Box('ftyp', new TextEncoder().encode('isom\0\0\x02\0isomiso2'));
    const progressive = new Uint8Array([...ftyp, ...mp4Box('mdat', new Uint8Array(64)), ...mp4Box('moov', mp4Box('mvhd', new Uint8Array(100)))]);
    expect(mp4Refusal(progressive, true)).toBe('not_fragmented');
    expect(mp4Refusal(progressive, false)).toBeNull();
    const noMvex = new Uint8Array([...ftyp, ...mp4Box('moov', mp4Box('mvhd', new Uint8Array(100)))]);
    expect(mp4Refusal(noMvex, true)).toBe('not_fragmented');
  });
});
