/**
 * Sizes and proportions of the demo data, in one place. Proportions are plausible, not statistics of
 * any real population.
 */

/** Seed used when none is given; any string or number works. */
export const DEFAULT_SEED = 'need2know-demo';

/** Day the data is "as of". Fixed, so the same seed gives the same minors, listings and statuses forever. */
export const DEFAULT_REFERENCE_DATE = '2026-06-30';

/** Default number of records of each type. */
export const DEFAULT_PERSONS = 10_000;

/** Other record counts per person when only the number of persons is given (10 k persons → 20 k cases, 2 k health cases, 500 discipline records). */
export const PER_PERSON = { cases: 2, healthCases: 0.2, disciplines: 0.05 } as const;

/** Largest count per type: ids carry eight digits. */
export const MAX_RECORDS_PER_TYPE = 99_999_999;

/** Share of persons under 18 on the reference date. */
export const MINOR_SHARE = 0.08;

/** Share of persons under a red notice (all adults). */
export const RED_NOTICE_SHARE = 0.01;

/** Share of adults on the blacklist of officials convicted of drug offences, whose listings may be past, current or future. */
export const BLACKLIST_SHARE = 0.002;

/** Share of persons with a phone number and with an identity photo. */
export const PHONE_SHARE = 0.85;
export const PHOTO_SHARE = 0.7;

/** Share of persons recorded with a nickname (written in both scripts: "Pov, ពៅ"). */
export const NICKNAME_SHARE = 0.35;

/** Cases and discipline decisions spread over the three years up to the reference date. */
export const HISTORY_DAYS = 3 * 365;

/** Health cases spread over an outbreak of this many days up to the reference date. */
export const OUTBREAK_DAYS = 120;

/** Share of health-case patients who are also persons of the crime-management data (so matching across owners can be shown). */
export const HEALTH_LINKED_SHARE = 0.5;

/** Share of cases marked sensitive (needing leadership approval): higher under criterion 3, ≈ 3 % overall. */
export const SENSITIVE_SHARE = { criterion3: 0.07, criterion3WithMinor: 0.2, other: 0.015 } as const;

/** Distinct officers per discipline record: some officers are disciplined more than once. */
export const OFFICERS_PER_DISCIPLINE = 0.85;
