import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeBase64url } from '../encoding/base64url.js';
import { isWellFormed, lengthPrefixed, u32be, utf8Strict } from './bytes.js';

const te = new TextEncoder();
/** Any UTF-16 code units, including unpaired surrogates. */
const codeUnits = (maxLength: number) => fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength });

describe('utf8Strict', () => {
  it('matches TextEncoder on well-formed strings, short and long', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'binary', minLength: 60, maxLength: 200 })), (s) => {
        expect(utf8Strict(s)).toEqual(te.encode(s));
      }),
    );
    expect(utf8Strict('a\u00e9\u17a0\u{1f600}')).toEqual(Uint8Array.of(0x61, 0xc3, 0xa9, 0xe1, 0x9e, 0xa0, 0xf0, 0x9f, 0x98, 0x80));
  });

  it('refuses exactly the strings with an unpaired surrogate', () => {
    fc.assert(
      fc.property(fc.oneof(codeUnits(20), codeUnits(200)), (s) => {
        const lone = /\p{Cs}/u.test(s);
        expect(isWellFormed(s)).toBe(!lone);
        if (lone) expect(utf8Strict(s)).toBeUndefined();
        else expect(utf8Strict(s)).toEqual(te.encode(s));
      }),
    );
    for (const s of ['\ud800', '\udc00', '\udc00\udc00', 'a\ud800b', '\udc00\ud800', `${'x'.repeat(100)}\ud83d`]) expect(utf8Strict(s)).toBeUndefined();
  });
});

describe('u32be', () => {
  it('writes big-endian', () => {
    expect(u32be(0x01020304)).toEqual(Uint8Array.of(1, 2, 3, 4));
    expect(u32be(0xffffffff)).toEqual(Uint8Array.of(255, 255, 255, 255));
  });
});

describe('lengthPrefixed', () => {
  it('is injective over sequences of any length', () => {
    const seq = fc.array(fc.uint8Array({ maxLength: 6 }), { maxLength: 4 });
    fc.assert(
      fc.property(seq, seq, (a, b) => {
        const same = a.length === b.length && a.every((x, i) => encodeBase64url(x) === encodeBase64url(b[i] as Uint8Array));
        expect(encodeBase64url(lengthPrefixed(a)) === encodeBase64url(lengthPrefixed(b))).toBe(same);
      }),
    );
  });
});
