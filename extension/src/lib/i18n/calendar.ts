/**
 * Calendar arithmetic on the plain strings records carry: `YYYY-MM-DD` days, `YYYY-MM` months and
 * ISO 8601 `YYYY-Www` weeks (what a generalised date is disclosed as). Pure, on UTC, no time zone:
 * a calendar day is the same day everywhere.
 */

const DAY_MS = 86_400_000;

/** A `YYYY-MM-DD` day as its parts, or undefined when the text is not one. */
export function dayParts(day: string): { year: number; month: number; day: number } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (m === null) return undefined;
  const [year, month, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, d));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === d ? { year, month, day: d } : undefined;
}

/** A `YYYY-MM` month as its parts, or undefined. */
export function monthParts(month: string): { year: number; month: number } | undefined {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (m === null) return undefined;
  const n = Number(m[2]);
  return n >= 1 && n <= 12 ? { year: Number(m[1]), month: n } : undefined;
}

/**
 * The Monday that starts ISO week `YYYY-Www` (ISO 8601: week 1 holds the year's first Thursday), as
 * `YYYY-MM-DD`; undefined when the text is not a week of that year.
 *
 * @example weekMonday('2026-W15') // '2026-04-06'
 * @example weekMonday('2026-W01') // '2025-12-29'
 */
export function weekMonday(week: string): string | undefined {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (m === null) return undefined;
  const [year, n] = [Number(m[1]), Number(m[2])];
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday 0
  const week1Monday = jan4 - jan4Weekday * DAY_MS;
  const weeksInYear = weekNumberOf(Date.UTC(year, 11, 28));
  if (n < 1 || n > weeksInYear) return undefined;
  return new Date(week1Monday + (n - 1) * 7 * DAY_MS).toISOString().slice(0, 10);
}

/** The ISO week number of a UTC instant (1–53). */
function weekNumberOf(ms: number): number {
  const d = new Date(ms);
  const weekday = (d.getUTCDay() + 6) % 7;
  const thursday = ms + (3 - weekday) * DAY_MS;
  const yearStart = Date.UTC(new Date(thursday).getUTCFullYear(), 0, 1);
  return Math.floor((thursday - yearStart) / DAY_MS / 7) + 1;
}
