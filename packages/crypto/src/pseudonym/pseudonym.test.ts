import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PSEUDONYM_BYTES } from '../constants.js';
import { KeyRing } from '../key-ring.js';
import { hkdfSha256 } from '../lib/hkdf.js';
import { keyedHmacSha256 } from '../lib/hmac.js';
import { blindIndex } from '../search/blind-index.js';
import { pseudonym } from './pseudonym.js';

const ROOT = Uint8Array.from({ length: 32 }, (_, i) => i);
const ring = new KeyRing(ROOT, { currentVersion: 1 });
const health = { agency: 'ministry-health', recordType: 'person', field: 'phone' };

const te = new TextEncoder();
/** lengthPrefixed() written out by hand from ENVELOPE.md. */
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
function fromB64url(s: string): Uint8Array {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

describe('pseudonym', () => {
  it('matches ENVELOPE.md: key and message rebuilt by hand', () => {
    const key = hkdfSha256(ROOT, te.encode('need2know/crypto/v1/hkdf-salt'), lp('need2know/crypto/v1', 'pseudonym', 'ministry-health'), 32);
    const tag = keyedHmacSha256(key)(lp('person', 'phone', '+85512345678')).subarray(0, PSEUDONYM_BYTES);
    const p = pseudonym(ring, health, '+85512345678');
    expect(p.startsWith('psn_')).toBe(true);
    expect(fromB64url(p.slice(4))).toEqual(tag);
  });

  it('is pinned: partners keep pseudonyms, so the derivation must never drift', () => {
    expect(pseudonym(ring, health, '+85512345678')).toBe('psn_JhdKNsJpoQYr9X-xRn9rfg');
  });

  it('is deterministic, psn_ plus 22 base64url characters', () => {
    const p = pseudonym(ring, health, '+85512345678');
    expect(pseudonym(ring, health, '+85512345678')).toBe(p);
    expect(p).toMatch(/^psn_[A-Za-z0-9_-]{22}$/);
  });

  it('differs per agency, record type, field, value and root', () => {
    const p = pseudonym(ring, health, '+85512345678');
    const others = [
      pseudonym(ring, { ...health, agency: 'ministry-interior' }, '+85512345678'),
      pseudonym(ring, { ...health, recordType: 'health_case' }, '+85512345678'),
      pseudonym(ring, { ...health, field: 'contacts.phone' }, '+85512345678'),
      pseudonym(ring, health, '+85512345679'),
      pseudonym(new KeyRing(new Uint8Array(32).fill(7), { currentVersion: 1 }), health, '+85512345678'),
    ];
    expect(new Set([p, ...others]).size).toBe(others.length + 1);
  });

  it('does not move with key rotation or the index version', () => {
    const p = pseudonym(ring, health, '+85512345678');
    expect(pseudonym(new KeyRing(ROOT, { currentVersion: 5, oldestVersion: 3, indexVersion: 2 }), health, '+85512345678')).toBe(p);
  });

  it('is keyed apart from blind indexes of the same value', () => {
    const tag = blindIndex(ring, { recordType: 'person', search: 'phone' }, ['+85512345678']);
    expect(pseudonym(ring, health, '+85512345678').slice(4, 4 + tag.length)).not.toBe(tag);
  });

  it('encodes the scope unambiguously (no boundary can be forged)', () => {
    const tags = [
      pseudonym(ring, { agency: 'a', recordType: 'person', field: 'name' }, 'x'),
      pseudonym(ring, { agency: 'a', recordType: 'personname', field: 'x' }, 'x'),
      pseudonym(ring, { agency: 'a', recordType: 'person', field: 'namex' }, 'x'),
      pseudonym(ring, { agency: 'a', recordType: 'person', field: 'nam' }, 'ex'),
    ];
    expect(new Set(tags).size).toBe(tags.length);
  });

  it('throws TypeError on misuse, naming the argument and never the value', () => {
    expect(() => pseudonym(ring, { ...health, agency: '' }, 'x')).toThrow(TypeError);
    expect(() => pseudonym(ring, { ...health, field: '' }, 'x')).toThrow(TypeError);
    expect(() => pseudonym(ring, health, '')).toThrow(TypeError);
    expect(() => pseudonym(ring, health, 'Sok\ud800')).toThrow(/value/);
    expect(() => pseudonym(ring, health, 'x'.repeat(4097))).toThrow(TypeError);
    expect(() => pseudonym(ring, null as never, 'x')).toThrow(TypeError);
    expect(() => pseudonym({} as KeyRing, health, 'x')).toThrow(TypeError);
    try {
      pseudonym(ring, health, 'Sok Dara\ud800');
    } catch (err) {
      expect(String(err)).not.toContain('Sok');
    }
  });
});

describe('pseudonym properties', () => {
  it('distinct values never share a pseudonym within one scope', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }), { minLength: 2, maxLength: 200 }), (values) => {
        const tags = values.map((v) => pseudonym(ring, health, v));
        expect(new Set(tags).size).toBe(values.length);
      }),
      { numRuns: 200 },
    );
  });

  it('is stable for one agency and different across agencies', () => {
    const agency = fc.stringMatching(/^[a-z][a-z0-9-]{0,30}$/);
    fc.assert(
      fc.property(agency, agency, fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }), (a, b, value) => {
        fc.pre(a !== b);
        const p = pseudonym(ring, { ...health, agency: a }, value);
        expect(pseudonym(ring, { ...health, agency: a }, value)).toBe(p);
        expect(pseudonym(ring, { ...health, agency: b }, value)).not.toBe(p);
      }),
      { numRuns: 500 },
    );
  });
});
