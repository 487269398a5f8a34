import { isCalendarDate } from '@need2know/schema';

/** ISO 8601 week of a calendar date, as `YYYY-Www` (weeks start on Monday; week 1 holds 4 January). */
export function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const weekday = d.getUTCDay() === 0 ? 7 : d.getUTCDay(); // Monday = 1 … Sunday = 7
  d.setUTCDate(d.getUTCDate() + 4 - weekday); // the Thursday of this week decides its year
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

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
