import * as z from 'zod';
import { fail } from './fail.js';
import { PROVINCE_CODE_MAX } from './limits.js';

/** A place in Cambodia's administrative hierarchy, by code. `village` is optional: many records stop at the commune. */
export interface PlaceCodes {
  readonly province: string;
  readonly district: string;
  readonly commune: string;
  readonly village?: string;
}

const PATTERNS = { province: /^\d{2}$/, district: /^\d{4}$/, commune: /^\d{6}$/, village: /^\d{8}$/ } as const;

/** True when each code has the right number of digits (whether they nest is {@link placeProblem}'s business). */
function wellFormed(place: PlaceCodes): boolean {
  return (
    PATTERNS.province.test(place.province) &&
    PATTERNS.district.test(place.district) &&
    PATTERNS.commune.test(place.commune) &&
    (place.village === undefined || PATTERNS.village.test(place.village))
  );
}

/**
 * The problem with a place's codes, or undefined when they are sound: province 01–25, and each lower
 * code extends the one above by two digits other than 00 (district 1201 lies in province 12, commune
 * 120101 in district 1201, village 12010101 in commune 120101).
 */
export function placeProblem(place: PlaceCodes): 'invalid_place' | 'inconsistent_place' | undefined {
  if (!wellFormed(place)) return 'invalid_place';
  const province = Number(place.province);
  if (!(province >= 1 && province <= PROVINCE_CODE_MAX)) return 'invalid_place';
  const levels = [place.province, place.district, place.commune, ...(place.village === undefined ? [] : [place.village])];
  for (let i = 1; i < levels.length; i++) {
    const parent = levels[i - 1] ?? '';
    const child = levels[i] ?? '';
    if (!child.startsWith(parent)) return 'inconsistent_place';
    if (child.endsWith('00')) return 'invalid_place';
  }
  return undefined;
}

/** Schema of a `place` field: `{ province, district, commune, village? }` codes that nest (see {@link placeProblem}). */
export function placeSchema() {
  return z
    .strictObject({
      province: z.string().regex(PATTERNS.province),
      district: z.string().regex(PATTERNS.district),
      commune: z.string().regex(PATTERNS.commune),
      village: z.string().regex(PATTERNS.village).optional(),
    })
    .superRefine((place, ctx) => {
      // A malformed code is already reported at its own path.
      if (!wellFormed(place)) return;
      const problem = placeProblem(place);
      if (problem !== undefined) fail(ctx, problem);
    });
}
