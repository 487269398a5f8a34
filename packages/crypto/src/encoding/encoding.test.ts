import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from './base64.js';
import { decodeHex, encodeHex } from './hex.js';

const te = new TextEncoder();

describe('base64 (RFC 4648 §4, padded)', () => {
  it('encodes the RFC 4648 §10 vectors', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [text, b64] of vectors) {
      expect(encodeBase64(te.encode(text))).toBe(b64);
      expect(decodeBase64(b64)).toEqual(te.encode(text));
    }
  });

  it('refuses what is not canonical: no padding, the URL alphabet, non-zero pad bits, whitespace', () => {
    for (const s of ['Zg', 'Zm8', '-_8=', 'Zh==', 'Zm9=', 'Zm9v ', 'Z===']) expect(decodeBase64(s)).toBeUndefined();
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        expect(decodeBase64(encodeBase64(b))).toEqual(b);
      }),
    );
  });
});

describe('hex (RFC 4648 §8)', () => {
  it('encodes the RFC 4648 §10 vectors in lower case and reads either case', () => {
    expect(encodeHex(te.encode('foobar'))).toBe('666f6f626172');
    expect(decodeHex('666F6F626172')).toEqual(te.encode('foobar'));
    expect(encodeHex(new Uint8Array([0, 15, 255]))).toBe('000fff');
  });

  it('refuses odd lengths and other characters', () => {
    for (const s of ['0', 'abc', 'zz', '0x00', ' 00']) expect(decodeHex(s)).toBeUndefined();
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        expect(decodeHex(encodeHex(b))).toEqual(b);
      }),
    );
  });
});
