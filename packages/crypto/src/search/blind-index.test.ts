import { describe, expect, it } from 'vitest';
import { BLIND_INDEX_BYTES } from '../constants.js';
import { KeyRing } from '../key-ring.js';
import { normaliseDate, normaliseName, normalisePhone } from '../normalise.js';
import { blindIndex } from './blind-index.js';

const ROOT = Uint8Array.from({ length: 32 }, (_, i) => 200 + (i % 50));
const ring = new KeyRing(ROOT, { currentVersion: 1 });
const phone = { recordType: 'person', search: 'phone' };

describe('blindIndex', () => {
  it('is deterministic and BLIND_INDEX_BYTES long', () => {
    const a = blindIndex(ring, phone, ['+85512345678']);
    expect(blindIndex(ring, phone, ['+85512345678'])).toBe(a);
    expect(a).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(a.length).toBe(Math.ceil((BLIND_INDEX_BYTES * 8) / 6));
    expect(blindIndex(ring, phone, ['+85512345679'])).not.toBe(a);
  });

  it('does not move with the field key version, only with the index version', () => {
    const a = blindIndex(ring, phone, ['+85512345678']);
    expect(blindIndex(new KeyRing(ROOT, { currentVersion: 9 }), phone, ['+85512345678'])).toBe(a);
    expect(blindIndex(new KeyRing(ROOT, { currentVersion: 1, indexVersion: 2 }), phone, ['+85512345678'])).not.toBe(a);
  });

  it('differs per record type, per search and per key', () => {
    const a = blindIndex(ring, phone, ['+85512345678']);
    expect(blindIndex(ring, { recordType: 'health_case', search: 'phone' }, ['+85512345678'])).not.toBe(a);
    expect(blindIndex(ring, { recordType: 'person', search: 'contact_phone' }, ['+85512345678'])).not.toBe(a);
    expect(blindIndex(new KeyRing(new Uint8Array(32).fill(1), { currentVersion: 1 }), phone, ['+85512345678'])).not.toBe(a);
  });

  it('encodes value lists unambiguously', () => {
    const s = { recordType: 'person', search: 'name_dob' };
    const tags = [
      blindIndex(ring, s, ['sok dara', '1990-04-17']),
      blindIndex(ring, s, ['sok dara1990-04-17']),
      blindIndex(ring, s, ['sok', 'dara', '1990-04-17']),
      blindIndex(ring, s, ['1990-04-17', 'sok dara']),
    ];
    expect(new Set(tags).size).toBe(tags.length);
  });

  it('matches differently written inputs once they are normalised', () => {
    const formats = ['012 345 678', '012-345-678', '+855 12 345 678', '85512345678', '(012) 345678', '០១២ ៣៤៥ ៦៧៨'];
    const tags = new Set(formats.map((f) => blindIndex(ring, phone, [normalisePhone(f)])));
    expect(tags.size).toBe(1);
    const s = { recordType: 'person', search: 'name_dob' };
    expect(blindIndex(ring, s, [normaliseName('  SOK\u200b   Dara '), normaliseDate('1990-04-17')])).toBe(
      blindIndex(ring, s, [normaliseName('sok dara'), normaliseDate('1990-04-17')]),
    );
    expect(blindIndex(ring, phone, ['012 345 678'])).not.toBe(blindIndex(ring, phone, [normalisePhone('012 345 678')]));
  });

  it('throws TypeError on misuse', () => {
    expect(() => blindIndex(ring, phone, [])).toThrow(TypeError);
    expect(() => blindIndex(ring, phone, [''])).toThrow(TypeError);
    expect(() => blindIndex(ring, phone, ['a\ud800'])).toThrow(TypeError);
    expect(() => blindIndex(ring, { recordType: '', search: 'phone' }, ['x'])).toThrow(TypeError);
    expect(() =>
      blindIndex(
        ring,
        phone,
        Array.from({ length: 9 }, () => 'x'),
      ),
    ).toThrow(TypeError);
  });
});
