/**
 * Folding for matching names in free text: one spelling per name, with a map back to the original
 * text so that what matched can be replaced there. The same rules as the blind indexes' name
 * normaliser (`normaliseName` in @need2know/crypto: zero-width characters dropped, Latin letters
 * lower-cased, whitespace not significant), plus what a narrative's author varies and an index
 * never sees: Latin diacritics, hyphens between name parts, and the two Khmer coeng spellings that
 * render alike (subscript DA for subscript TA; subscript RO typed before or after another subscript).
 */

/** Characters that fold to nothing: zero-width space, non-joiner, joiner, word joiner, BOM, soft hyphen. */
const IGNORABLE = /^(?:\u200b|\u200c|\u200d|\u2060|\ufeff|\u00ad)$/;
/** Separators between name parts: whitespace and hyphens. Dropped, so `Sok-Dara` and `SokDara` fold like `Sok Dara`. */
const SEPARATOR = /[\s\-\u2010\u2011]/u;
/** Combining diacritical marks (Latin accents): `Dàra` folds like `Dara`. */
const DIACRITIC = /[\u0300-\u036f]/g;

const COENG = '\u17d2';
const KH_DA = '\u178a';
const KH_TA = '\u178f';
const KH_RO = '\u179a';

/** Text folded for matching: `text[k]` came from the original `[start[k], end[k])`. */
export interface Folded {
  readonly text: string;
  readonly start: readonly number[];
  readonly end: readonly number[];
}

/** True for an invisible character (zero-width, soft hyphen): the redactor looks past them at a match's edges. */
export function isIgnorable(ch: string): boolean {
  return IGNORABLE.test(ch);
}

/**
 * Folds `text`: ignorable characters and separators dropped, Latin letters without diacritics and
 * in lower case, Khmer subscript DA read as subscript TA, subscript RO put after the subscript it
 * was typed before. Pure and total: any string folds.
 *
 * @example foldText('SOK\u200b-Dàra').text === 'sokdara'
 */
export function foldText(text: string): Folded {
  const chars: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  let i = 0;
  for (const ch of text) {
    const from = i;
    i += ch.length;
    if (IGNORABLE.test(ch) || SEPARATOR.test(ch)) continue;
    // ASCII needs only lower-casing; anything else may carry diacritics to drop.
    let out = ch.charCodeAt(0) < 0x80 ? ch.toLowerCase() : ch.normalize('NFD').replace(DIACRITIC, '').toLowerCase().replace(DIACRITIC, '');
    if (out === KH_DA && chars[chars.length - 1] === COENG) out = KH_TA;
    for (const unit of out) {
      chars.push(unit);
      start.push(from);
      end.push(i);
    }
  }
  reorderCoengRo(chars, start, end);
  return { text: chars.join(''), start, end };
}

/** `COENG RO COENG X` → `COENG X COENG RO`, the four units mapping to the span they came from together. */
function reorderCoengRo(chars: string[], start: number[], end: number[]): void {
  for (let k = 0; k + 3 < chars.length; k++) {
    if (chars[k] !== COENG || chars[k + 1] !== KH_RO || chars[k + 2] !== COENG || chars[k + 3] === KH_RO) continue;
    const x = chars[k + 3] as string;
    chars.splice(k, 4, COENG, x, COENG, KH_RO);
    const from = Math.min(...start.slice(k, k + 4));
    const to = Math.max(...end.slice(k, k + 4));
    for (let n = k; n < k + 4; n++) {
      start[n] = from;
      end[n] = to;
    }
    k += 3;
  }
}

/** `value` folded, as a string only (for the names looked for). */
export function fold(value: string): string {
  return foldText(value).text;
}
