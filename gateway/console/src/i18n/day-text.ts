/**
 * Pure: a calendar day as people write it in the console's language, and back. English reads
 * day-month-year with the month's short name ("23 Nov 2026"); Khmer reads the same order with Khmer
 * digits and the Gregorian month's Khmer name ("២៣ វិច្ឆិកា ២០២៦"). Parsing takes either language,
 * Khmer or Western digits, a month by name or number, common separators, and an ISO 8601 day
 * (`2026-11-23`), so that what an officer pastes works too. What goes to the gateway stays ISO 8601.
 */
import { KHMER_MONTHS, khmerDigits } from './khmer-format.js';

/** English month names, January first; a typed name matches its first three letters or more. */
const ENGLISH_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'] as const;
const SHORT_ENGLISH = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
/**
 * Years a typed day may fall in: wide enough for record dates and disclosure windows, narrow enough
 * that a slip (a two-digit year, a transposed number) is said to be a mistake instead of accepted.
 */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;

/** What an officer typed: nothing, a day (ISO 8601), or something that is not a day. */
export type DayReading = { readonly kind: 'empty' } | { readonly kind: 'day'; readonly iso: string } | { readonly kind: 'invalid' };

const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** Khmer digits read as Western ones. */
const westernDigits = (text: string) => text.replace(/[០-៩]/g, (d) => String(d.charCodeAt(0) - 0x17e0));
/** A Khmer month name without the visarga some spellings end with (កុម្ភៈ / កុម្ភ). */
const bareKhmer = (name: string) => name.replace(/ៈ$/u, '');

/**
 * `iso` (`YYYY-MM-DD`) as written in `lang`; an ISO string that is not a day is returned as it is.
 *
 * @example formatDay('2026-11-23', 'en') // '23 Nov 2026'
 * @example formatDay('2026-11-23', 'km') // '២៣ វិច្ឆិកា ២០២៦'
 */
export function formatDay(iso: string, lang: 'en' | 'km'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (m === null) return iso;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (lang === 'km') return khmerDigits(`${day} ${KHMER_MONTHS[month - 1] ?? month} ${year}`);
  return `${day} ${SHORT_ENGLISH[month - 1] ?? month} ${year}`;
}

/** The month (1–12) a typed token names, by number, English name (three letters or more) or Khmer name; 0 if none. */
function monthOf(token: string): number {
  if (/^\d{1,2}$/.test(token)) return Number(token);
  const lower = token.toLowerCase();
  if (/^[a-z]{3,}$/.test(lower)) return ENGLISH_MONTHS.findIndex((name) => name.startsWith(lower)) + 1;
  return KHMER_MONTHS.findIndex((name) => bareKhmer(name) === bareKhmer(token)) + 1;
}

/** Whether year-month-day is a day of the Gregorian calendar within the years accepted. */
function isDay(year: number, month: number, day: number): boolean {
  if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Reads what an officer typed as a calendar day, in either language: "23 Nov 2026", "23 november
 * 2026", "23/11/2026", "២៣ វិច្ឆិកា ២០២៦", "២៣/១១/២០២៦", or "2026-11-23". Day first unless the year is;
 * a day that does not exist (31 April) is not a day.
 *
 * @example readDay('៣១ មីនា ២០២៦') // { kind: 'day', iso: '2026-03-31' }
 * @example readDay('31/04/2026')   // { kind: 'invalid' }
 */
export function readDay(text: string): DayReading {
  const typed = westernDigits(text.normalize('NFC')).trim();
  if (typed === '') return { kind: 'empty' };
  const tokens = typed.split(/[\s,./\-–]+/u).filter((x) => x !== '');
  if (tokens.length !== 3) return { kind: 'invalid' };
  const [a, b, c] = tokens as [string, string, string];
  // Year first (ISO 8601 and its look-alikes), else day first as both languages write it.
  const [dayText, monthText, yearText] = /^\d{4}$/.test(a) ? [c, b, a] : [a, b, c];
  if (!/^\d{1,2}$/.test(dayText) || !/^\d{4}$/.test(yearText)) return { kind: 'invalid' };
  const [year, month, day] = [Number(yearText), monthOf(monthText), Number(dayText)];
  if (!isDay(year, month, day)) return { kind: 'invalid' };
  return { kind: 'day', iso: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` };
}

/**
 * The day `days` after `iso` (before, when negative), for stepping with the arrow keys.
 *
 * @example addDays('2026-02-28', 1) // '2026-03-01'
 */
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
