import * as z from 'zod';
import { toAsciiDigits } from './digits.js';
import { fail } from './fail.js';
import { IDENTIFIER_INPUT_MAX_LENGTH } from './limits.js';

const NATIONAL_ID = /^\d{9}$/;

/**
 * A Cambodian national ID card number in its normal form (9 ASCII digits), or undefined when `input`
 * is not one. Spaces are removed and Khmer digits read as digits, so "០១២ ៣៤៥ ៦៧៨" gives "012345678".
 * Use the same function on search input, so that blind indexes of equal numbers match.
 */
export function normaliseNationalId(input: string): string | undefined {
  if (input.length > IDENTIFIER_INPUT_MAX_LENGTH) return undefined;
  const digits = toAsciiDigits(input.replace(/[ \u00a0]/g, ''));
  return NATIONAL_ID.test(digits) ? digits : undefined;
}

/** Schema of a `national_id` field; parses to the normal form of {@link normaliseNationalId}. */
export function nationalIdSchema() {
  return z.string().transform((value, ctx) => {
    const normal = normaliseNationalId(value);
    if (normal === undefined) {
      fail(ctx, 'invalid_national_id');
      return z.NEVER;
    }
    return normal;
  });
}
