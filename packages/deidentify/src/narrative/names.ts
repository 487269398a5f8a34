import { fold, isIgnorable, type Folded } from './fold.js';
import type { LabelledPerson, Replacement } from './types.js';

/**
 * Shortest folded name or nickname looked for, in UTF-16 units. One letter (or one Khmer consonant)
 * would match inside too many words; two already covers short nicknames such as "Na" or "ណា".
 */
export const MIN_NAME_UNITS = 2;

/** Splits nicknames recorded together ("Na, Pov" or "ណា; ពៅ"). */
const NICKNAME_SEPARATORS = /[,;/\u060c\u17d4\u17d5\n]/;
const NAME_PARTS = /[\s\-\u2010\u2011]+/u;

const LATIN_OR_DIGIT = /[\p{Script=Latin}\p{Nd}]/u;
const LATIN_MARK = /[\u0300-\u036f]/;
/** Khmer dependent vowels, signs and the coeng: a match may not end just before one (it would cut a syllable). */
const KHMER_DEPENDENT = /[\u17b6-\u17d3\u17dd]/;
const KHMER = /[\u1780-\u17ff\u19e0-\u19ff]/;
const COENG = '\u17d2';

/**
 * The spellings of a person looked for, folded (see fold.ts): each full name, its parts in reverse
 * order, its given names (every part after the family name, together and one by one), and each
 * nickname. The family name alone is not looked for: many unrelated people share it.
 *
 * @example nameVariants({ names: ['Sok Dara'], nicknames: ['Na'] }) // ['sokdara', 'darasok', 'dara', 'na']
 */
export function nameVariants(person: Pick<LabelledPerson, 'names' | 'nicknames'>): string[] {
  const out = new Set<string>();
  for (const name of person.names) {
    const parts = name
      .split(NAME_PARTS)
      .map(fold)
      .filter((p) => p.length > 0);
    if (parts.length === 0) continue;
    out.add(parts.join(''));
    if (parts.length > 1) {
      out.add([...parts].reverse().join(''));
      out.add(parts.slice(1).join(''));
      for (const part of parts.slice(1)) out.add(part);
    }
  }
  for (const nicknames of person.nicknames) for (const nickname of nicknames.split(NICKNAME_SEPARATORS)) out.add(fold(nickname));
  return [...out].filter((v) => v.length >= MIN_NAME_UNITS);
}

/** The visible character before `at` in `text`, looking past invisible ones. */
function visibleBefore(text: string, at: number): string {
  let k = at;
  while (k > 0) {
    const ch = text[k - 1] as string;
    if (!isIgnorable(ch)) return ch;
    k--;
  }
  return '';
}

/** The visible character at or after `at` in `text`, looking past invisible ones. */
function visibleFrom(text: string, at: number): string {
  let k = at;
  while (k < text.length) {
    const ch = text[k] as string;
    if (!isIgnorable(ch)) return ch;
    k++;
  }
  return '';
}

/**
 * True when `[start, end)` of `text` is a whole word (Latin) or whole syllables (Khmer, which is
 * written without spaces between words): a Latin match is not preceded or followed by a Latin
 * letter or digit; a Khmer match does not start on a subscript or end before a dependent vowel,
 * sign or subscript.
 */
function onBoundaries(text: string, start: number, end: number): boolean {
  const first = text[start] as string;
  const before = visibleBefore(text, start);
  if (LATIN_OR_DIGIT.test(first) && LATIN_OR_DIGIT.test(before)) return false;
  if (KHMER.test(first) && before === COENG) return false;
  const last = text[end - 1] as string;
  const after = visibleFrom(text, end);
  if (LATIN_OR_DIGIT.test(last) && (LATIN_OR_DIGIT.test(after) || LATIN_MARK.test(after))) return false;
  if (KHMER.test(last) && KHMER_DEPENDENT.test(after)) return false;
  return true;
}

/**
 * Every place in `text` (folded as `folded`) where a person's name or nickname is written, as
 * replacements by the person's label, longest spellings first and never overlapping.
 */
export function findNames(text: string, folded: Folded, persons: readonly LabelledPerson[]): Replacement[] {
  const wanted = persons.flatMap((person) => nameVariants(person).map((variant) => ({ variant, person })));
  wanted.sort((a, b) => b.variant.length - a.variant.length);
  const found: Replacement[] = [];
  for (const { variant, person } of wanted) {
    for (let k = folded.text.indexOf(variant); k >= 0; k = folded.text.indexOf(variant, k + 1)) {
      const start = folded.start[k] as number;
      let end = folded.end[k + variant.length - 1] as number;
      // A Latin letter's own accents (decomposed in the text) belong to the match.
      while (end < text.length && LATIN_MARK.test(text[end] as string)) end++;
      if (!onBoundaries(text, start, end)) continue;
      if (found.some((r) => r.start < end && start < r.end)) continue;
      found.push({ start, end, label: person.label, kind: person.role });
    }
  }
  return found;
}
