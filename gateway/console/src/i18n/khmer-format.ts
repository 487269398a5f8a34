/**
 * Khmer dates and numbers when the browser's Intl has no Khmer locale data (Chromium ships without
 * it; Firefox has it): the parts come from Intl in the right time zone, the words and digits are
 * Khmer. Month names are the Gregorian ones used in Cambodian administration.
 */

import { KHMER_MONTHS, khmerDigits } from '@need2know/zoned-time';

// The month names and digits are the shared package's, the viewer's too.
export { KHMER_MONTHS, khmerDigits };

/** Whether this runtime's Intl formats Khmer itself. */
export const intlHasKhmer = (): boolean => Intl.DateTimeFormat.supportedLocalesOf(['km']).length > 0 && Intl.NumberFormat.supportedLocalesOf(['km']).length > 0;

/** An integer or decimal in Khmer digits, grouped as CLDR's Khmer data does (1.234,5). */
export function khmerNumber(n: number): string {
  const [int, frac] = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(n).split('.');
  return khmerDigits((int ?? '').replace(/,/g, '.') + (frac === undefined ? '' : `,${frac}`));
}

const partsCache = new Map<string, Intl.DateTimeFormat>();
function parts(timeZone: string, date: Date, withTime: boolean): Record<string, string> {
  const key = `${timeZone}:${withTime}`;
  let f = partsCache.get(key);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
    });
    partsCache.set(key, f);
  }
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(date)) out[p.type] = p.value;
  return out;
}

/** "២៣ វិច្ឆិកា ២០២៦ ០៨:០០": day, month name, year and 24-hour time in `timeZone`. */
export function khmerDateTime(date: Date, timeZone: string): string {
  const p = parts(timeZone, date, true);
  return khmerDigits(`${Number(p.day)} ${KHMER_MONTHS[Number(p.month) - 1]} ${p.year} ${p.hour}:${p.minute}`);
}

/** "២៣ វិច្ឆិកា": day and month name in `timeZone`. */
export function khmerDayMonth(date: Date, timeZone: string): string {
  const p = parts(timeZone, date, false);
  return khmerDigits(`${Number(p.day)} ${KHMER_MONTHS[Number(p.month) - 1]}`);
}

/** "មីនា" or "មីនា ២០២៥": the month of a calendar month `YYYY-MM`, with its year when asked. */
export function khmerMonth(month: string, withYear: boolean): string {
  const [year, m] = month.split('-');
  const name = KHMER_MONTHS[Number(m) - 1] ?? month;
  return withYear ? `${name} ${khmerDigits(year ?? '')}` : name;
}
