import type { FieldDef } from '@need2know/schema';
import { discloseItems } from './items.js';

/** Digits kept at the end of a masked phone or national ID: enough to confirm a number read out, too few to call or look up. */
export const MASK_KEEP_DIGITS = 3;

/** Most stars a masked free string shows, so that a long value does not reveal its length. */
export const MASK_MAX_STARS = 8;

/** A Cambodian number in E.164 as validation leaves it: +855 and 8 or 9 national digits. */
const E164_KH = /^\+855[1-9]\d{7,8}$/;
const NATIONAL_ID = /^\d{9,12}$/;
/** Word separators in names: whitespace, and the zero-width space Khmer text uses between words. */
const NAME_SEPARATORS = /[\s\u200b]+/u;

/** True for fields that hold personal names: `name` is a word of the field's own name (`name_km`, `officer_name_latin`, `contacts.name_latin`). */
function isNameField(path: string): boolean {
  return (path.split('.').pop() ?? '').split('_').includes('name');
}

/** KHMER SIGN COENG: joins the next consonant below the previous one (`ស` + `្` + `រ` → `ស្រ`). */
const COENG = '\u17d2';

let segmenter: Intl.Segmenter | undefined;

/**
 * The grapheme clusters of `s` (UAX #29), with a Khmer consonant and the subscript consonants joined
 * to it by COENG kept in one cluster (`ស្រី`, not `ស្` + `រី`). Older ICU versions, workerd's among
 * them, split after COENG; joining here makes the mask the same on every runtime and never leaves a
 * dangling subscript sign.
 */
function graphemes(s: string): string[] {
  segmenter ??= new Intl.Segmenter('km', { granularity: 'grapheme' });
  const out: string[] = [];
  for (const { segment } of segmenter.segment(s)) {
    const last = out.length - 1;
    if (last >= 0 && out[last]?.endsWith(COENG)) out[last] += segment;
    else out.push(segment);
  }
  return out;
}

/**
 * A phone number with only its country code and last three digits: the national digits are starred
 * in a fixed shape, so 8- and 9-digit numbers look alike and the mask does not reveal the range.
 *
 * @example maskPhone('+85512345412') // '+855 ** *** 412'
 * @throws TypeError when the value is not an E.164 Cambodian number.
 */
export function maskPhone(value: string): string {
  if (!E164_KH.test(value)) throw new TypeError('masked phone must be E.164 +855');
  return `+855 ** *** ${value.slice(-MASK_KEEP_DIGITS)}`;
}

/**
 * A national ID number with only its last three digits, behind six stars whatever its length.
 *
 * @example maskNationalId('012345678') // '******678'
 * @throws TypeError when the value is not a normalised ID number.
 */
export function maskNationalId(value: string): string {
  if (!NATIONAL_ID.test(value)) throw new TypeError('masked national ID must be digits');
  return `******${value.slice(-MASK_KEEP_DIGITS)}`;
}

/**
 * A personal name with the first grapheme cluster of each word kept and every other cluster starred.
 * Latin and Khmer alike: a Latin letter is one cluster, a Khmer consonant with its vowel sign or
 * subscript consonant (`សុ`, `ស្រី`) is one. Words are separated by whitespace or zero-width spaces
 * and joined by single spaces.
 *
 * @example maskName('Sok Chanthy') // 'S** C******'
 * @example maskName('សុខ ចន្ធី')   // 'សុ* ច*'
 */
export function maskName(value: string): string {
  return value
    .split(NAME_SEPARATORS)
    .filter((word) => word.length > 0)
    .map((word) => {
      const [first = '', ...rest] = graphemes(word);
      return first + '*'.repeat(rest.length);
    })
    .join(' ');
}

/**
 * Any other string: its first grapheme cluster, then one star per further cluster, at most
 * {@link MASK_MAX_STARS}.
 *
 * @example maskString('PP-2026-000123') // 'P********'
 */
export function maskString(value: string): string {
  const [first = '', ...rest] = graphemes(value);
  return first + '*'.repeat(Math.min(rest.length, MASK_MAX_STARS));
}

/**
 * A field disclosed `masked`, by kind: phones and national IDs keep their last three digits, names
 * the first cluster of each word, other strings their first character; a list masks each item's
 * maskable fields (see `discloseItems`).
 *
 * @param path Field name, or `list.item` inside a list: names are recognised by it.
 * @example discloseMasked('contacts', contactsDef, [{ name_latin: 'Sok Dara', phone: '+85512345678' }])
 * // [{ name_latin: 'S** D***', phone: '+855 ** *** 678' }]
 * @throws TypeError for a kind that has no masking or a value not of its kind.
 */
export function discloseMasked(path: string, field: FieldDef, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (field.kind === 'list')
    return discloseItems(path, field, value, 'masked', (itemField, itemValue, itemPath) => discloseMasked(itemPath, itemField, itemValue));
  if (typeof value !== 'string') throw new TypeError(`${path} must be a string to be masked`);
  switch (field.kind) {
    case 'phone':
      return maskPhone(value);
    case 'national_id':
      return maskNationalId(value);
    case 'string':
      return isNameField(path) ? maskName(value) : maskString(value);
    default:
      throw new TypeError(`${path}: no masking for kind ${field.kind}`);
  }
}
