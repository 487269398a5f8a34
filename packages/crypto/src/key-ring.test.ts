import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { describe, expect, it } from 'vitest';
import { openFieldText } from './field/open-text.js';
import { sealField } from './field/seal.js';
import { KeyRing } from './key-ring.js';
import { hkdfSha256 } from './lib/hkdf.js';
import { keyedHmacSha256 } from './lib/hmac.js';
import { blindIndex } from './search/blind-index.js';
import { unwrapSecret } from './secret/unwrap.js';

const ROOT = Uint8Array.from({ length: 32 }, (_, i) => i);
const ctx = { owner: 'police', recordType: 'person', recordId: 'P-000001', field: 'phone', fieldClass: 'contact' };

// Pinned outputs under ROOT with currentVersion 3. If these stop opening, data already at rest
// would stop opening too: change the format version instead of the derivation.
const GOLDEN_FIELD = 'n2kf1.3.F7u3-CVl30ZxIRcWq_7iCLXLONl-3xWUy5NDUi_aMxIj2RllcOnGFspAP540GrvQhJ8RXQ';
const GOLDEN_WRAP = 'n2kw1.3.YtJWzlfe6PeyG2laLJQ6ypBnIIOEC-qcnVfK2GvYWDFzetdcg098TQI3vaYWztpZmsfRIQqAFgP2pQM';

