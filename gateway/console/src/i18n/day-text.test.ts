import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDay } from '@need2know/zoned-time';
import { addDays, formatDay } from './day-text.js';

describe('a calendar day as written in the console’s language', () => {
  it('is written day-month-year: the short month name in English, Khmer digits and month name in Khmer', () => {
    expect(formatDay('2026-11-23', 'en')).toBe('23 Nov 2026');
    expect(formatDay('2026-03-01', 'km')).toBe('១ មីនា ២០២៦');
    expect(formatDay('2026-11-23', 'km')).toBe('២៣ វិច្ឆិកា ២០២៦');
  });

  // What an officer types is read by @need2know/zoned-time's readDay, tested there.
  it('reads back every day it writes, in both languages', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom('en', 'km' as const),
        (date, lang) => {
          const iso = date.toISOString().slice(0, 10);
          expect(readDay(formatDay(iso, lang as 'en' | 'km'))).toEqual({ kind: 'day', iso });
        },
      ),
    );
  });

  it('steps a day at a time across months and years', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });
});
