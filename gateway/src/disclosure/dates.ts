import { isCalendarDate } from '@need2know/schema';
import { isoWeek } from '../records/facets.js';

/** Width of an age band in years: the five-year bands of census and health statistics. */
export const AGE_BAND_YEARS = 5;

/**
 * Ages from this one up share one open band, `90+`: very old people are few, so a narrow band
 * (and with it a birth year) would single them out. The same top code as HIPAA's safe harbour
 * (45 CFR §164.514(b)(2)(i)(C)).
 */
export const AGE_BAND_TOP = 90;

function checkDate(what: string, value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) throw new TypeError(`${what} must be a calendar date YYYY-MM-DD`);
  return value;
}

/**
 * Age in whole years on `today` of someone born on `dateOfBirth` (both YYYY-MM-DD), never below 0.
 * Someone born on 29 February turns a year older on 1 March in common years, as `isMinorOn` counts.
 *
 * @example ageOn('1990-07-01', '2026-06-30') // 35
 */
export function ageOn(dateOfBirth: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  const age = today.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
  return Math.max(0, age);
}

/**
 * The five-year age band on `today` of someone born on `dateOfBirth`: `"30–34"` (en dash), or
 * `"90+"` from {@link AGE_BAND_TOP}.
 *
 * @example ageBand('1990-07-01', '2026-06-30') // '35–39'
 */
export function ageBand(dateOfBirth: string, today: string): string {
  const age = ageOn(checkDate('date of birth', dateOfBirth), checkDate('today', today));
  if (age >= AGE_BAND_TOP) return `${AGE_BAND_TOP}+`;
  const low = age - (age % AGE_BAND_YEARS);
  return `${low}–${low + AGE_BAND_YEARS - 1}`;
}

/**
 * A date coarsened to its year (`YYYY`), its calendar month (`YYYY-MM`), its ISO 8601 week
 * (`YYYY-Www`, the week-numbering year: 2026-01-01 is in `2026-W01`, 2027-01-01 in `2026-W53`), or,
 * for a birth date, the age band on `today`. Never the day.
 *
 * @example generaliseDate('2026-06-30', 'week', today) // '2026-W27'
 */
export function generaliseDate(value: unknown, as: 'year' | 'month' | 'week' | 'age_band', today: string): string {
  const date = checkDate('generalised date', value);
  switch (as) {
    case 'year':
      return date.slice(0, 4);
    case 'month':
      return date.slice(0, 7);
    case 'week':
      return isoWeek(date);
    case 'age_band':
      return ageBand(date, today);
  }
}
