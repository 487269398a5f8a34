import { en, type MessageKey, type Messages } from './en.js';
import { khmerDigits } from './khmer-format.js';
import { km } from './km.js';

/** The viewer's languages. */
export type Lang = 'km' | 'en';
export const LANGS: readonly Lang[] = ['km', 'en'];
/** Each language's own name, shown in the switch whatever the current language. */
export const LANG_NAMES: Readonly<Record<Lang, string>> = { km: 'ខ្មែរ', en: 'English' };

const CATALOGUES: Readonly<Record<Lang, Messages>> = { en, km };

/**
 * Where the choice is remembered: the extension's own storage origin, shared by the popup and the
 * viewer tab. A language is not personal data; nothing of a record is ever stored.
 */
export const LANG_STORAGE_KEY = 'n2k.viewer.lang';

/** Whether `value` names a language of the viewer. */
export const isLang = (value: unknown): value is Lang => value === 'km' || value === 'en';

/**
 * The language to start in: the one chosen before in this browser, else Khmer when the browser
 * prefers it, else English.
 */
export function initialLang(stored: string | null, browserLanguage: string): Lang {
  if (isLang(stored)) return stored;
  return browserLanguage.toLowerCase().startsWith('km') ? 'km' : 'en';
}

/**
 * The text for `key` in `lang`, with `{name}` replaced by `vars.name` (numbers in Khmer digits in
 * Khmer). An unknown placeholder stays visible rather than vanishing.
 *
 * @example translate('en', 'weekOf', { date: '6 April 2026' }) // 'week of 6 April 2026'
 */
export function translate(lang: Lang, key: MessageKey, vars: Readonly<Record<string, string | number>> = {}): string {
  return CATALOGUES[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = vars[name];
    if (v === undefined) return `{${name}}`;
    return typeof v === 'number' && lang === 'km' ? khmerDigits(String(v)) : String(v);
  });
}

/** Whether the catalogue has `key` (for keys built from data, e.g. an enum value). */
export const hasMessage = (key: string): key is MessageKey => Object.hasOwn(en, key);

/** A translator bound to one language. */
export type Translate = (key: MessageKey, vars?: Readonly<Record<string, string | number>>) => string;

/** `translate` bound to `lang`. */
export const translator =
  (lang: Lang): Translate =>
  (key, vars) =>
    translate(lang, key, vars);

export { CATALOGUES };
