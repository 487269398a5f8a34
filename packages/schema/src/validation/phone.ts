import * as z from 'zod';
import { normalisePhone as cryptoNormalisePhone } from '@need2know/crypto';
import { fail } from './fail.js';
import { IDENTIFIER_INPUT_MAX_LENGTH } from './limits.js';

/**
 * A Cambodian phone number in E.164 form (`+855` and 8 or 9 digits), or undefined when `input` is
 * not one. Accepts the usual ways of writing it: `012 345 678`, `012-345-678`, `(012) 345 678`,
 * `+855 12 345 678`, `+855 (0)12 345 678`, `855 12 345 678`, `00855 12 345 678`, and Khmer digits.
 * It is the crypto package's normaliser — the one blind indexes use — so that a stored number and
 * a search term are always normalised alike.
 *
 * @example normalisePhone('012 345 678') // '+85512345678'
 */
export function normalisePhone(input: string): string | undefined {
  if (input.length > IDENTIFIER_INPUT_MAX_LENGTH) return undefined;
  try {
    return cryptoNormalisePhone(input);
  } catch {
    return undefined;
  }
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
