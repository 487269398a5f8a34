/** Reading the `media` of an opened payload: the file is returned only when the payload is well formed. */
import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { DisclosureError } from './disclosure.js';
import { mediaItemOf } from './partner.js';

const file = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 1, 2, 3);
const media = { ref: 'media/case/C-1/1.jpg#blurred', rendition: 'blurred', content_type: 'image/png', bytes: file.length, data: base64url.encode(file) };

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    if (err instanceof DisclosureError) return err.code;
    throw err;
  }
  return 'no error';
}

describe('mediaItemOf', () => {
  it('returns the file and what it is', () => {
    expect(mediaItemOf({ media })).toEqual({ ref: media.ref, rendition: 'blurred', contentType: 'image/png', bytes: file });
  });

  it('passes on the working size of an original delivered as its copy, and adds nothing when there is none', () => {
    const original = { ...media, ref: 'media/case/C-1/1.jpg', rendition: 'original', content_type: 'image/jpeg' };
    expect(mediaItemOf({ media: { ...original, scaled: { width: 2000, height: 1500 } } })).toEqual({
      ref: original.ref,
      rendition: 'original',
      contentType: 'image/jpeg',
      bytes: file,
      scaled: { width: 2000, height: 1500 },
    });
    expect(mediaItemOf({ media: original })).not.toHaveProperty('scaled');
  });

  it('refuses a malformed working size, or one on a rendition other than the original', () => {
    for (const scaled of [null, 'big', {}, { width: 2000 }, { width: 0, height: 1500 }, { width: 20.5, height: 15 }, { width: '2000', height: 1500 }]) {
      expect(codeOf(() => mediaItemOf({ media: { ...media, rendition: 'original', scaled } }))).toBe('ERR_DISCLOSURE_MALFORMED');
    }
    expect(codeOf(() => mediaItemOf({ media: { ...media, scaled: { width: 2000, height: 1500 } } }))).toBe('ERR_DISCLOSURE_MALFORMED');
  });

  it('refuses a payload without media, with an unknown rendition or type, or whose size does not match', () => {
    for (const payload of [
      {},
      null,
      { records: [] },
      { media: { ...media, rendition: 'sharpened' } },
      { media: { ...media, content_type: 'image/svg+xml' } },
      { media: { ...media, bytes: file.length + 1 } },
      { media: { ...media, data: 42 } },
    ]) {
      expect(codeOf(() => mediaItemOf(payload))).toBe('ERR_DISCLOSURE_MALFORMED');
    }
  });
});
