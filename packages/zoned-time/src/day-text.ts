/**
 * A calendar day as an officer types it, in English or Khmer, read back to ISO 8601 (what the
 * gateway takes). One reader for the console's date input and the viewer's birth-date search, so
 * that both accept the same days: "23 Nov 2026", "23 november 2026", "23/11/2026",
 * "២៣ វិច្ឆិកា ២០២៦", "២៣/១១/២០២៦", "2026-11-23". It replaces `<input type=date>`, whose box follows
 * the browser's language ("mm/dd/yyyy") whatever the officer chose. Pure, no Intl.
 */

/** Khmer names of the Gregorian months, January first, as Cambodian administration writes them. */
export const KHMER_MONTHS = ['មករា', 'កុម្ភៈ', 'មីនា', 'មេសា', 'ឧសភា', 'មិថុនា', 'កក្កដា', 'សីហា', 'កញ្ញា', 'តុលា', 'វិច្ឆិកា', 'ធ្នូ'] as const;
const KHMER_DIGITS = '០១២៣៤៥៦៧៨៩';

/** English month names, January first; a typed name matches its first three letters or more. */
const ENGLISH_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'] as const;
/**
 * Years a typed day may fall in: wide enough for birth dates, record dates and disclosure windows,
 * narrow enough that a slip (a two-digit year, a transposed number) is said to be a mistake instead
 * of accepted.
 */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;

/** What an officer typed: nothing, a day (ISO 8601), or something that is not a day. */
export type DayReading = { readonly kind: 'empty' } | { readonly kind: 'day'; readonly iso: string } | { readonly kind: 'invalid' };

/**
 * Western digits replaced by Khmer digits.
 *
 * @example khmerDigits('45–49') // '៤៥–៤៩'
 */
export const khmerDigits = (text: string): string => text.replace(/[0-9]/g, (d) => KHMER_DIGITS[Number(d)] as string);
/** Khmer digits read as Western ones. */
const westernDigits = (text: string) => text.replace(/[០-៩]/g, (d) => String(d.charCodeAt(0) - 0x17e0));
/** A Khmer month name without the visarga some spellings end with (កុម្ភៈ / កុម្ភ). */
const bareKhmer = (name: string) => name.replace(/ៈ$/u, '');
const pad = (n: number, width: number) => String(n).padStart(width, '0');

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
 * Reads what an officer typed as a calendar day, in either language, with Khmer or Western digits,
 * a month by name or number and common separators. Day first unless the year is; a day that does
 * not exist (31 April) is not a day.
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
