import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageBand, ageOn, generaliseDate, isoWeek } from './dates.js';

const TODAY = '2026-06-30';

describe('ageOn', () => {
  it.each([
    ['1990-06-30', 36],
    ['1990-07-01', 35],
    ['2008-06-30', 18],
    ['2026-06-30', 0],
    ['2027-01-01', 0], // a future date is never a negative age
  ])('born %s: %i on 2026-06-30', (dob, age) => {
    expect(ageOn(dob, TODAY)).toBe(age);
  });

  it('counts a 29 February birthday from 1 March in common years, as isMinorOn does', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });
});

describe('ageBand', () => {
  it.each([
    ['1992-01-15', '30–34'],
    ['1991-06-30', '35–39'],
    ['2010-03-01', '15–19'],
    ['2025-01-01', '0–4'],
    ['1936-06-30', '90+'],
    ['1936-07-01', '85–89'],
  ])('born %s → %s on 2026-06-30', (dob, band) => {
    expect(ageBand(dob, TODAY)).toBe(band);
  });

  it('refuses dates that are not calendar dates', () => {
    expect(() => ageBand('1990-02-30', TODAY)).toThrow(TypeError);
    expect(() => ageBand('1990-01-01', '30/06/2026')).toThrow(TypeError);
  });
});

describe('generaliseDate', () => {
  it('gives the year, the month or the ISO week', () => {
    expect(generaliseDate('2026-06-30', 'year', TODAY)).toBe('2026');
    expect(generaliseDate('2026-06-30', 'month', TODAY)).toBe('2026-06');
    expect(generaliseDate('2026-06-30', 'week', TODAY)).toBe('2026-W27');
    expect(generaliseDate('1990-07-01', 'age_band', TODAY)).toBe('35–39');
  });

  it('uses the ISO week-numbering year at year ends', () => {
    expect(generaliseDate('2027-01-01', 'week', TODAY)).toBe('2026-W53');
    expect(generaliseDate('2024-12-30', 'week', TODAY)).toBe('2025-W01');
    expect(generaliseDate('2026-01-01', 'week', TODAY)).toBe('2026-W01');
  });

  it('refuses a value that is not a date', () => {
    expect(() => generaliseDate({ year: 2026 }, 'month', TODAY)).toThrow(TypeError);
  });

  it('never contains the day', () => {
    const date = fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, date, fc.constantFrom('year' as const, 'month' as const, 'week' as const, 'age_band' as const), (value, today, as) => {
        const out = generaliseDate(value, as, today);
        expect(out).toMatch(/^(\d{4}|\d{4}-\d{2}|\d{4}-W\d{2}|\d{1,2}–\d{1,2}|90\+)$/);
        if (as === 'week') expect(out).toBe(isoWeek(value));
      }),
      { numRuns: 500 },
    );
  });
});
