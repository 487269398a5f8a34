import { fromDay } from '../lib/dates.js';
import { permute } from '../lib/permutation.js';
import { cumulative, streamRng } from '../lib/prng.js';
import { HISTORY_DAYS, OFFICERS_PER_DISCIPLINE } from '../constants.js';
import { disciplineId } from '../ids.js';
import { places, unitLabel } from '../places/places.js';
import { CAPITAL_CODE } from '../places/provinces.js';
import type { District } from '../places/types.js';
import { NATIONAL_DEPARTMENTS } from '../vocab/units.js';
import { type GeneratorContext, STREAMS } from './context.js';
import { randomIdentity } from './identity.js';
import type { DisciplineRecord } from './types.js';
import { placeValue, randomVillage } from './where.js';

const MEASURES = cumulative([
  ['warning', 45],
  ['suspension', 25],
  ['demotion', 15],
  ['dismissal', 15],
] as const);
const LEVELS = cumulative([
  ['national', 15],
  ['province', 35],
  ['district', 50],
] as const);
/** Service numbers are six digits; the officer pool never outgrows them. */
const SERVICE_NUMBER_SPACE = 1_000_000;
const MAX_OFFICERS = 900_000;
/** Most officers in the data are men. */
const FEMALE_OFFICER_SHARE = 0.12;

type Officer = Pick<DisciplineRecord, 'officer_id' | 'officer_name_km' | 'officer_name_latin' | 'unit' | 'unit_level' | 'unit_place'>;

/** The officer at `index` of the dataset's pool: name, service number and unit, the same in each of their records. */
function officerAt(context: GeneratorContext, index: number): Officer {
  const rng = streamRng(context.key, STREAMS.officer, index);
  const identity = randomIdentity(rng, FEMALE_OFFICER_SHARE);
  const level = rng.weighted(LEVELS);
  const officer = {
    officer_id: `NP-${String(permute(index, SERVICE_NUMBER_SPACE, context.key[1])).padStart(6, '0')}`,
    officer_name_km: identity.nameKm,
    officer_name_latin: identity.nameLatin,
  };
  const village = randomVillage(rng);
  const province = places.province(village.provinceCode);
  const district = places.district(village.districtCode);
  if (province === undefined || district === undefined) throw new TypeError('village outside the hierarchy');
  // A unit sits in the first commune of its district; provincial commissariats in the provincial town,
  // national headquarters in the capital's first khan.
  const seatOf = (seat: District | undefined) => {
    const first = seat?.communes[0]?.villages[0];
    return placeValue(first ?? village, false);
  };
  switch (level) {
    case 'national':
      return {
        ...officer,
        unit: `General Commissariat of National Police, ${rng.pick(NATIONAL_DEPARTMENTS)}`,
        unit_level: level,
        unit_place: seatOf(places.province(CAPITAL_CODE)?.districts[0]),
      };
    case 'province':
      return {
        ...officer,
        unit: province.kind === 'capital' ? 'Phnom Penh Municipal Police Commissariat' : `${province.nameLatin} Provincial Police Commissariat`,
        unit_level: level,
        unit_place: seatOf(province.districts[0]),
      };
    case 'district':
      return { ...officer, unit: `${unitLabel(district)} Police Inspectorate, ${province.nameLatin}`, unit_level: level, unit_place: seatOf(district) };
  }
}

/** The discipline record at `index` (0-based): a measure taken against an officer of the pool. */
export function disciplineAt(context: GeneratorContext, index: number): DisciplineRecord {
  const rng = streamRng(context.key, STREAMS.discipline, index);
  const pool = Math.min(MAX_OFFICERS, Math.max(1, Math.ceil(context.sizes.disciplines * OFFICERS_PER_DISCIPLINE)));
  const officer = officerAt(context, rng.int(pool));
  return {
    id: disciplineId(index),
    ...officer,
    measure: rng.weighted(MEASURES),
    decided_on: fromDay(context.referenceDay - rng.int(HISTORY_DAYS)),
  };
}
