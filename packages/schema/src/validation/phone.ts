import * as z from 'zod';
import { toAsciiDigits } from './digits.js';
import { fail } from './fail.js';
import { IDENTIFIER_INPUT_MAX_LENGTH } from './limits.js';

/** Separators people write inside phone numbers: spaces, no-break spaces, hyphens, dots, parentheses. */
const SEPARATORS = /[ \u00a0\-.()]/g;

/**
 * Cambodian national significant number (ITU-T E.164 country code 855): no trunk 0, 8 digits (landline
 * area code + 6, older mobile prefixes + 6) or 9 digits (newer mobile prefixes + 7).
 */
const NATIONAL_NUMBER = /^[1-9]\d{7,8}$/;

/**
 * A Cambodian phone number in E.164 form (`+855` and 8 or 9 digits), or undefined when `input` is
 * not one. Accepts the usual ways of writing it: `012 345 678`, `012-345-678`, `(012) 345 678`,
 * `+855 12 345 678`, `+855 (0)12 345 678`, `855 12 345 678`, `00855 12 345 678`, and Khmer digits.
 * A number without its leading 0 or country code is refused: it cannot be told apart from a typo.
 * Use the same function on search input, so that blind indexes of equal numbers match.
 *
 * @example normalisePhone('012 345 678') // '+85512345678'
 */
export function normalisePhone(input: string): string | undefined {
  if (input.length > IDENTIFIER_INPUT_MAX_LENGTH) return undefined;
  const compact = toAsciiDigits(input.replace(SEPARATORS, ''));
  let national: string;
  if (compact.startsWith('+855')) national = compact.slice(4);
  else if (compact.startsWith('00855')) national = compact.slice(5);
  // Country code without "+": 855 followed by a national number (with or without its trunk 0).
  else if (compact.startsWith('855') && compact.length >= 11 && compact.length <= 13) national = compact.slice(3);
  else if (compact.startsWith('0')) national = compact.slice(1);
  else return undefined;
  // The trunk 0 is often kept after the country code: +855 (0)12 345 678, +855 012 345 678.
  if (national.startsWith('0')) national = national.slice(1);
  return NATIONAL_NUMBER.test(national) ? `+855${national}` : undefined;
}

/** Schema of a `phone` field; parses to E.164 as {@link normalisePhone} does. */
export function phoneSchema() {
  return z.string().transform((value, ctx) => {
    const normal = normalisePhone(value);
    if (normal === undefined) {
      fail(ctx, 'invalid_phone');
      return z.NEVER;
    }
    return normal;
  });
}
