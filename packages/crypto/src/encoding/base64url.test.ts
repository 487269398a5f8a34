import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64url, encodeBase64url } from './base64url.js';

const te = new TextEncoder();

describe('base64url', () => {
  it('encodes the RFC 4648 §10 vectors (unpadded, URL alphabet)', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg'],
      ['fo', 'Zm8'],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg'],
      ['fooba', 'Zm9vYmE'],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(encodeBase64url(te.encode(plain))).toBe(encoded);
      expect(decodeBase64url(encoded)).toEqual(te.encode(plain));
    }
    expect(encodeBase64url(Uint8Array.of(0xfb, 0xff, 0xbf))).toBe('-_-_');
  });

  it('round-trips any bytes, and agrees with the platform codec', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const encoded = encodeBase64url(bytes);
        expect(decodeBase64url(encoded)).toEqual(bytes);
        const platform = btoa(String.fromCharCode(...bytes))
          .replace(/\+/g, '-')
          .replace(/\//g, '_')
          .replace(/=+$/, '');
        expect(encoded).toBe(platform);
      }),
    );
  });

  it('decodes only canonical strings: one spelling per byte string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 40 }), (s) => {
        const bytes = decodeBase64url(s);
        if (bytes !== undefined) expect(encodeBase64url(bytes)).toBe(s);
      }),
    );
    for (const bad of ['Zg==', 'Zh', 'Zm9', 'Z', 'Zm9v ', 'Zm+v', 'Zm/v', 'Zm9\u00e9', 'Zm9\u0100']) {
      expect(decodeBase64url(bad)).toBeUndefined();
    }
  });
});
