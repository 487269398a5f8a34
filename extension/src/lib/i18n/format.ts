import { dayParts, monthParts, weekMonday } from './calendar.js';
import { KHMER_MONTHS, khmerDigits } from './khmer-format.js';
import type { Lang } from './lang.js';

/** English month names, January first (written out: "6 April 2026", as people write dates here). */
const ENGLISH_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** The time zone every time on screen is read in: the gateway's owners and officers are in Cambodia. */
export const VIEWER_TIME_ZONE = 'Asia/Phnom_Penh';

const monthName = (lang: Lang, month: number): string => (lang === 'km' ? KHMER_MONTHS[month - 1] : ENGLISH_MONTHS[month - 1]) ?? String(month);
const digits = (lang: Lang, text: string): string => (lang === 'km' ? khmerDigits(text) : text);

/**
 * A calendar day `YYYY-MM-DD` as people write it: "6 April 2026" / "៦ មេសា ២០២៦". Text that is not
 * a day comes back as it was.
 */
export function formatDay(lang: Lang, day: string): string {
  const p = dayParts(day);
  return p === undefined ? day : digits(lang, `${p.day} ${monthName(lang, p.month)} ${p.year}`);
}

/** A calendar month `YYYY-MM`: "April 2026" / "មេសា ២០២៦". */
export function formatMonth(lang: Lang, month: string): string {
  const p = monthParts(month);
  return p === undefined ? month : digits(lang, `${monthName(lang, p.month)} ${p.year}`);
}

/** The Monday of an ISO week `YYYY-Www` written as a day ("6 April 2026"), or undefined. */
export function weekStart(lang: Lang, week: string): string | undefined {
  const monday = weekMonday(week);
  return monday === undefined ? undefined : formatDay(lang, monday);
}

/** A number or code in the language's digits ("45–49" → "៤៥–៤៩" in Khmer). */
export function formatDigits(lang: Lang, text: string | number): string {
  return digits(lang, String(text));
}

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: VIEWER_TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant (ISO text or Unix ms) in Phnom Penh: "9 April 2026, 14:05" / "៩ មេសា ២០២៦ ១៤:០៥". */
export function formatDateTime(lang: Lang, value: string | number): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const p: Record<string, string> = {};
  for (const part of partsFormat.formatToParts(date)) p[part.type] = part.value;
  const day = `${Number(p.day)} ${monthName(lang, Number(p.month))} ${p.year}`;
  return digits(lang, lang === 'km' ? `${day} ${p.hour}:${p.minute}` : `${day}, ${p.hour}:${p.minute}`);
}
