import { SAFE_VILLAGE_CRITERIA, type FieldDef, type PlaceCodes } from '@need2know/schema';
import { generaliseDate } from './dates.js';
import { discloseItems } from './items.js';

type Generalisation = NonNullable<FieldDef['generalise']>;
type PlaceLevel = 'province' | 'district' | 'commune';

/** The administrative levels kept for each place generalisation, top down. */
const PLACE_LEVELS: Readonly<Record<PlaceLevel, readonly (keyof PlaceCodes)[]>> = {
  province: ['province'],
  district: ['province', 'district'],
  commune: ['province', 'district', 'commune'],
};

/** What generalising needs besides the field: the day ages and age bands are counted on. */
export interface GeneraliseContext {
  /** Today as YYYY-MM-DD. */
  readonly today: string;
}

/** A safe-village criterion with its title, as a generalised offence is released. */
export interface CriterionValue {
  readonly criterion: number;
  readonly title: string;
}

/**
 * A place cut to `level`: the codes down to it, never the ones below (a village never leaves).
 *
 * @example generalisePlace({ province: '12', district: '1201', commune: '120101', village: '12010101' }, 'district')
 * // { province: '12', district: '1201' }
 */
export function generalisePlace(value: unknown, level: PlaceLevel): Partial<PlaceCodes> {
  if (typeof value !== 'object' || value === null) throw new TypeError('generalised place must be a place');
  const place = value as Readonly<Record<string, unknown>>;
  const out: Record<string, string> = {};
  for (const key of PLACE_LEVELS[level]) {
    const code = place[key];
    if (typeof code !== 'string') throw new TypeError('generalised place must be a place');
    out[key] = code;
  }
  return out;
}

/**
 * The safe-village criterion of a case, with its title, standing in for the specific offence; undefined
 * when the record carries no criterion (open `criterion` with the offence: see `fieldsToOpen` in @need2know/policy).
 *
 * @example generaliseCriterion(2) // { criterion: 2, title: 'Producing or dealing illegal drugs' }
 */
export function generaliseCriterion(criterion: unknown): CriterionValue | undefined {
  if (criterion === undefined || criterion === null) return undefined;
  const title =
    typeof criterion === 'number' && Object.hasOwn(SAFE_VILLAGE_CRITERIA, criterion)
      ? SAFE_VILLAGE_CRITERIA[criterion as keyof typeof SAFE_VILLAGE_CRITERIA]
      : undefined;
  if (title === undefined) throw new TypeError('criterion must be a safe-village criterion number');
  return { criterion: criterion as number, title };
}

function generaliseOne(path: string, as: Generalisation | undefined, value: unknown, record: Readonly<Record<string, unknown>>, today: string): unknown {
  switch (as) {
    case 'year':
    case 'month':
    case 'week':
    case 'age_band':
      return generaliseDate(value, as, today);
    case 'province':
    case 'district':
    case 'commune':
      return generalisePlace(value, as);
    case 'criterion':
      return generaliseCriterion(record['criterion']);
    case undefined:
      throw new TypeError(`${path} declares generalised but no generalise`);
  }
}

/**
 * A field disclosed `generalised`, as its declaration's `generalise` says:
 *
 * - `year` → `"1990"`; `month` → `"2026-06"`; `week` → `"2026-W27"` (ISO 8601); `age_band` → `"35–39"`,
 *   the band of the age on `ctx.today` (`"90+"` at the top);
 * - `commune` / `district` / `province` → the place's codes down to that level, lower levels dropped;
 * - `criterion` → `{ criterion: 2, title: 'Producing or dealing illegal drugs' }` from the record's
 *   `criterion`, instead of the offence;
 * - a list → each item's generalisable fields generalised (see `discloseItems`).
 *
 * @example discloseGeneralised('address', addressDef, { province: '12', district: '1201', commune: '120101', village: '12010101' }, record, ctx)
 * // { province: '12', district: '1201', commune: '120101' }
 * @throws TypeError when the declaration has no `generalise` or the value is not of its kind.
 */
export function discloseGeneralised(path: string, field: FieldDef, value: unknown, record: Readonly<Record<string, unknown>>, ctx: GeneraliseContext): unknown {
  if (value === undefined || value === null) return undefined;
  if (field.kind === 'list') {
    return discloseItems(path, field, value, 'generalised', (itemField, itemValue, itemPath) =>
      generaliseOne(itemPath, itemField.generalise, itemValue, record, ctx.today),
    );
  }
  return generaliseOne(path, field.generalise, value, record, ctx.today);
}
