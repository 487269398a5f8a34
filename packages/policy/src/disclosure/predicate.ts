import { isCalendarDate, isMinorOn, type FieldDef } from '@need2know/schema';
import { listedOn } from '../civil-date.js';

/** True when a value is there: not absent, not empty text, not an empty list. */
function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
}

/**
 * A field disclosed as a yes/no `predicate`; undefined means the field is left out.
 *
 * - booleans (`red_notice`, the derived `minor`) → as is;
 * - a listing list (`blacklist`: items with `listed_from` / `listed_until`) → listed today: some
 *   window holds `today` (an expired or future listing does not count; no listings → false);
 * - `date_of_birth` → a minor today (under 18);
 * - `result` → `value === 'positive'`;
 * - `criterion` → left out: a yes/no needs a question ("is it criterion 2?"), which the check
 *   endpoint takes as a parameter; a record has none to answer, and carries no criterion predicate;
 * - anything else (`national_id`, …) → the value is present.
 *
 * A yes/no about a value that is absent is left out, except presence and listing, which are false.
 *
 * @example disclosePredicate('blacklist', blacklistDef, [{ list: 'drug_offence_officials', listed_from: '2024-01-01', listed_until: '2026-12-31' }], '2026-06-30') // true
 * @example disclosePredicate('national_id', idDef, '012345678', today) // true
 */
export function disclosePredicate(name: string, field: FieldDef, value: unknown, today: string): boolean | undefined {
  if (name === 'criterion') return undefined;
  if (field.kind === 'list' && field.items?.['listed_from'] !== undefined && field.items['listed_until'] !== undefined) return listedOn(value, today);
  if (value === undefined || value === null) return field.kind === 'boolean' || name === 'date_of_birth' || name === 'result' ? undefined : false;
  if (field.kind === 'boolean') {
    if (typeof value !== 'boolean') throw new TypeError(`${name} must be a boolean`);
    return value;
  }
  if (name === 'date_of_birth') {
    if (typeof value !== 'string' || !isCalendarDate(value)) throw new TypeError(`${name} must be a calendar date`);
    return isMinorOn(value, today);
  }
  if (name === 'result') return value === 'positive';
  return present(value);
}
