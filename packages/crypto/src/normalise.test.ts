import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CryptoError } from './errors.js';
import { normaliseDate, normaliseName, normaliseNationalId, normalisePhone } from './normalise.js';

const KHMER_DIGITS = '០១២៣៤៥៦៧៨៩';
const toKhmer = (s: string) => s.replace(/[0-9]/g, (d) => KHMER_DIGITS[Number(d)] as string);

function invalid(fn: () => unknown): boolean {
  try {
    fn();
    return false;
  } catch (err) {
    if (err instanceof CryptoError && err.code === 'ERR_NORMALISE_INVALID') return true;
    throw err;
  }
}

/** f is idempotent on its accepted inputs, and rejects everything else with ERR_NORMALISE_INVALID. */
function idempotent(f: (s: string) => string, s: string): void {
  let once: string;
  try {
    once = f(s);
  } catch (err) {
    expect(err).toBeInstanceOf(CryptoError);
    expect((err as CryptoError).code).toBe('ERR_NORMALISE_INVALID');
    return;
  }
  expect(f(once)).toBe(once);
}

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: fc.constantFrom(...'0123456789 +-().០១២៣៤៥៦៧៨៩855'.split('')), maxLength: 20 }),
);

describe('normalisePhone', () => {
  it.each([
    ['012 345 678', '+85512345678'],
    ['012-345-678', '+85512345678'],
    ['+855 12 345 678', '+85512345678'],
    ['85512345678', '+85512345678'],
    ['(012) 345678', '+85512345678'],
    ['+855 (0)12 345 678', '+85512345678'],
    ['00855 12 345 678', '+85512345678'],
    ['012.345.678', '+85512345678'],
    ['០១២ ៣៤៥ ៦៧៨', '+85512345678'],
    ['097 123 4567', '+855971234567'],
    ['+855 97 123 4567', '+855971234567'],
    ['023 456 789', '+85523456789'],
    ['+85512345678', '+85512345678'],
  ])('%s → %s', (input, expected) => {
    expect(normalisePhone(input)).toBe(expected);
  });

  it.each([
    'not a number',
    '',
    '   ',
    '012 345 67',
    '012 345 67890',
    '12 345 678',
    '+66 81 234 5678',
    '+1 202 555 0100',
    '0012345678',
    '012 345 678 ext 9',
    '((012)) 345678',
    '(012 345678',
    '+855 00 12 345 678',
    '+855 12 345 678 9 0',
    '++85512345678',
    '012a345678',
  ])('rejects %j', (input) => {
    expect(invalid(() => normalisePhone(input))).toBe(true);
  });

  it('gives one result for every spelling of the same number', () => {
    const nsn = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: 7, maxLength: 8 }));
    fc.assert(
      fc.property(nsn, fc.integer({ min: 0, max: 7 }), fc.constantFrom(' ', '-', '.', ''), ([first, rest], style, sep) => {
        const n = `${first}${rest}`;
        const head = n.slice(0, 2);
        const tail = n.slice(2);
        const grouped = `${tail.slice(0, 3)}${sep}${tail.slice(3)}`;
        const spellings = [
          `0${head}${sep}${grouped}`,
          `+855${sep}${head}${sep}${grouped}`,
          `855${n}`,
          `(0${head}) ${tail}`,
          `+855 (0)${head} ${grouped}`,
          `00855${sep}${head}${sep}${grouped}`,
          toKhmer(`0${head} ${grouped}`),
          `  +${'855'}${n}  `,
        ];
        const expected = `+855${n}`;
        expect(normalisePhone(spellings[style] as string)).toBe(expected);
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(fc.property(anyText, (s) => idempotent(normalisePhone, s)));
  });
});

describe('normaliseNationalId', () => {
  it('keeps digits, drops single separators, maps Khmer digits', () => {
    expect(normaliseNationalId('010203040')).toBe('010203040');
    expect(normaliseNationalId(' 010 203 040 ')).toBe('010203040');
    expect(normaliseNationalId('010-203-040')).toBe('010203040');
    expect(normaliseNationalId('០១០២០៣០៤០')).toBe('010203040');
  });

  it.each(['', 'ID 010203040', '0102O3040', '010  203 040', '010--203040', '-010203040', '12345678', '1234567890123', '１２３４５６７８９'])(
    'rejects %j',
    (input) => {
      expect(invalid(() => normaliseNationalId(input))).toBe(true);
    },
  );

  it('is idempotent', () => {
    fc.assert(fc.property(anyText, (s) => idempotent(normaliseNationalId, s)));
  });
});

