import type { RecordTypeDef } from './fields.js';
import type { IngestRecord } from './validate.js';
import { isCalendarDate } from './validation/date.js';

/** Age of majority under the Civil Code of Cambodia: a person under 18 is a minor. */
export const AGE_OF_MAJORITY = 18;

type Derivation = (record: IngestRecord, today: string) => unknown;

/** How each derived field is computed, by record type and field. A derived declaration without an entry here is a bug. */
const DERIVATIONS: Readonly<Record<string, Readonly<Record<string, Derivation>>>> = {
  person: {
    minor: (record, today) => (typeof record['date_of_birth'] === 'string' ? isMinorOn(record['date_of_birth'], today) : undefined),
  },
};

/**
 * True when someone born on `dateOfBirth` is under {@link AGE_OF_MAJORITY} on `today` (both
 * YYYY-MM-DD). Someone born on 29 February comes of age on 1 March in common years.
 */
export function isMinorOn(dateOfBirth: string, today: string): boolean {
  const comingOfAge = `${String(Number(dateOfBirth.slice(0, 4)) + AGE_OF_MAJORITY).padStart(4, '0')}${dateOfBirth.slice(4)}`;
  return today < comingOfAge;
}

/**
 * `record` with its derived fields computed as of `today` (YYYY-MM-DD), e.g. `person.minor` from
 * `date_of_birth`. Derived values go stale (a minor comes of age), so compute them when disclosing, not
 * only on ingest. A derived field whose inputs are absent is left out. Throws TypeError for a malformed
 * `today` or a derived declaration with no derivation.
 *
 * @example deriveFields(person, record, '2026-06-30').minor
 */
export function deriveFields(def: RecordTypeDef, record: IngestRecord, today: string): IngestRecord {
  if (!isCalendarDate(today)) throw new TypeError('today must be a calendar date YYYY-MM-DD');
  const derived: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(def.fields)) {
    if (field.derived !== true) continue;
    const derive = DERIVATIONS[def.name]?.[name];
    if (derive === undefined) throw new TypeError(`no derivation for ${def.name}.${name}`);
    const value = derive(record, today);
    if (value !== undefined) derived[name] = value;
  }
  return { ...record, ...derived };
}
