import type { Lang } from './lang.js';

/** A name as shown in one language, and the language it is actually written in (for the `lang` attribute). */
export interface NameShown {
  readonly text: string;
  readonly lang: Lang;
}

/**
 * A name the gateway gives in English and, where it has one, in Khmer (an agency, a purpose's
 * title), shown in `lang`: the Khmer name in Khmer, falling back to the English one when there is
 * none, so a name is never missing from the screen.
 *
 * @example nameIn('km', 'Contact tracing', 'ការតាមដានអ្នកប៉ះពាល់') // { text: 'ការតាមដានអ្នកប៉ះពាល់', lang: 'km' }
 * @example nameIn('km', 'Contact tracing', null) // { text: 'Contact tracing', lang: 'en' }
 */
export function nameIn(lang: Lang, english: string, khmer: string | null | undefined): NameShown {
  const km = khmer?.trim();
  return lang === 'km' && km !== undefined && km !== '' ? { text: km, lang: 'km' } : { text: english, lang: 'en' };
}
