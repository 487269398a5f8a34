/**
 * Pure: a calendar day as written in the console's language. English writes day-month-year with the
 * month's short name ("23 Nov 2026"); Khmer the same order with Khmer digits and the Gregorian
 * month's Khmer name ("២៣ វិច្ឆិកា ២០២៦"). Reading what an officer types is `readDay` of
 * `@need2know/zoned-time`, the one reader the viewer uses too; what goes to the gateway stays ISO 8601.
 */
import { KHMER_MONTHS, khmerDigits } from '@need2know/zoned-time';

const SHORT_ENGLISH = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

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

/**
 * The day `days` after `iso` (before, when negative), for stepping with the arrow keys.
 *
 * @example addDays('2026-02-28', 1) // '2026-03-01'
 */
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
