/**
 * Normalisers for searchable values: one canonical spelling per value, so that a blind index
 * computed on ingest matches the one computed from a search term. Each returns the canonical string
 * or throws `CryptoError` `ERR_NORMALISE_INVALID`; each is idempotent (`f(f(x)) === f(x)`).
 *
 * Error messages name the kind of value and the rule it broke, never the value.
 */
import { CryptoError } from './errors.js';
import { isWellFormed } from './lib/bytes.js';

/** Digits of a national ID number (Cambodian ID cards carry 9; the range leaves room for reissues). */
export const NATIONAL_ID_DIGITS = { min: 9, max: 12 } as const;

/**
 * Digits of a Cambodian national significant number (after +855 or the trunk 0): 8 for landlines
 * and older mobile ranges (`12 345 678`), 9 for newer mobile ranges (`97 123 4567`). ITU-T E.164.
 */
export const PHONE_NSN_DIGITS = { min: 8, max: 9 } as const;

function invalid(what: string): CryptoError {
  return new CryptoError('ERR_NORMALISE_INVALID', `not a valid ${what}`);
}

function requireString(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new TypeError(`${what} must be a string`);
  return value;
}

/** Khmer digits ០–៩ (U+17E0–U+17E9) → ASCII, as forms typed on Khmer keyboards carry them. */
function asciiDigits(s: string): string {
  return s.replace(/[\u17e0-\u17e9]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0x17e0 + 0x30));
}

/**
 * National ID number → its digits. Accepts ASCII or Khmer digits, optionally grouped by single
 * spaces or hyphens (`010 203 040`, `010-203-040`), with surrounding whitespace; anything else is
 * rejected, as are fewer than 9 or more than 12 digits.
 *
 * @example normaliseNationalId(' ០១០ ២០៣ ០៤០ ') === '010203040'
 */
export function normaliseNationalId(value: string): string {
  const s = asciiDigits(requireString(value, 'national ID').trim());
  if (!/^[0-9]+(?:[ -][0-9]+)*$/.test(s)) throw invalid('national ID: digits only');
  const digits = s.replace(/[ -]/g, '');
  if (digits.length < NATIONAL_ID_DIGITS.min || digits.length > NATIONAL_ID_DIGITS.max) throw invalid('national ID: wrong length');
  return digits;
}

/** One optional pair of parentheses around digits, e.g. an area code `(012)`. */
const PHONE_SHAPE = /^[0-9 .-]*(?:\([0-9]+\)[0-9 .-]*)?$/;

/**
 * Cambodian phone number → E.164 (`+855` followed by 8 or 9 digits, ITU-T E.164).
 *
 * Accepts the usual spellings, with spaces, hyphens, dots and one pair of parentheses as
 * separators and ASCII or Khmer digits: `012 345 678`, `012-345-678`, `(012) 345678`,
 * `+855 12 345 678`, `+855 (0)12 345 678`, `00855 12 345 678`, `85512345678`. Rejects other country
 * codes, letters, numbers without the trunk `0` or country code (ambiguous), and wrong lengths.
 *
 * @example normalisePhone('(012) 345678') === '+85512345678'
 */
export function normalisePhone(value: string): string {
  let s = asciiDigits(requireString(value, 'phone number').trim());
  const plus = s.startsWith('+');
  if (plus) s = s.slice(1);
  if (!PHONE_SHAPE.test(s) || !/[0-9]/.test(s)) throw invalid('phone number');
  const digits = s.replace(/[^0-9]/g, '');
  let nsn: string;
  if (digits.startsWith('0') && !plus && !digits.startsWith('00855')) {
    nsn = digits.slice(1); // trunk prefix 0
  } else {
    // Country code as +855, 00855 (international call prefix) or a bare 855.
    const country = plus ? '855' : digits.startsWith('00855') ? '00855' : digits.startsWith('855') ? '855' : undefined;
    if (country === undefined || !digits.startsWith(country)) throw invalid('phone number: not a Cambodian number');
    nsn = digits.slice(country.length);
    // `+855 (0)12…` and `+855 012…`: a trunk 0 kept after the country code. No NSN starts with 0.
    if (nsn.startsWith('0')) nsn = nsn.slice(1);
  }
  if (!/^[1-9][0-9]*$/.test(nsn) || nsn.length < PHONE_NSN_DIGITS.min || nsn.length > PHONE_NSN_DIGITS.max) {
    throw invalid('phone number: wrong length');
  }
  return `+855${nsn}`;
}

/** Zero-width space, non-joiner, joiner, word joiner and BOM: invisible, and common in Khmer text. */
const ZERO_WIDTH = /\u200b|\u200c|\u200d|\u2060|\ufeff/g;
const LATIN_RUN = /\p{Script=Latin}+/gu;
const CONTROL = /\p{Cc}/u;

/**
 * Person or place name → canonical form: zero-width characters (U+200B, U+200C, U+200D, U+2060,
 * U+FEFF) removed, Unicode NFC (UAX #15), runs of whitespace collapsed to one space, trimmed, and
 * Latin letters lower-cased. Khmer and other scripts are otherwise left as they are.
 *
 * Rejects an empty result, control characters and unpaired surrogates.
 *
 * @example normaliseName('  SOK\u200b  Dara ') === 'sok dara'
 */
export function normaliseName(value: string): string {
  const raw = requireString(value, 'name');
  if (!isWellFormed(raw)) throw invalid('name: not well-formed Unicode');
  let s = raw.replace(ZERO_WIDTH, '').normalize('NFC').replace(/\s+/gu, ' ').trim();
  if (CONTROL.test(s)) throw invalid('name: control character');
  // Lower-casing can decompose (İ → i + U+0307), so compose again afterwards.
  s = s.replace(LATIN_RUN, (run) => run.toLowerCase()).normalize('NFC');
  if (s.length === 0) throw invalid('name: empty');
  return s;
}

const DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/**
 * Calendar date → itself, if it is a valid proleptic-Gregorian date written `YYYY-MM-DD`
 * (ISO 8601 / RFC 3339 §5.6 `full-date`), years 0001–9999. No trimming, no other spellings.
 *
 * @example normaliseDate('2024-02-29') === '2024-02-29'; normaliseDate('2023-02-29') throws
 */
export function normaliseDate(value: string): string {
  const m = DATE.exec(requireString(value, 'date'));
  if (m === null) throw invalid('date: expected YYYY-MM-DD');
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw invalid('date: no such day');
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
