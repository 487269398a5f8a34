import { personLinks, type RecordTypeDef } from '@need2know/schema';
import { NARRATIVE_ROLES, type LinkedPerson, type NarrativeRole } from './narrative/types.js';

/** The fields of a person (or of a record that names its person itself) that identify them in free text. */
export const IDENTIFYING_FIELDS = ['name_km', 'name_latin', 'nicknames', 'phone', 'national_id', 'date_of_birth'] as const;

/** The list member that gives a linked person's role (`case.persons[].role`). */
const ROLE_MEMBER = 'role';

type Fields = Readonly<Record<string, unknown>>;

function strings(...values: unknown[]): string[] {
  return values.filter((v): v is string => typeof v === 'string' && v.length > 0);
}

/** A linked person with `role`, from the identifying fields of `fields` (absent fields give nothing). */
function fromFields(role: NarrativeRole, fields: Fields | undefined): LinkedPerson {
  const f = fields ?? {};
  return {
    role,
    names: strings(f['name_latin'], f['name_km']),
    nicknames: strings(f['nicknames']),
    phones: strings(f['phone']),
    nationalIds: strings(f['national_id']),
    datesOfBirth: strings(f['date_of_birth']),
  };
}

function roleOf(value: unknown): NarrativeRole {
  return (NARRATIVE_ROLES as readonly unknown[]).includes(value) ? (value as NarrativeRole) : 'person';
}

/**
 * The persons linked to `record` (of type `def`), in the order the record lists them, for
 * `redactNarrative`: each person record it refers to (`case.persons[].person_id`, with the item's
 * `role`), looked up in `persons` (their {@link IDENTIFYING_FIELDS}, opened); and, for a record that
 * names its person itself (a person record, a health case by national ID), that person from the
 * record's own fields. A referenced person missing from `persons` keeps its place and label with no
 * identifiers, so the labels of the others do not shift.
 *
 * @example linkedPersonsOf(crimeCase, { id: 'C-1', persons: [{ person_id: 'P-1', role: 'victim' }] }, new Map([['P-1', { name_latin: 'Sok Dara' }]]))
 * // [{ role: 'victim', names: ['Sok Dara'], nicknames: [], phones: [], nationalIds: [], datesOfBirth: [] }]
 */
export function linkedPersonsOf(def: RecordTypeDef, record: Fields, persons: ReadonlyMap<string, Fields>): LinkedPerson[] {
  const out: LinkedPerson[] = [];
  let own = false;
  for (const link of personLinks(def)) {
    if (link.kind !== 'ref') {
      // A person record, or a record naming its person by national ID: that person is the record's own fields (once).
      if (!own) out.push(fromFields('person', record));
      own = true;
      continue;
    }
    const value = record[link.field];
    const items: unknown[] = link.member === null ? [{ [link.field]: value }] : Array.isArray(value) ? value : [];
    const member = link.member ?? link.field;
    for (const item of items) {
      if (typeof item !== 'object' || item === null) continue;
      const id = (item as Fields)[member];
      if (typeof id !== 'string') continue;
      out.push(fromFields(roleOf((item as Fields)[ROLE_MEMBER]), persons.get(id)));
    }
  }
  return out;
}

/**
 * The fields of `def` to open so that {@link linkedPersonsOf} finds the persons linked to a record:
 * the fields holding person references, and the record's own identifying fields when it names its
 * person itself.
 */
export function linkFieldsToOpen(def: RecordTypeDef): string[] {
  const wanted = new Set<string>();
  for (const link of personLinks(def)) {
    if (link.kind === 'ref') wanted.add(link.field);
    else for (const name of IDENTIFYING_FIELDS) if (Object.hasOwn(def.fields, name)) wanted.add(name);
  }
  return [...wanted];
}