const te = new TextEncoder();
/** lengthPrefixed() written out by hand from ENVELOPE.md, to check the code against the document. */
function lp(...items: (string | Uint8Array)[]): Uint8Array {
  const parts = items.map((x) => (typeof x === 'string' ? te.encode(x) : x));
  const out = new Uint8Array(parts.reduce((n, p) => n + 4 + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set([p.length >>> 24, (p.length >>> 16) & 255, (p.length >>> 8) & 255, p.length & 255], at);
    out.set(p, at + 4);
    at += 4 + p.length;
  }
  return out;
}
const u32 = (n: number) => Uint8Array.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
const SALT = te.encode('need2know/crypto/v1/hkdf-salt');
function fromB64url(s: string): Uint8Array {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

describe('KeyRing', () => {
  it('opens the pinned envelopes (derivation and formats are stable)', () => {
    const ring = new KeyRing(ROOT, { currentVersion: 3 });
    expect(openFieldText(ring, ctx, GOLDEN_FIELD)).toBe('+85512345678');
    expect(new TextDecoder().decode(unwrapSecret(ring, 'signing_key', GOLDEN_WRAP, 'kid:2026-01'))).toBe('gateway signing key');
    expect(blindIndex(ring, { recordType: 'person', search: 'phone' }, ['+85512345678'])).toBe('1zDoaQ');
  });

  it('matches ENVELOPE.md: field key, AD and payload layout rebuilt by hand', () => {
    const key = hkdfSha256(ROOT, SALT, lp('need2know/crypto/v1', 'field-seal', 'contact', u32(3)), 32);
    const ad = lp('n2kf1', u32(3), 'police', 'person', 'P-000001', 'phone', 'contact');
    const payload = fromB64url(GOLDEN_FIELD.slice('n2kf1.3.'.length));
    const plain = xchacha20poly1305(key, payload.subarray(0, 24), ad).decrypt(payload.subarray(24));
    expect(new TextDecoder().decode(plain)).toBe('+85512345678');
  });

  it('matches ENVELOPE.md: wrap key and AD rebuilt by hand', () => {
    const key = hkdfSha256(ROOT, SALT, lp('need2know/crypto/v1', 'secret-wrap', 'signing_key', u32(3)), 32);
    const ad = lp('n2kw1', u32(3), 'signing_key', Uint8Array.of(1, ...te.encode('kid:2026-01')));
    const payload = fromB64url(GOLDEN_WRAP.slice('n2kw1.3.'.length));
    const plain = xchacha20poly1305(key, payload.subarray(0, 24), ad).decrypt(payload.subarray(24));
    expect(new TextDecoder().decode(plain)).toBe('gateway signing key');
  });

  it('matches BLIND-INDEX.md: index key and message rebuilt by hand', () => {
    const key = hkdfSha256(ROOT, SALT, lp('need2know/crypto/v1', 'blind-index', 'person', 'name_dob', u32(1)), 32);
    const tag = keyedHmacSha256(key)(lp('sok dara', '1990-04-17')).subarray(0, 4);
    const ring = new KeyRing(ROOT, { currentVersion: 1 });
    expect(fromB64url(blindIndex(ring, { recordType: 'person', search: 'name_dob' }, ['sok dara', '1990-04-17']))).toEqual(tag);
  });

  it('derives different keys per field class and per version', () => {
    const v1 = new KeyRing(ROOT, { currentVersion: 1 });
    const v2 = new KeyRing(ROOT, { currentVersion: 2 });
    const e1 = sealField(v1, ctx, 'x');
    const e2 = sealField(v2, ctx, 'x');
    // Relabelling the version keeps AD consistent only if the keys were equal; they are not.
    const relabelled = `n2kf1.2.${e1.slice('n2kf1.1.'.length)}`;
    expect(() => openFieldText(v2, ctx, relabelled)).toThrow(expect.objectContaining({ code: 'ERR_ENVELOPE_AUTH' }));
    expect(openFieldText(v2, ctx, e2)).toBe('x');
  });

  it('builds from a base64url Worker secret', () => {
    const secret = KeyRing.generateSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(KeyRing.generateSecret()).not.toBe(secret);
    const ring = KeyRing.fromBase64url(secret, { currentVersion: 4 });
    expect(ring.currentVersion).toBe(4);
    expect(ring.oldestVersion).toBe(1);
    expect(ring.indexVersion).toBe(1);
    // The test secret the gateway's vitest config uses (37 bytes).
    expect(() => KeyRing.fromBase64url('dGVzdC1yb290LXNlY3JldC1vbmx5LWZvci12aXRlc3QtcnVucw', { currentVersion: 1 })).not.toThrow();
  });

  it('throws TypeError on misuse, without echoing the secret', () => {
    const short = 'c2hvcnQtc2VjcmV0'; // 12 bytes
    expect(() => KeyRing.fromBase64url(short, { currentVersion: 1 })).toThrow(TypeError);
    try {
      KeyRing.fromBase64url(short, { currentVersion: 1 });
    } catch (err) {
      expect(String(err)).not.toContain(short);
    }
    expect(() => new KeyRing(new Uint8Array(31), { currentVersion: 1 })).toThrow(TypeError);
    expect(() => KeyRing.fromBase64url(`${KeyRing.generateSecret()}=`, { currentVersion: 1 })).toThrow(TypeError);
    expect(() => KeyRing.fromBase64url('a+b/'.repeat(11), { currentVersion: 1 })).toThrow(TypeError);
    for (const currentVersion of [0, -1, 1.5, Number.NaN, 2 ** 32]) {
      expect(() => new KeyRing(ROOT, { currentVersion })).toThrow(TypeError);
    }
    expect(() => new KeyRing(ROOT, { currentVersion: 2, oldestVersion: 3 })).toThrow(TypeError);
    expect(() => new KeyRing(ROOT, { currentVersion: 1, indexVersion: 0 })).toThrow(TypeError);
  });

  it('shows no key material when printed or serialised', () => {
    const ring = new KeyRing(ROOT, { currentVersion: 2, indexVersion: 3 });
    expect(JSON.parse(JSON.stringify(ring))).toEqual({ currentVersion: 2, oldestVersion: 1, indexVersion: 3 });
    expect(Object.isFrozen(ring)).toBe(true);
  });

  it('accepts exactly the versions from oldest to current', () => {
    const ring = new KeyRing(ROOT, { currentVersion: 5, oldestVersion: 3 });
    expect([1, 2, 3, 4, 5, 6].map((v) => ring.acceptsVersion(v))).toEqual([false, false, true, true, true, false]);
  });
});
