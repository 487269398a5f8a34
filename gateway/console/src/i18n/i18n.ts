/**
 * The console's language and time zone: Khmer or English texts, and dates and numbers formatted
 * with Intl for the chosen language (Khmer digits in Khmer) in the chosen zone (Asia/Phnom_Penh by
 * default). The choice is remembered in this browser; it is not personal data.
 */
import { DEFAULT_TIME_ZONE, isTimeZone, zoneOffsetMinutes, offsetText } from '@need2know/zoned-time';
import { en, type MessageKey, type Messages } from './en.js';
import { intlHasKhmer, khmerDateTime, khmerDayMonth, khmerDigits, khmerMonth, khmerNumber } from './khmer-format.js';
import { km } from './km.js';

export type Lang = 'km' | 'en';
export const LANGS: readonly Lang[] = ['km', 'en'];
/** Each language's own name, shown in the switch whatever the current language. */
export const LANG_NAMES: Record<Lang, string> = { km: 'ខ្មែរ', en: 'English' };

const MESSAGES: Record<Lang, Messages> = { en, km };
/** BCP 47 locales for Intl: British English (day before month, 24-hour clock); Khmer with Khmer digits. */
const LOCALES: Record<Lang, string> = { en: 'en-GB', km: 'km-KH-u-nu-khmr' };
const LANG_KEY = 'n2k.console.lang';
const ZONE_KEY = 'n2k.console.timeZone';

const stored = (key: string): string | null => {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
};

let lang: Lang = stored(LANG_KEY) === 'km' ? 'km' : stored(LANG_KEY) === 'en' ? 'en' : navigator.language.toLowerCase().startsWith('km') ? 'km' : 'en';
let zone: string = (() => {
  const z = stored(ZONE_KEY);
  return z !== null && isTimeZone(z) ? z : DEFAULT_TIME_ZONE;
})();

export const currentLang = (): Lang => lang;
export const currentZone = (): string => zone;

export function setLang(next: Lang): void {
  lang = next;
  try {
    localStorage.setItem(LANG_KEY, next);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = next;
}

export function setZone(next: string): void {
  if (!isTimeZone(next)) return;
  zone = next;
  try {
    localStorage.setItem(ZONE_KEY, next);
  } catch {
    // as above
  }
}

/** The text for `key` in the current language, with `{name}` replaced by `vars.name`. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = vars[name];
    return v === undefined ? `{${name}}` : typeof v === 'number' ? num(v) : v;
  });
}

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (f === undefined) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

/** Whether Khmer must be composed by hand: Chromium's Intl has no Khmer locale data. */
const khmerByHand = (): boolean => lang === 'km' && !intlHasKhmer();

/** A number in the current language. */
export const num = (n: number): string => (khmerByHand() ? khmerNumber(n) : cached(`n:${lang}`, () => new Intl.NumberFormat(LOCALES[lang])).format(n));

/** A code or a year as it is written, digit by digit with no grouping (Khmer digits in Khmer), e.g. "2025", "១២". */
export const digits = (text: string): string => (lang === 'km' ? khmerDigits(text) : text);

/** A calendar month `YYYY-MM`: "Mar" (short) or "March 2025" (long), in the current language. */
export function monthName(month: string, style: 'short' | 'long'): string {
  if (khmerByHand()) return khmerMonth(month, style === 'long');
  const options: Intl.DateTimeFormatOptions = style === 'short' ? { timeZone: 'UTC', month: 'short' } : { timeZone: 'UTC', month: 'long', year: 'numeric' };
  return cached(`m:${lang}:${style}`, () => new Intl.DateTimeFormat(LOCALES[lang], options)).format(new Date(`${month}-01T00:00:00Z`));
}

/** Date and time (an ISO string or Unix ms) in the current zone, e.g. "23 Nov 2026, 08:00". */
export function dateTime(value: string | number): string {
  if (khmerByHand()) return khmerDateTime(new Date(value), zone);
  return cached(
    `dt:${lang}:${zone}`,
    () => new Intl.DateTimeFormat(LOCALES[lang], { timeZone: zone, dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }),
  ).format(new Date(value));
}

/** A calendar day (`YYYY-MM-DD`) as a short date, e.g. "23 Nov". */
export function shortDay(day: string): string {
  if (khmerByHand()) return khmerDayMonth(new Date(`${day}T00:00:00Z`), 'UTC');
  return cached(`d:${lang}`, () => new Intl.DateTimeFormat(LOCALES[lang], { timeZone: 'UTC', day: 'numeric', month: 'short' })).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/** Up to a week, spans read in hours (a 96-hour window is "96 h"); longer ones in days. */
const HOURS_UP_TO = 7 * 24;

/** A span of seconds as hours or days, e.g. "96 h", "30 d". */
export function span(seconds: number): string {
  const hours = Math.round(seconds / 3600);
  return hours <= HOURS_UP_TO ? t('hoursShort', { n: Math.max(0, hours) }) : t('daysShort', { n: Math.round(hours / 24) });
}

/** The zone with its current offset, e.g. "Asia/Phnom_Penh (UTC+07:00)". */
export function zoneLabel(z = zone): string {
  return `${z} (UTC${offsetText(zoneOffsetMinutes(z, Date.now()))})`;
}

/** Zones offered in the picker: Phnom Penh, UTC, and this computer's zone if it is another. */
export function zoneChoices(): string[] {
  const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return [...new Set([DEFAULT_TIME_ZONE, 'UTC', ...(isTimeZone(local) ? [local] : []), zone])];
}

/** Day and month of an instant in the current zone, e.g. "23 Nov" (timeline ticks). */
export function dayMonth(ms: number): string {
  if (khmerByHand()) return khmerDayMonth(new Date(ms), zone);
  return cached(`dm:${lang}:${zone}`, () => new Intl.DateTimeFormat(LOCALES[lang], { timeZone: zone, day: 'numeric', month: 'short' })).format(new Date(ms));
}
