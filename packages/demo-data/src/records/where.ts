import type { PlaceCodes } from '@need2know/schema';
import { type Rng, cumulative } from '../lib/prng.js';
import { places } from '../places/places.js';
import type { Province, Village } from '../places/types.js';

const BY_POPULATION = cumulative(places.provinces.map((p) => [p, p.population] as const));

/** A village drawn by province population, then uniformly by district, commune and village; or within `province`. */
export function randomVillage(rng: Rng, province?: Province): Village {
  const p = province ?? rng.weighted(BY_POPULATION);
  const district = rng.pick(p.districts);
  const commune = rng.pick(district.communes);
  return rng.pick(commune.villages);
}

/** The place value of a village, with or without the village code itself. */
export function placeValue(village: Village, withVillage = true): PlaceCodes {
  return withVillage
    ? { province: village.provinceCode, district: village.districtCode, commune: village.communeCode, village: village.code }
    : { province: village.provinceCode, district: village.districtCode, commune: village.communeCode };
}

/** The province a place lies in (codes from the hierarchy always resolve). */
export function provinceOf(place: PlaceCodes): Province {
  const province = places.province(place.province);
  if (province === undefined) throw new TypeError('place outside the hierarchy');
  return province;
}
