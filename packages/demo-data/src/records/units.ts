import type { Rng } from '../lib/prng.js';
import { places, unitLabel } from '../places/places.js';
import type { Province, Village } from '../places/types.js';
import { PROVINCIAL_BUREAUX } from '../vocab/units.js';

/** "Phnom Penh Municipal Police" or "Kampot Provincial Police". */
export function provincialPolice(province: Province): string {
  return province.kind === 'capital' ? 'Phnom Penh Municipal Police' : `${province.nameLatin} Provincial Police`;
}

/**
 * The unit handling a case at `village`: a specialised provincial bureau for some drug, trafficking and
 * gang cases, otherwise the district police inspectorate or the commune's administrative police post.
 */
export function handlingUnit(rng: Rng, criterion: number, village: Village): string {
  const province = places.province(village.provinceCode);
  const district = places.district(village.districtCode);
  const commune = places.commune(village.communeCode);
  if (province === undefined || district === undefined || commune === undefined) throw new TypeError('village outside the hierarchy');
  const bureau = PROVINCIAL_BUREAUX[criterion];
  if (bureau !== undefined && rng.chance(0.4)) return `${bureau}, ${provincialPolice(province)}`;
  if (rng.chance(0.7)) return `${unitLabel(district)} Police Inspectorate, ${province.nameLatin}`;
  return `${unitLabel(commune)} Administrative Police Post, ${unitLabel(district)}`;
}