describe('normaliseName', () => {
  it('folds Latin case, collapses whitespace, trims', () => {
    expect(normaliseName('  SOK   Dara\t\n ')).toBe('sok dara');
    expect(normaliseName('Sok\u00a0Dara')).toBe('sok dara');
  });

  it('removes zero-width characters and composes to NFC', () => {
    expect(normaliseName('ស\u200bុ\u200cខ\u200d\ufeff')).toBe('សុខ');
    expect(normaliseName('Ngo\u0302')).toBe('ngô');
    expect(normaliseName('NGÔ')).toBe(normaliseName('ngo\u0302'));
    // Capital J + caron has no precomposed form, but lower-case ǰ does: compose after folding.
    expect(normaliseName('J\u030c')).toBe('\u01f0');
  });

  it('leaves Khmer otherwise unchanged, and only folds Latin letters', () => {
    expect(normaliseName('សុខ ដារា')).toBe('សុខ ដារា');
    expect(normaliseName('ΑΘΗΝΑ Sok')).toBe('ΑΘΗΝΑ sok');
  });

  it.each(['', '   ', '\u200b\u200b', 'sok\u0000dara', 'sok\u0085dara', 'sok\ud800'])('rejects %j', (input) => {
    expect(invalid(() => normaliseName(input))).toBe(true);
  });

  it('is idempotent, including on Khmer with zero-width characters', () => {
    const khmer = fc.string({ unit: fc.constantFrom(...'សុខដារាកខគឃងចឆជឈញ្ ់៉៊់ំះ\u200b\u200c\u200d\ufeff  '.split('')), maxLength: 20 });
    const latin = fc.string({ unit: fc.constantFrom(...'AaBbJjİıẞßǅǄ\u0301\u0302\u030cÔôÅ \t'.split('')), maxLength: 20 });
    fc.assert(fc.property(fc.oneof(anyText, khmer, latin, fc.string({ unit: 'grapheme', maxLength: 20 })), (s) => idempotent(normaliseName, s)));
  });
});

describe('normaliseDate', () => {
  it('accepts valid calendar dates as they are', () => {
    for (const d of ['1990-04-17', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31']) expect(normaliseDate(d)).toBe(d);
  });

  it.each([
    '2023-02-29',
    '1900-02-29',
    '2024-04-31',
    '2024-13-01',
    '2024-00-10',
    '2024-01-00',
    '0000-01-01',
    '2024-1-5',
    ' 2024-01-05',
    '2024-01-05T00:00',
    '20240105',
    '២០២៤-០១-០៥',
  ])('rejects %j', (input) => {
    expect(invalid(() => normaliseDate(input))).toBe(true);
  });

  it('agrees with the platform calendar and is idempotent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const date = new Date(0);
        date.setUTCFullYear(y, m - 1, d);
        const real = m >= 1 && m <= 12 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
        expect(!invalid(() => normaliseDate(s))).toBe(real);
        idempotent(normaliseDate, s);
      }),
    );
  });
});

describe('error messages', () => {
  it('never contain the rejected value', () => {
    const secretish = fc.string({ unit: fc.constantFrom(...'QXZqxz9876'.split('')), minLength: 6, maxLength: 12 });
    fc.assert(
      fc.property(secretish, (s) => {
        for (const f of [normalisePhone, normaliseNationalId, normaliseName, normaliseDate]) {
          try {
            f(`${s}!`);
          } catch (err) {
            expect((err as Error).message).not.toContain(s);
          }
        }
      }),
    );
  });

  it('throw TypeError for non-strings', () => {
    expect(() => normalisePhone(12345678 as unknown as string)).toThrow(TypeError);
    expect(() => normaliseName(null as unknown as string)).toThrow(TypeError);
  });
});
