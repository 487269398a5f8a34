import { type Rng, cumulative } from '../lib/prng.js';
import { fromDay } from '../lib/dates.js';
import { FAMILY_NAMES, FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES, UNISEX_GIVEN_NAMES } from '../vocab/names.js';
import { MOBILE_PREFIXES } from '../vocab/phones.js';

/** A synthetic person's sex and full name in both scripts. */
export interface Identity {
  readonly sex: 'F' | 'M' | 'X';
  readonly nameKm: string;
  readonly nameLatin: string;
}

/** Share of records with sex X (neither F nor M recorded). */
const SEX_X_SHARE = 0.001;
/** Share of given names drawn from the unisex list. */
const UNISEX_SHARE = 0.15;

/** Youngest adult age in days (18 years and a safety margin for leap days), oldest minor age in days. */
const ADULT_MIN_DAYS = 18 * 366;
const MINOR_MAX_DAYS = 18 * 365 - 5;
/** Adults are 18 to 85, skewed young like Cambodia's population. */
const ADULT_SPAN_DAYS = 67 * 365;
const ADULT_SKEW = 1.6;

const PHONES = cumulative(MOBILE_PREFIXES.map(([prefix, digits, weight]) => [[prefix, digits] as const, weight] as const));

/** A name and sex; `femaleShare` is the chance of F among F and M. */
export function randomIdentity(rng: Rng, femaleShare = 0.505): Identity {
  const roll = rng.float();
  const sex = roll < SEX_X_SHARE ? 'X' : roll < SEX_X_SHARE + femaleShare * (1 - SEX_X_SHARE) ? 'F' : 'M';
  const [familyKm, familyLatin] = rng.pick(FAMILY_NAMES);
  const given = sex === 'X' || rng.chance(UNISEX_SHARE) ? UNISEX_GIVEN_NAMES : sex === 'F' ? FEMALE_GIVEN_NAMES : MALE_GIVEN_NAMES;
  const [givenKm, givenLatin] = rng.pick(given);
  return { sex, nameKm: `${familyKm} ${givenKm}`, nameLatin: `${familyLatin} ${givenLatin}` };
}

/** A date of birth: a minor (under 18 on `referenceDay`) with probability `minorShare`, else an adult of 18–85. */
export function randomDateOfBirth(rng: Rng, referenceDay: number, minorShare: number): string {
  const daysOld = rng.chance(minorShare) ? rng.int(MINOR_MAX_DAYS) : ADULT_MIN_DAYS + Math.floor(rng.float() ** ADULT_SKEW * ADULT_SPAN_DAYS);
  return fromDay(referenceDay - daysOld);
}

/** A Cambodian mobile number in E.164 with a real operator prefix and random subscriber digits. */
export function randomPhone(rng: Rng): string {
  const [prefix, digits] = rng.weighted(PHONES);
  // First subscriber digit 1–9, as operators do not issue numbers starting with 0.
  let subscriber = String(rng.between(1, 9));
  for (let i = 1; i < digits; i++) subscriber += String(rng.int(10));
  return `+855${prefix}${subscriber}`;
}
