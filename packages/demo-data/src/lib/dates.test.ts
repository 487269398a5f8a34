import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, fromDay, longDate, toDay } from './dates.js';

describe('day numbers', () => {
  it('agree with Date for any day from 1900 to 2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: toDay('1900-01-01'), max: toDay('2100-12-31') }), (day) => {
        expect(fromDay(day)).toBe(new Date(day * 86400000).toISOString().slice(0, 10));
        expect(toDay(fromDay(day))).toBe(day);
      }),
    );
  });

  it('formats and measures ages', () => {
    expect(toDay('1970-01-01')).toBe(0);
    expect(longDate('2025-03-04')).toBe('4 March 2025');
    expect(ageOn('2008-06-30', '2026-06-29')).toBe(17);
    expect(ageOn('2008-06-30', '2026-06-30')).toBe(18);
  });
});
