/**
 * Published test vectors, run through the exact primitives this package uses: noble's AEADs, and
 * the HKDF and HMAC wrappers that the key ring and blind index call.
 */
import { chacha20poly1305, xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { describe, expect, it } from 'vitest';
import { hkdfExpand, hkdfExtract, hkdfSha256 } from './hkdf.js';
import { keyedHmacSha256 } from './hmac.js';

function hex(s: string): Uint8Array {
  const clean = s.replace(/\s+/g, '');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}
function toHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
function range(from: number, to: number): Uint8Array {
  return Uint8Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
const ascii = (s: string) => new TextEncoder().encode(s);

const SUNSCREEN = ascii("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.");

describe('XChaCha20-Poly1305, draft-irtf-cfrg-xchacha-03 §A.3.1', () => {
  const key = range(0x80, 0x9f);
  const nonce = range(0x40, 0x57);
  const aad = hex('50515253c0c1c2c3c4c5c6c7');
  const sealed = hex(`
    bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb
    731c7f1b0b4aa6440bf3a82f4eda7e39ae64c6708c54c216cb96b72e1213b452
    2f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff9
    21f9664c97637da9768812f615c68b13b52e
    c0875924c1c7987947deafd8780acf49`);

  it('encrypts to the published ciphertext ‖ tag', () => {
    expect(toHex(xchacha20poly1305(key, nonce, aad).encrypt(SUNSCREEN))).toBe(toHex(sealed));
  });

  it('decrypts it, and refuses it under other additional data', () => {
    expect(xchacha20poly1305(key, nonce, aad).decrypt(sealed)).toEqual(SUNSCREEN);
    expect(() => xchacha20poly1305(key, nonce, hex('50515253c0c1c2c3c4c5c6c8')).decrypt(sealed)).toThrow();
  });
});

describe('ChaCha20-Poly1305, RFC 8439 §2.8.2', () => {
  const key = range(0x80, 0x9f);
  const nonce = hex('070000004041424344454647');
  const aad = hex('50515253c0c1c2c3c4c5c6c7');
  const ciphertext = hex(`
    d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6
    3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36
    92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc
    3ff4def08e4b7a9de576d26586cec64b6116`);
  const tag = hex('1ae10b594f09e26a7e902ecbd0600691');

  it('encrypts to the published ciphertext and tag', () => {
    const out = chacha20poly1305(key, nonce, aad).encrypt(SUNSCREEN);
    expect(toHex(out.subarray(0, -16))).toBe(toHex(ciphertext));
    expect(toHex(out.subarray(-16))).toBe(toHex(tag));
  });
});

describe('HKDF-SHA256, RFC 5869 Appendix A', () => {
  const cases = [
    {
      name: 'A.1 basic test case',
      ikm: new Uint8Array(22).fill(0x0b),
      salt: range(0x00, 0x0c),
      info: range(0xf0, 0xf9),
      length: 42,
      prk: '077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5',
      okm: '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
    },
    {
      name: 'A.2 longer inputs and outputs',
      ikm: range(0x00, 0x4f),
      salt: range(0x60, 0xaf),
      info: range(0xb0, 0xff),
      length: 82,
      prk: '06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244',
      okm:
        'b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09' +
        'da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87',
    },
    {
      name: 'A.3 zero-length salt and info',
      ikm: new Uint8Array(22).fill(0x0b),
      salt: new Uint8Array(0),
      info: new Uint8Array(0),
      length: 42,
      prk: '19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04',
      okm: '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8',
    },
  ];

  for (const c of cases) {
    it(`${c.name}: Extract gives the PRK, Expand the OKM`, () => {
      const prk = hkdfExtract(c.ikm, c.salt);
      expect(toHex(prk)).toBe(c.prk);
      expect(toHex(hkdfExpand(prk, c.info, c.length))).toBe(c.okm);
      expect(toHex(hkdfSha256(c.ikm, c.salt, c.info, c.length))).toBe(c.okm);
    });
  }
});

describe('HMAC-SHA256, RFC 4231 §4', () => {
  it('§4.2 test case 1', () => {
    const mac = keyedHmacSha256(new Uint8Array(20).fill(0x0b));
    expect(toHex(mac(ascii('Hi There')))).toBe('b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7');
  });

  it('§4.3 test case 2, twice through the same prepared key (the clone must not carry state over)', () => {
    const mac = keyedHmacSha256(ascii('Jefe'));
    const expected = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
    expect(toHex(mac(ascii('what do ya want for nothing?')))).toBe(expected);
    expect(toHex(mac(ascii('what do ya want for nothing?')))).toBe(expected);
  });
});
