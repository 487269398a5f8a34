/**
 * A calendar day as an officer types it, in either language, read back to ISO 8601 (what the
 * gateway's searches take). The viewer's copy of the console's reader (`gateway/console/src/i18n/
 * day-text.ts`, same rules), kept here like `khmer-format.ts` so that neither bundle reaches into the
 * other's sources. It replaces `<input type=date>`, whose box follows the browser's language
 * ("mm/dd/yyyy") whatever the viewer's.
 */
import { dayParts } from './calendar.js';
import { KHMER_MONTHS } from './khmer-format.js';

/** English month names, January first; a typed name matches its first three letters or more. */
const ENGLISH_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'] as const;
/**
 * Years a typed day may fall in: wide enough for birth dates and record dates, narrow enough that a
 * slip (a two-digit year, a transposed number) is said to be a mistake instead of searched for.
 */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;

/** What an officer typed: nothing, a day (ISO 8601), or something that is not a day. */
export type DayReading = { readonly kind: 'empty' } | { readonly kind: 'day'; readonly iso: string } | { readonly kind: 'invalid' };

/** Khmer digits read as Western ones. */
const westernDigits = (text: string) => text.replace(/[០-៩]/g, (d) => String(d.charCodeAt(0) - 0x17e0));
/** A Khmer month name without the visarga some spellings end with (កុម្ភៈ / កុម្ភ). */
const bareKhmer = (name: string) => name.replace(/ៈ$/u, '');

/** The month (1–12) a typed token names, by number, English name (three letters or more) or Khmer name; 0 if none. */
function monthOf(token: string): number {
  if (/^\d{1,2}$/.test(token)) return Number(token);
  const lower = token.toLowerCase();
  if (/^[a-z]{3,}$/.test(lower)) return ENGLISH_MONTHS.findIndex((name) => name.startsWith(lower)) + 1;
  return KHMER_MONTHS.findIndex((name) => bareKhmer(name) === bareKhmer(token)) + 1;
}

/**
 * Reads what an officer typed as a calendar day, in either language: "3 February 1991", "3 feb
 * 1991", "03/02/1991", "៣ កុម្ភៈ ១៩៩១", "៣/២/១៩៩១", or "1991-02-03". Day first unless the year is; a
 * day that does not exist (31 April) is not a day.
 *
 * @example readDay('៣ កុម្ភៈ ១៩៩១') // { kind: 'day', iso: '1991-02-03' }
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
  const year = Number(yearText);
  const month = monthOf(monthText);
  if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12) return { kind: 'invalid' };
  const iso = `${yearText}-${String(month).padStart(2, '0')}-${dayText.padStart(2, '0')}`;
  return dayParts(iso) === undefined ? { kind: 'invalid' } : { kind: 'day', iso };
}
