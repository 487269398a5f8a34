import { RECORD_TYPES } from '@need2know/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discloseMasked, maskName, maskNationalId, maskPhone, maskString } from './mask.js';

const health = RECORD_TYPES['health_case']!;
const person = RECORD_TYPES['person']!;
const field = (def: typeof person, name: string) => def.fields[name]!;

describe('maskPhone', () => {
  it('keeps the country code and the last three digits, grouped as written', () => {
    expect(maskPhone('+85512345412')).toBe('+855 ** *** 412');
  });

  it('gives 8- and 9-digit numbers the same shape (the mask does not reveal the range)', () => {
    expect(maskPhone('+855971234567')).toBe('+855 ** *** 567');
  });

  it('refuses anything but a validated E.164 Cambodian number', () => {
    for (const bad of ['012345678', '+8551234567', '+85501234567', '+4412345678', '']) expect(() => maskPhone(bad)).toThrow(TypeError);
  });

  it('never shows more than three national digits', () => {
    const phone = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.stringMatching(/^\d{7,8}$/)).map(([a, rest]) => `+855${a}${rest}`);
    fc.assert(
      fc.property(phone, (p) => {
        const national = maskPhone(p).replace(/^\+855/, '');
        expect(national.replace(/\D/g, '')).toHaveLength(3);
        expect(national.endsWith(p.slice(-3))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('maskNationalId', () => {
  it('keeps the last three digits behind six stars', () => {
    expect(maskNationalId('012345678')).toBe('******678');
  });

  it('refuses what is not a normalised ID', () => {
    expect(() => maskNationalId('012 345 678')).toThrow(TypeError);
  });
});

describe('maskName', () => {
  it.each([
    ['Sok Chanthy', 'S** C******'],
    ['Chan Dara', 'C*** D***'],
    ['Sok', 'S**'],
    ['  Keo   Sopheap ', 'K** S******'],
    ['Lê Văn', 'L* V**'],
  ])('Latin %s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it.each([
    ['សុខ ចន្ធី', 'សុ* ច*'], // សុ|ខ, ច|ន្ធី
    ['កែវ សុភាព', 'កែ* សុ**'], // កែ|វ, សុ|ភា|ព
    ['ស្រីពៅ', 'ស្រី*'], // a subscript consonant stays with its base: ស្រី|ពៅ
    ['ចន្ធី សុខ', 'ច* សុ*'], // ច|ន្ធី: never ច* plus a dangling subscript
    ['សុខ\u200bដារា', 'សុ* ដា*'], // zero-width space separates words; ដា|រា
  ])('Khmer %s → %s (first grapheme cluster of each word)', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('never shows more than the first grapheme cluster of any word', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }).filter((w) => !/[\s\u200b]/u.test(w)),
          { minLength: 1, maxLength: 4 },
        ),
        (words) => {
          const masked = maskName(words.join(' '));
          expect(masked.replace(/[ *]/g, '').length).toBeLessThanOrEqual(words.join('').length);
          for (const w of masked.split(' ')) expect(w.slice(1).replace(/^[^*]*/, '')).toMatch(/^\**$/);
        },
      ),
    );
  });
});

describe('maskString', () => {
  it('keeps the first character and stars the rest, at most eight stars', () => {
    expect(maskString('PP-2026-000123')).toBe('P********');
    expect(maskString('K-17')).toBe('K***');
    expect(maskString('ភ្នំពេញ')).toBe('ភ្នំ**'); // ភ្នំ|ពេ|ញ
    expect(maskString('')).toBe('');
  });
});

describe('discloseMasked', () => {
  it('masks by kind: phone, national ID, names, other strings', () => {
    expect(discloseMasked('phone', field(person, 'phone'), '+85512345412')).toBe('+855 ** *** 412');
    expect(discloseMasked('national_id', field(person, 'national_id'), '012345678')).toBe('******678');
    expect(discloseMasked('name_latin', field(person, 'name_latin'), 'Sok Chanthy')).toBe('S** C******');
    expect(discloseMasked('name_km', field(person, 'name_km'), 'សុខ ចន្ធី')).toBe('សុ* ច*');
    const caseNumber = RECORD_TYPES['case']!.fields['case_number']!;
    expect(discloseMasked('case_number', caseNumber, 'PP-2026-000123')).toBe('P********');
    const officer = RECORD_TYPES['officer_discipline']!;
    expect(discloseMasked('officer_name_latin', officer.fields['officer_name_latin']!, 'Chan Dara')).toBe('C*** D***');
  });

  it('masks each item of a list', () => {
    const contacts = [
      { name_latin: 'Sok Dara', phone: '+85512345678' },
      { name_latin: 'Keo Sophea', phone: '+855971234567' },
    ];
    expect(discloseMasked('contacts', field(health, 'contacts'), contacts)).toEqual([
      { name_latin: 'S** D***', phone: '+855 ** *** 678' },
      { name_latin: 'K** S*****', phone: '+855 ** *** 567' },
    ]);
  });

  it('drops list members the list does not declare', () => {
    expect(discloseMasked('contacts', field(health, 'contacts'), [{ name_latin: 'Sok', phone: '+85512345678', note: 'x' }])).toEqual([
      { name_latin: 'S**', phone: '+855 ** *** 678' },
    ]);
  });

  it('leaves absent values out and refuses kinds it cannot mask', () => {
    expect(discloseMasked('phone', field(person, 'phone'), undefined)).toBeUndefined();
    expect(() => discloseMasked('sex', field(person, 'sex'), 'F')).toThrow(TypeError);
    expect(() => discloseMasked('phone', field(person, 'phone'), 12345678)).toThrow(TypeError);
  });

  it('errors never carry the value', () => {
    expect(() => maskPhone('+44 7700 900123')).toThrow(expect.not.objectContaining({ message: expect.stringContaining('7700') }));
  });
});
