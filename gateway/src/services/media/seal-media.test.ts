/** Sealed media chunks open only in their own slot, complete and in order. */
import { CryptoError, KeyRing } from '@need2know/crypto';
import { describe, expect, it } from 'vitest';
import { MEDIA_CHUNK_BYTES } from './limits.js';
import { sameBytes } from '@need2know/png/testing';
import { openMedia, sealMedia, type MediaSlot } from './seal-media.js';

const ring = new KeyRing(
  Uint8Array.from({ length: 32 }, (_, i) => 7 + i),
  { currentVersion: 1 },
);
const slot: MediaSlot = { owner: 'national-police', ref: 'media/case/C-1/1.png', rendition: 'original', contentType: 'image/png' };
const bytes = Uint8Array.from({ length: 2 * MEDIA_CHUNK_BYTES + 1234 }, (_, i) => (i * 31) & 0xff);

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    if (err instanceof CryptoError) return err.code;
    throw err;
  }
  return 'no error';
}

describe('sealMedia / openMedia', () => {
  it('splits into chunks under the cap and opens back to the same bytes', () => {
    const chunks = sealMedia(ring, slot, bytes);
    expect(chunks).toHaveLength(3);
    for (const c of chunks) expect(c.length).toBeLessThan(1_000_000);
    expect(sameBytes(openMedia(ring, slot, chunks), bytes)).toBe(true);
    expect(openMedia(ring, slot, sealMedia(ring, slot, new Uint8Array(0)))).toEqual(new Uint8Array(0));
  });

  it('refuses chunks reordered, dropped or moved to another slot', () => {
    const chunks = sealMedia(ring, slot, bytes);
    expect(codeOf(() => openMedia(ring, slot, [chunks[1] as string, chunks[0] as string, chunks[2] as string]))).toBe('ERR_ENVELOPE_AUTH');
    expect(codeOf(() => openMedia(ring, slot, chunks.slice(0, 2)))).toBe('ERR_ENVELOPE_AUTH');
    for (const other of [
      { ...slot, rendition: 'blurred' as const },
      { ...slot, ref: 'media/case/C-1/2.png' },
      { ...slot, owner: 'ministry-health' },
      { ...slot, contentType: 'image/jpeg' as const },
    ]) {
      expect(codeOf(() => openMedia(ring, other, chunks))).toBe('ERR_ENVELOPE_AUTH');
    }
  });

  it('cannot pass an original off as the blurred rendition', () => {
    const original = sealMedia(ring, slot, bytes.subarray(0, 100));
    expect(codeOf(() => openMedia(ring, { ...slot, rendition: 'blurred' }, original))).toBe('ERR_ENVELOPE_AUTH');
  });
});
