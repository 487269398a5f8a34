import type { LabelledPerson, Replacement } from './types.js';

const LATIN_MONTHS = [
  'jan(?:uary)?',
  'feb(?:ruary)?',
  'mar(?:ch)?',
  'apr(?:il)?',
  'may',
  'june?',
  'july?',
  'aug(?:ust)?',
  'sep(?:t(?:ember)?)?',
  'oct(?:ober)?',
  'nov(?:ember)?',
  'dec(?:ember)?',
];
/** Khmer month names, January to December. */
const KHMER_MONTHS = ['មករា', 'កុម្ភៈ', 'មីនា', 'មេសា', 'ឧសភា', 'មិថុនា', 'កក្កដា', 'សីហា', 'កញ្ញា', 'តុលា', 'វិច្ឆិកា', 'ធ្នូ'];

const D = '[0-9\\u17e0-\\u17e9]';
const GAP = '[\\s\\u200b]*';
const LATIN_MONTH = `(${LATIN_MONTHS.join('|')})\\.?`;
const ORDINAL = '(?:st|nd|rd|th)?';
/** Word edges that also hold for Khmer digits (`\\b` only knows ASCII word characters). */
const FROM = '(?<![\\p{L}\\p{N}])';
const UNTIL = '(?![\\p{L}\\p{N}])';

/** The ways a birth date is written with the month in words, each with the order of its captures. */
const WRITTEN: readonly { readonly re: RegExp; readonly order: readonly ['d' | 'm' | 'y', 'd' | 'm' | 'y', 'd' | 'm' | 'y'] }[] = [
  // 15 March 1990, 15th of Mar. 1990
  { re: new RegExp(`${FROM}(${D}{1,2})${ORDINAL}\\s+(?:of\\s+)?${LATIN_MONTH},?\\s+(${D}{4})${UNTIL}`, 'giu'), order: ['d', 'm', 'y'] },
  // March 15, 1990
  { re: new RegExp(`${FROM}${LATIN_MONTH}\\s+(${D}{1,2})${ORDINAL},?\\s+(${D}{4})${UNTIL}`, 'giu'), order: ['m', 'd', 'y'] },
  // ថ្ងៃទី១៥ ខែមីនា ឆ្នាំ១៩៩០ (day, month, year), each word optional
  { re: new RegExp(`(?:ថ្ងៃទី${GAP})?(${D}{1,2})${GAP}(?:ខែ${GAP})?(${KHMER_MONTHS.join('|')})${GAP}(?:ឆ្នាំ${GAP})?(${D}{4})`, 'gu'), order: ['d', 'm', 'y'] },
];

function asciiDigits(s: string): string {
  return s.replace(/[\u17e0-\u17e9]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0x17e0 + 0x30));
}

function monthNumber(word: string): number {
  const khmer = KHMER_MONTHS.indexOf(word);
  if (khmer >= 0) return khmer + 1;
  const lower = word.toLowerCase();
  return LATIN_MONTHS.findIndex((m) => new RegExp(`^(?:${m})$`).test(lower)) + 1;
}

/**
 * Birth dates of the linked persons written with the month in words, in English
 * (`15 March 1990`, `March 15, 1990`, `15th of Mar. 1990`) or Khmer (`ថ្ងៃទី១៥ ខែមីនា ឆ្នាំ១៩៩០`),
 * as `[date of birth]`. Other dates stay: when something happened is what a narrative is for.
 */
export function findWrittenBirthDates(text: string, persons: readonly LabelledPerson[]): Replacement[] {
  const births = new Set(persons.flatMap((p) => p.datesOfBirth));
  if (births.size === 0) return [];
  const found: Replacement[] = [];
  for (const { re, order } of WRITTEN) {
    for (const m of text.matchAll(re)) {
      const parts: Record<string, string> = {};
      for (const [n, key] of order.entries()) parts[key] = m[n + 1] ?? '';
      const month = monthNumber(parts.m ?? '');
      const day = Number(asciiDigits(parts.d ?? ''));
      const date = `${asciiDigits(parts.y ?? '')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const start = m.index;
      const end = start + m[0].length;
      if (month > 0 && births.has(date) && !found.some((r) => r.start < end && start < r.end))
        found.push({ start, end, label: '[date of birth]', kind: 'date_of_birth' });
    }
  }
  return found;
}
