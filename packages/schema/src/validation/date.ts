import * as z from 'zod';
import { fail } from './fail.js';
import { DATE_MAX_YEARS_AHEAD, DATE_MIN } from './limits.js';

/** ISO 8601 calendar date, extended format, four-digit year (RFC 3339 `full-date`). */
export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** True when `value` is written YYYY-MM-DD and names a day that exists (no 31 April, no 29 February 2023). */
export function isCalendarDate(value: string): boolean {
  if (!ISO_DATE_PATTERN.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const length = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= length;
}

/** Today's date in UTC as YYYY-MM-DD; read at each parse, never at module load (workerd freezes the clock there). */
export function utcToday(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Schema of a `date` field: a real calendar date between {@link DATE_MIN} and
 * {@link DATE_MAX_YEARS_AHEAD} years after `today()`. Dates compare as strings because the format is fixed.
 */
export function dateSchema(today: () => string) {
  return z
    .string()
    .regex(ISO_DATE_PATTERN, { abort: true })
    .superRefine((value, ctx) => {
      if (!isCalendarDate(value)) return fail(ctx, 'invalid_date');
      const now = today();
      const latest = `${String(Number(now.slice(0, 4)) + DATE_MAX_YEARS_AHEAD).padStart(4, '0')}${now.slice(4)}`;
      if (value < DATE_MIN || value > latest) fail(ctx, 'date_out_of_range');
    });
}
