import { sha256hex } from '../../platform/lib/digest.js';

/**
 * One-time enrolment codes: what an agency's administrator hands an officer (on paper, by phone) so
 * the officer's viewer can register the keys it made. 120 random bits, written in Crockford base32
 * (no I, L, O, U: nothing to misread), in four groups of six, e.g. `7QK2M9-...`.
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Random bits in a code: out of reach of guessing, even without an attempt limit. */
export const ENROLMENT_CODE_BITS = 120;
const CHARS = ENROLMENT_CODE_BITS / 5;
const GROUP = 6;

/** A fresh code from the platform CSPRNG, grouped for reading aloud. */
export function newEnrolmentCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(ENROLMENT_CODE_BITS / 8));
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(new RegExp(`.{${GROUP}}`, 'g'))?.join('-') ?? out;
}

/**
 * The canonical form of what an officer typed: case and separators ignored, and the letters people
 * confuse with digits read as those digits (Crockford). Null when it cannot be a code.
 */
export function normaliseEnrolmentCode(typed: string): string | null {
  const s = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== CHARS) return null;
  for (const ch of s) if (!ALPHABET.includes(ch)) return null;
  return s;
}

/** What is stored of a code: a domain-separated SHA-256 of its canonical form (the code itself never is). */
export function enrolmentCodeHash(canonical: string): Promise<string> {
  return sha256hex(`need2know/enrolment-code/v1:${canonical}`);
}
