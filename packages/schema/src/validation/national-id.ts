import * as z from 'zod';
import { normaliseNationalId as cryptoNormaliseNationalId } from '@need2know/crypto';
import { fail } from './fail.js';
import { IDENTIFIER_INPUT_MAX_LENGTH } from './limits.js';

/** Cambodian national ID card numbers have 9 digits. */
const NATIONAL_ID = /^\d{9}$/;

/**
 * A Cambodian national ID card number in its normal form (9 ASCII digits), or undefined when `input`
 * is not one. Spaces and hyphens between groups are removed and Khmer digits read as digits, so
 * "០១២ ៣៤៥ ៦៧៨" gives "012345678". It is the crypto package's normaliser — the one blind indexes use
 * — narrowed to the 9-digit card format.
 */
export function normaliseNationalId(input: string): string | undefined {
  if (input.length > IDENTIFIER_INPUT_MAX_LENGTH) return undefined;
  try {
    const digits = cryptoNormaliseNationalId(input);
    return NATIONAL_ID.test(digits) ? digits : undefined;
  } catch {
    return undefined;
  }
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
