import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { translate } from './i18n/lang.js';
import { receivedPhoto } from './received-photo.js';

/** A file's bytes, as the gateway seals them: base64url, with their count. */
const file = (bytes: number[]) => ({ bytes: bytes.length, data: base64url.encode(new Uint8Array(bytes)) });
const REF = 'media/case/e2e-0301/phone.jpg';
const JPEG = { ref: REF, content_type: 'image/jpeg', ...file([0xff, 0xd8, 0xfb, 0xff, 0xbf, 0x01, 0x02]) };

describe('a photo the gateway sealed to the viewer', () => {
  it('carries `scaled` through: an original too large to send whole came as its copy at the working size', () => {
    // What a reveal of a 12-megapixel phone photo opens to (the gateway's sealRevealedTo).
    expect(receivedPhoto({ ...JPEG, rendition: 'original', scaled: { width: 2000, height: 1500 } }, REF)).toEqual({
      // Standard base64 for the data URL: the `_` of base64url (`_9j7_78BAg`) become `/`, padded.
      data_url: 'data:image/jpeg;base64,/9j7/78BAg==',
      rendition: 'original',
      scaled: { width: 2000, height: 1500 },
    });
  });

  it('says null where the file is as stored: a small original, or a rendition', () => {
    expect(receivedPhoto({ ...JPEG, rendition: 'original' }, REF)?.scaled).toBeNull();
    expect(receivedPhoto({ ...JPEG, rendition: 'redacted' }, REF)).toMatchObject({ rendition: 'redacted', scaled: null });
    expect(receivedPhoto({ ...JPEG, content_type: 'image/png', rendition: 'blurred' }, REF)).toMatchObject({ rendition: 'blurred', scaled: null });
  });

  it('refuses a `scaled` that is not a picture size, or that is not on an original', () => {
    for (const scaled of [
      null,
      'big',
      {},
      { width: 2000 },
      { width: 0, height: 1500 },
      { width: -2, height: 3 },
      { width: 20.5, height: 15 },
      { width: '2000', height: 1500 },
    ])
      expect(receivedPhoto({ ...JPEG, rendition: 'original', scaled }, REF), JSON.stringify(scaled)).toBeNull();
    expect(receivedPhoto({ ...JPEG, rendition: 'redacted', scaled: { width: 2000, height: 1500 } }, REF)).toBeNull();
  });

  it('refuses another photo than the one asked for', () => {
    expect(receivedPhoto({ ...JPEG, rendition: 'original' }, 'media/case/e2e-0301/other.jpg')).toBeNull();
    expect(receivedPhoto({ ...JPEG, rendition: 'original' }, `${REF}#redacted`)).toBeNull();
  });

  it('refuses what is not a picture of the size announced', () => {
    for (const bad of [
      undefined,
      null,
      'a picture',
      { ...JPEG, rendition: 'original', content_type: 'text/html' },
      { ...JPEG, rendition: 'original', content_type: 'image/svg+xml' },
      { ...JPEG, rendition: 'original', bytes: 6 },
      { ...JPEG, rendition: 'thumbnail' },
      { ...JPEG, rendition: 'original', data: 42 },
      { rendition: 'original', content_type: 'image/jpeg', ...file([1]) },
    ])
      expect(receivedPhoto(bad, REF), JSON.stringify(bad)).toBeNull();
  });
});

describe('the note beside a reduced copy', () => {
  it('gives the copy’s size in either language, in Khmer digits in Khmer', () => {
    expect(translate('en', 'photoScaled', { width: 2048, height: 1536 })).toBe(
      'Reduced copy, shown at 2048 × 1536 pixels: the original is too large to send whole.',
    );
    const km = translate('km', 'photoScaled', { width: 2048, height: 1536 });
    expect(km).toContain('២០៤៨ × ១៥៣៦');
    expect(km).not.toMatch(/[0-9]/);
  });
});
