/**
 * Pure: a purpose's title in a language. A purpose has an English title and may have a Khmer one
 * (`title_km`); each language falls back to the other when the purpose has only that one.
 */

/** The two titles of a purpose, as the admin API returns them. */
export interface PurposeTitles {
  readonly title: string;
  readonly title_km: string | null;
}

/**
 * The title of `p` in `lang`, or in the other language when `p` has none in `lang`.
 *
 * @example purposeTitleIn({ title: 'Case review', title_km: null }, 'km') // 'Case review'
 */
export function purposeTitleIn(p: PurposeTitles, lang: 'en' | 'km'): string {
  const km = p.title_km?.trim() ?? '';
  const en = p.title.trim();
  return lang === 'km' ? (km !== '' ? km : en) : en !== '' ? en : km;
}
