import type { RowLink, RowScope } from './row-scope.js';

/** Languages the scope is described in. */
export type ScopeLanguage = 'en' | 'km';

/** A place's name in each language, by code (the gazetteer's, or none: the code is shown). */
export type PlaceNames = (code: string) => { readonly en: string; readonly km: string } | undefined;

const MONTHS = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  km: ['មករា', 'កុម្ភៈ', 'មីនា', 'មេសា', 'ឧសភា', 'មិថុនា', 'កក្កដា', 'សីហា', 'កញ្ញា', 'តុលា', 'វិច្ឆិកា', 'ធ្នូ'],
} as const;

const WORDS = {
  en: { all: 'All records', and: 'and', anywhere: 'anywhere', records: 'records', since: 'since', until: 'until', from: 'from', to: 'to' },
  km: { all: 'កំណត់ត្រាទាំងអស់', and: 'និង', anywhere: 'គ្រប់ទីកន្លែង', records: 'កំណត់ត្រា', since: 'ចាប់ពី', until: 'រហូតដល់', from: 'ពី', to: 'ដល់' },
} as const;

const LINKS: Record<ScopeLanguage, Record<RowLink, string>> = {
  en: { person_in_health_case: 'persons who appear in health cases inside this scope', victim_in_case: 'persons who are victims in cases inside this scope' },
  km: { person_in_health_case: 'បុគ្គលដែលមាននៅក្នុងករណីសុខភាពក្នុងវិសាលភាពនេះ', victim_in_case: 'បុគ្គលដែលជាជនរងគ្រោះក្នុងសំណុំរឿងក្នុងវិសាលភាពនេះ' },
};

/** A civil date in words: `1 March 2026`, `ថ្ងៃទី 1 ខែមីនា ឆ្នាំ 2026`. */
function dateWords(date: string, lang: ScopeLanguage): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const month = MONTHS[lang][m - 1] ?? '';
  return lang === 'en' ? `${d} ${month} ${y}` : `ថ្ងៃទី ${d} ខែ${month} ឆ្នាំ ${y}`;
}

function listWords(items: readonly string[], lang: ScopeLanguage): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${WORDS[lang].and} ${items[items.length - 1]}`;
}

/**
 * A row scope in words, for the console, the command line and the API:
 *
 * @example describeRowScope({ places: ['08', '12'], from: '2026-03-01', until: null, links: [] }, 'en', names) // 'Kandal and Phnom Penh; records since 1 March 2026'
 * @example describeRowScope(null, 'en') // 'All records'
 */
export function describeRowScope(scope: RowScope | null, lang: ScopeLanguage, names: PlaceNames = () => undefined): string {
  const w = WORDS[lang];
  if (scope === null) return w.all;
  const parts: string[] = [listWords(scope.places?.map((code) => names(code)?.[lang] ?? code) ?? [w.anywhere], lang)];
  if (scope.from !== null && scope.until !== null) parts.push(`${w.records} ${w.from} ${dateWords(scope.from, lang)} ${w.to} ${dateWords(scope.until, lang)}`);
  else if (scope.from !== null) parts.push(`${w.records} ${w.since} ${dateWords(scope.from, lang)}`);
  else if (scope.until !== null) parts.push(`${w.records} ${w.until} ${dateWords(scope.until, lang)}`);
  for (const link of scope.links) parts.push(LINKS[lang][link]);
  return parts.join('; ');
}
